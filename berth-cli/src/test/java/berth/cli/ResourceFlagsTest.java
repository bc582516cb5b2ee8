package berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The resource flags of run/create and update: docker's parsers, messages and body fields. */
class ResourceFlagsTest {
    @TempDir Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static String hostConfig(String... args) throws Exception {
        var s = RunOptionsTest.session(new ByteArrayOutputStream(), new ByteArrayOutputStream());
        RunCommand run = new RunCommand(s);
        new CommandLine(run).setStopAtPositional(true).parseArgs(args);
        return Json.docker().readTree(Json.docker().writeValueAsString(CreateBody.of(run.options.spec(run.detach, s))))
                .get("HostConfig").toString();
    }

    @Test
    void everyResourceFlagLandsInItsHostConfigField() throws Exception {
        assertThat(hostConfig("-m", "64m", "--memory-swap", "-1", "--memory-reservation", "32M", "--memory-swappiness",
                "10", "--cpus", "1.5", "-c", "512", "--cpuset-cpus", "0-1", "--cpuset-mems", "0", "--pids-limit", "50",
                "--blkio-weight", "300", "--ulimit", "nofile=1024:2048", "--ulimit", "nproc=10", "--shm-size", "1g",
                "--oom-kill-disable", "--oom-score-adj", "500", "busybox"))
                .isEqualTo("{\"NetworkMode\":\"default\",\"AutoRemove\":false,\"Memory\":67108864,\"MemorySwap\":-1,"
                        + "\"MemoryReservation\":33554432,\"MemorySwappiness\":10,\"NanoCpus\":1500000000,\"CpuShares\":512,"
                        + "\"CpusetCpus\":\"0-1\",\"CpusetMems\":\"0\",\"PidsLimit\":50,\"BlkioWeight\":300,"
                        + "\"Ulimits\":[{\"Name\":\"nofile\",\"Soft\":1024,\"Hard\":2048},{\"Name\":\"nproc\",\"Soft\":10,\"Hard\":10}],"
                        + "\"ShmSize\":1073741824,\"OomKillDisable\":true,\"OomScoreAdj\":500}");
        assertThat(hostConfig("--cpu-period", "50000", "--cpu-quota", "25000", "busybox"))
                .contains("\"CpuPeriod\":50000,\"CpuQuota\":25000");
    }

    @Test
    void dockersMessagesForBadValues() {
        assertThatThrownBy(() -> hostConfig("-m", "x", "busybox")).isInstanceOf(CliException.class)
                .hasMessageStartingWith("invalid argument \"x\" for \"-m, --memory\" flag: invalid size: 'x'");
        assertThatThrownBy(() -> hostConfig("--cpus", "abc", "busybox"))
                .hasMessageStartingWith("invalid argument \"abc\" for \"--cpus\" flag: failed to parse abc as a rational number");
        assertThatThrownBy(() -> hostConfig("--ulimit", "nofile", "busybox"))
                .hasMessageStartingWith("invalid argument \"nofile\" for \"--ulimit\" flag: invalid ulimit argument: nofile");
        assertThatThrownBy(() -> hostConfig("--ulimit", "nofile=10:5", "busybox")).hasMessageStartingWith(
                "invalid argument \"nofile=10:5\" for \"--ulimit\" flag: ulimit soft limit must be less than or equal to hard limit: 10 > 5");
        assertThatThrownBy(() -> hostConfig("--ulimit", "foo=1", "busybox"))
                .hasMessageStartingWith("invalid argument \"foo=1\" for \"--ulimit\" flag: invalid ulimit type: foo");
        assertThatThrownBy(() -> hostConfig("--memory-swappiness", "200", "busybox"))
                .hasMessageStartingWith("berth: invalid value: 200. Valid memory swappiness range is 0-100");
        assertThat(((CliException) catchCli(() -> hostConfig("-m", "x", "busybox"))).exitCode()).isEqualTo(125);
    }

    @Test
    void sizesAreBinaryAsDockers() {
        assertThat(ResourceFlags.bytes("-m", "1024", "run")).isEqualTo(1024);
        assertThat(ResourceFlags.bytes("-m", "1.5k", "run")).isEqualTo(1536);
        assertThat(ResourceFlags.bytes("-m", "8MiB", "run")).isEqualTo(8L << 20);
        assertThat(ResourceFlags.nanoCpus("0.01", "run")).isEqualTo(10_000_000);
        assertThatThrownBy(() -> ResourceFlags.nanoCpus("0.0000000001", "run")).hasMessageContaining("value is too precise");
    }

    @Test
    void updateSendsOnlyTheFlagsGivenAndPrintsTheContainer() throws Exception {
        try (var d = new ScriptedDaemon(dir, (line, b, o) -> {
            if (line.startsWith("GET /_ping")) ScriptedDaemon.reply(o, 200, "OK");
            else if (line.contains("/containers/web/update")) ScriptedDaemon.reply(o, 200, "{\"Warnings\":[\"careful\"]}");
            else ScriptedDaemon.reply(o, 404, "{\"message\":\"No such container: nope\"}");
        })) {
            assertThat(berth(d, "update", "-m", "128m", "--cpus", "0.5", "--pids-limit", "-1", "--restart", "on-failure:3", "web"))
                    .isZero();
            assertThat(d.bodies.getLast()).isEqualTo("{\"Memory\":134217728,\"PidsLimit\":-1,\"NanoCpus\":500000000,"
                    + "\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}}");
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("web\ncareful\n");
            assertThat(berth(d, "update", "-m", "128m", "nope")).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("Error response from daemon: No such container: nope");
            assertThat(berth(d, "update", "web")).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("you must provide one or more flags when using this command");
        }
    }

    private int berth(ScriptedDaemon d, String... args) {
        return d.berth(RunOptionsTest.session(out, err), args);
    }

    private static Throwable catchCli(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("no exception");
    }
}
