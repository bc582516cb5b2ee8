package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static berth.tests.Containers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Resource limits through docker-java: what inspect shows, what the container's cgroup really holds (read from
 * inside, through its cgroup namespace), update of a running container, OOM kills, ulimits and pids limits.
 */
@ExtendWith(BerthExtension.class)
class ResourcesTest {
    private static final boolean V2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
    /** memory limit, CFS quota, cpuset, pids limit, as the container sees its own cgroup. */
    private static final String LIMITS = V2
            ? "cat /sys/fs/cgroup/memory.max; cut -d' ' -f1 /sys/fs/cgroup/cpu.max; cat /sys/fs/cgroup/cpuset.cpus;"
              + " cat /sys/fs/cgroup/pids.max"
            : "cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us"
              + " /sys/fs/cgroup/cpuset/cpuset.cpus /sys/fs/cgroup/pids/pids.max";

    private static String exec(DockerClient client, String id, String script) {
        var exec = client.execCreateCmd(id).withAttachStdout(true).withAttachStderr(true)
                .withCmd("sh", "-c", script).exec().getId();
        var frames = client.execStartCmd(exec).exec(new Frames()).await();
        return frames.stdout() + frames.stderr();
    }

    private static String started(DockerClient client, String name, HostConfig host, String... cmd) {
        var id = client.createContainerCmd(IMAGE).withName(name).withHostConfig(host).withCmd(cmd).exec().getId();
        client.startContainerCmd(id).exec();
        return id;
    }

    @Test
    void limitsAreShownAsDockerShowsThemAndHeldByTheCgroup(DockerClient client) {
        var host = HostConfig.newHostConfig().withMemory(64L << 20).withNanoCPUs(1_500_000_000L).withCpuShares(512)
                .withCpusetCpus("0").withPidsLimit(50L).withShmSize(128L << 20)
                .withUlimits(List.of(new Ulimit("nofile", 1024L, 2048L)));
        var id = started(client, uniqueName("limits"), host, "sleep", "300");
        try {
            var shown = client.inspectContainerCmd(id).exec().getHostConfig();
            assertThat(shown.getMemory()).isEqualTo(64L << 20);
            assertThat(shown.getMemorySwap()).as("Docker's default: twice the memory").isEqualTo(128L << 20);
            assertThat(shown.getNanoCPUs()).isEqualTo(1_500_000_000L);
            assertThat(shown.getCpuQuota()).as("--cpus is not shown as a quota").isZero();
            assertThat(shown.getCpuShares()).isEqualTo(512);
            assertThat(shown.getPidsLimit()).isEqualTo(50L);
            assertThat(shown.getShmSize()).isEqualTo(128L << 20);
            assertThat(exec(client, id, LIMITS)).isEqualTo("67108864\n150000\n0\n50\n");
            // PID 1's limits: an exec's own soft nofile may be raised to its hard one by runc 1.1's Go runtime
            assertThat(exec(client, id, "awk '/open files/ {print $4, $5}' /proc/1/limits; df -k /dev/shm | tail -1 | awk '{print $2}'"))
                    .isEqualTo("1024 2048\n131072\n");
            if (!V2) assertThat(exec(client, id, "cat /sys/fs/cgroup/cpu/cpu.shares")).isEqualTo("512\n");
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }

    @Test
    void aUlimitIsSeenByUlimitN(DockerClient client) {
        var host = HostConfig.newHostConfig().withUlimits(List.of(new Ulimit("nofile", 1024L, 2048L)));
        var id = started(client, uniqueName("ulimit-n"), host, "sh", "-c", "ulimit -n; ulimit -Hn");
        try {
            assertThat(waitExit(client, id)).isZero();
            assertThat(Frames.logs(client, id).stdout()).isEqualTo("1024\n2048\n");
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }

    @Test
    void defaultsAreDockers(DockerClient client) {
        var id = started(client, uniqueName("nolimits"), HostConfig.newHostConfig(), "sleep", "300");
        try {
            var shown = client.inspectContainerCmd(id).exec().getHostConfig();
            assertThat(shown.getMemory()).isZero();
            assertThat(shown.getMemorySwap()).isZero();
            assertThat(shown.getShmSize()).isEqualTo(64L << 20);
            assertThat(shown.getPidsLimit()).isNull();
            assertThat(exec(client, id, "df -k /dev/shm | tail -1 | awk '{print $2}'")).isEqualTo("65536\n");
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }

    @Test
    void updateChangesARunningContainersMemoryAndCpuQuota(DockerClient client) {
        var id = started(client, uniqueName("update"), HostConfig.newHostConfig().withMemory(64L << 20),
                "sleep", "300");
        try {
            assertThatThrownBy(() -> client.updateContainerCmd(id).withMemory(256L << 20).exec())
                    .isInstanceOf(ConflictException.class).hasMessageContaining("Cannot update container " + id
                            + ": Memory limit should be smaller than already set memoryswap limit");
            var response = client.updateContainerCmd(id).withMemory(256L << 20).withMemorySwap(512L << 20)
                    .withCpuPeriod(100_000).withCpuQuota(50_000).exec();
            assertThat(response.getWarnings()).isEmpty();
            assertThat(exec(client, id, LIMITS)).startsWith("268435456\n50000\n");
            var shown = client.inspectContainerCmd(id).exec().getHostConfig();
            assertThat(shown.getMemory()).isEqualTo(256L << 20);
            assertThat(shown.getMemorySwap()).isEqualTo(512L << 20);
            assertThat(shown.getCpuQuota()).isEqualTo(50_000);
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }

    @Test
    void aLimitBelowWhatTheContainerHoldsIsTheKernelsToRefuse(DockerClient client) {
        // 40 MiB in /dev/shm cannot be reclaimed (and memory+swap caps swapping)
        var id = started(client, uniqueName("busy"), HostConfig.newHostConfig().withMemory(100L << 20).withShmSize(64L << 20),
                "sh", "-c", "dd if=/dev/zero of=/dev/shm/f bs=1M count=40 && touch /filled && sleep 300");
        try {
            awaitFile(client, id, "/filled");
            var update = client.updateContainerCmd(id).withMemory(10L << 20).withMemorySwap(10L << 20);
            if (V2) {
                // v2 takes any memory.max and the OOM killer makes it true (untested here: this host is v1)
                update.exec();
                assertThat(waitExit(client, id)).isEqualTo(137);
                assertThat(state(client, id).getOOMKilled()).isTrue();
                return;
            }
            // runc: "unable to set memory limit to 10485760 (current usage: ...)"; crun: "... Device or resource busy"
            assertThatThrownBy(update::exec).isInstanceOf(com.github.dockerjava.api.exception.InternalServerErrorException.class)
                    .hasMessageContaining("Cannot update container " + id + ": ")
                    .hasMessageMatching("(?s).*(unable to set memory limit to 10485760|Device or resource busy).*");
            assertThat(client.inspectContainerCmd(id).exec().getHostConfig().getMemory()).isEqualTo(100L << 20);
            assertThat(exec(client, id, LIMITS)).startsWith("104857600\n");
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }

    private static void awaitFile(DockerClient client, String id, String path) {
        var deadline = Instant.now().plusSeconds(30);
        while (!exec(client, id, "test -f " + path + " && echo yes").equals("yes\n")) {
            assertThat(Instant.now()).as(path + " appears").isBefore(deadline);
            BerthDaemon.sleep(Duration.ofMillis(50));
        }
    }

    @Test
    void updateOfAStoppedContainerAppliesAtItsNextStart(DockerClient client) {
        var id = client.createContainerCmd(IMAGE).withName(uniqueName("updstopped")).withCmd("sleep", "300").exec().getId();
        try {
            client.updateContainerCmd(id).withMemory(96L << 20).withMemorySwap(-1L).exec();
            assertThat(client.inspectContainerCmd(id).exec().getHostConfig().getMemory()).isEqualTo(96L << 20);
            client.startContainerCmd(id).exec();
            assertThat(exec(client, id, LIMITS)).startsWith("100663296\n");
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }

    @Test
    void anOomKillIsReportedAndForgottenAtTheNextStart(DockerClient client) throws Exception {
        var since = Instant.now();
        // the first run eats memory until the OOM killer ends it; the second only sleeps
        var id = client.createContainerCmd(IMAGE).withName(uniqueName("oom"))
                .withHostConfig(HostConfig.newHostConfig().withMemory(8L << 20).withMemorySwap(8L << 20))
                .withCmd("sh", "-c", "if [ -f /once ]; then exec sleep 300; fi; touch /once;"
                        + " x=0123456789abcdef; while :; do x=$x$x; done").exec().getId();
        try {
            client.startContainerCmd(id).exec();
            assertThat(waitExit(client, id)).isEqualTo(137);
            var state = state(client, id);
            assertThat(state.getOOMKilled()).isTrue();
            assertThat(state.getExitCodeLong()).isEqualTo(137);
            assertThat(actions(client, since, id)).containsSubsequence("start", "oom", "die");

            client.startContainerCmd(id).exec();
            assertThat(state(client, id).getOOMKilled()).isFalse();
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }

    @Test
    void aUlimitAboveTheDaemonsOwnIsRefusedUnlessItMayRaiseIt(DockerClient client) throws Exception {
        // the daemon runs as this test's user: without CAP_SYS_RESOURCE neither can go above the hard limit
        long hard = Long.parseLong(Files.readAllLines(Path.of("/proc/self/limits")).stream()
                .filter(l -> l.startsWith("Max open files")).findFirst().orElseThrow().trim().split("\\s+")[4]);
        boolean canRaise = (Long.parseUnsignedLong(Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow().substring(7).trim(), 16) & (1L << 24)) != 0;
        var host = HostConfig.newHostConfig().withUlimits(List.of(new Ulimit("nofile", hard + 1, hard + 1)));
        var create = client.createContainerCmd(IMAGE).withName(uniqueName("ulimit")).withHostConfig(host).withCmd("true");
        if (canRaise) {
            var id = create.exec().getId();
            client.removeContainerCmd(id).withForce(true).exec();
        } else {
            assertThatThrownBy(create::exec).isInstanceOf(BadRequestException.class)
                    .hasMessageContaining("Cannot set ulimit nofile=" + (hard + 1) + ":" + (hard + 1)
                            + ": the daemon's own hard limit is " + hard);
        }
    }

    @Test
    void aPidsLimitRefusesForksBeyondIt(DockerClient client) {
        var id = started(client, uniqueName("pids"), HostConfig.newHostConfig().withPidsLimit(6L), "sleep", "300");
        try {
            // sleep 300 and the exec's sh count too; busybox sh gives up at its first failed fork
            assertThat(exec(client, id, "for i in 1 2 3 4 5 6 7 8; do sleep 60 & done")).contains("can't fork");
            // without the limit all eight would run (nine processes); top lists the container's cgroup
            assertThat(client.topContainerCmd(id).exec().getProcesses().length).isBetween(2, 6);
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }

    private static List<String> actions(DockerClient client, Instant since, String id) throws InterruptedException {
        var until = Instant.now().plusMillis(50);
        BerthDaemon.sleep(Duration.ofMillis(100));
        List<String> actions = new CopyOnWriteArrayList<>();
        var done = client.eventsCmd().withSince(EventsTest.seconds(since)).withUntil(EventsTest.seconds(until))
                .withContainerFilter(id)
                .exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event e) {
                        actions.add(e.getAction());
                    }
                });
        assertThat(done.awaitCompletion(20, TimeUnit.SECONDS)).isTrue();
        return actions;
    }
}
