package berth.tests;

import static berth.tests.Containers.IMAGE;
import static berth.tests.Containers.uniqueName;
import static berth.tests.Containers.waitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Docker's security defaults with the real runtime: what /proc/self/status says (capabilities, seccomp,
 * no_new_privs) equals Docker's values, and each knob changes what the kernel lets the container do.
 * Every refusal is checked against a control run that succeeds without the knob.
 */
@ExtendWith(BerthExtension.class)
class SecurityDefaultsTest {
    /** Docker's default capability set, as the kernel prints it. */
    static final String DOCKER_CAPEFF = "00000000a80425fb";

    record Run(int exitCode, String output) {}

    /** Runs busybox {@code cmd} with the host config {@code host} made from defaults; removes it. */
    static Run run(DockerClient client, UnaryOperator<HostConfig> host, String... cmd) {
        var id = client.createContainerCmd(IMAGE).withName(uniqueName("sec"))
                .withHostConfig(host.apply(HostConfig.newHostConfig())).withCmd(cmd).exec().getId();
        try {
            client.startContainerCmd(id).exec();
            int code = waitExit(client, id);
            var frames = Frames.logs(client, id);
            return new Run(code, frames.stdout() + frames.stderr());
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }

    static String status(DockerClient client, UnaryOperator<HostConfig> host) {
        return run(client, host, "grep", "-E", "^(Cap(Inh|Prm|Eff|Bnd)|NoNewPrivs|Seccomp|Seccomp_filters):", "/proc/self/status").output();
    }

    static String field(String status, String name) {
        return status.lines().filter(l -> l.startsWith(name + ":")).map(l -> l.substring(name.length() + 1).strip())
                .findFirst().orElseThrow(() -> new AssertionError(name + " missing in " + status));
    }

    /** The capabilities this test process holds: what "all" means on this host (root here lacks one). */
    static String ownBoundingSet() throws Exception {
        return field(Files.readString(Path.of("/proc/self/status")), "CapBnd");
    }

    @Test
    void defaultContainerHasDockersCapabilitiesAndSeccompFilter(DockerClient client) {
        String status = status(client, h -> h);
        assertThat(field(status, "CapEff")).isEqualTo(DOCKER_CAPEFF);
        assertThat(field(status, "CapPrm")).isEqualTo(DOCKER_CAPEFF);
        assertThat(field(status, "CapBnd")).isEqualTo(DOCKER_CAPEFF);
        assertThat(field(status, "CapInh")).isEqualTo("0000000000000000");
        assertThat(field(status, "Seccomp")).isEqualTo("2");
        assertThat(field(status, "Seccomp_filters")).isEqualTo("1");
        assertThat(field(status, "NoNewPrivs")).isEqualTo("0");
    }

    @Test
    void unshareAndMountAreRefusedUnlessPrivileged(DockerClient client) throws Exception {
        var unshare = run(client, h -> h, "unshare", "-n", "true");
        assertThat(unshare.exitCode()).isNotZero();
        assertThat(unshare.output()).contains("Operation not permitted");
        var mount = run(client, h -> h, "mount", "-t", "tmpfs", "t", "/tmp");
        assertThat(mount.exitCode()).isNotZero();

        var privileged = run(client, h -> h.withPrivileged(true), "sh", "-c",
                "unshare -n true && mount -t tmpfs t /tmp && grep -E '^(CapEff|Seccomp):' /proc/self/status && grep ' /sys ' /proc/mounts");
        assertThat(privileged.exitCode()).as(privileged.output()).isZero();
        assertThat(field(privileged.output(), "CapEff")).isEqualTo(ownBoundingSet());
        assertThat(field(privileged.output(), "Seccomp")).isEqualTo("0");
        assertThat(privileged.output()).contains("sysfs /sys sysfs rw,");
    }

    @Test
    void privilegedSeesHostDevicesAndNothingMasked(DockerClient client) {
        var privileged = run(client, h -> h.withPrivileged(true), "sh", "-c", "ls /dev/loop-control && wc -c < /proc/timer_list");
        assertThat(privileged.exitCode()).as(privileged.output()).isZero();
        assertThat(privileged.output().lines().toList().getLast().strip()).isNotEqualTo("0");
        assertThat(run(client, h -> h, "ls", "/dev/loop-control").exitCode()).isNotZero();
    }

    @Test
    void droppingChownMakesChownFail(DockerClient client) {
        assertThat(run(client, h -> h, "chown", "1", "/tmp").exitCode()).isZero();
        var dropped = run(client, h -> h.withCapDrop(Capability.CHOWN), "chown", "1", "/tmp");
        assertThat(dropped.exitCode()).isNotZero();
        assertThat(dropped.output()).contains("Operation not permitted");
    }

    @Test
    void addingNetAdminLetsTheContainerTakeItsLoopbackDown(DockerClient client) {
        assertThat(run(client, h -> h, "ip", "link", "set", "lo", "down").exitCode()).isNotZero();
        var added = run(client, h -> h.withCapAdd(Capability.NET_ADMIN), "ip", "link", "set", "lo", "down");
        assertThat(added.exitCode()).as(added.output()).isZero();
    }

    @Test
    void noNewPrivilegesAndUnconfinedSeccompShowInStatus(DockerClient client) {
        var nnp = status(client, h -> h.withSecurityOpts(List.of("no-new-privileges")));
        assertThat(field(nnp, "NoNewPrivs")).isEqualTo("1");
        assertThat(field(nnp, "Seccomp")).isEqualTo("2");
        var unconfined = status(client, h -> h.withSecurityOpts(List.of("seccomp=unconfined")));
        assertThat(field(unconfined, "Seccomp")).isEqualTo("0");
        assertThat(field(unconfined, "NoNewPrivs")).isEqualTo("0");
        assertThat(field(unconfined, "CapEff")).isEqualTo(DOCKER_CAPEFF);
    }

    @Test
    void aCustomProfileThatBlocksMkdirMakesMkdirFailWithEperm(DockerClient client) {
        String profile = "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\",\"mkdirat\"],\"action\":\"SCMP_ACT_ERRNO\"}]}";
        assertThat(run(client, h -> h, "mkdir", "/tmp/d").exitCode()).isZero();
        var blocked = run(client, h -> h.withSecurityOpts(List.of("seccomp=" + profile)), "mkdir", "/tmp/d");
        assertThat(blocked.exitCode()).isNotZero();
        assertThat(blocked.output()).contains("Operation not permitted");
    }

    @Test
    void maskedAndReadOnlyProcPaths(DockerClient client) throws Exception {
        assertThat(Files.readAllBytes(Path.of("/proc/timer_list"))).isNotEmpty();
        var r = run(client, h -> h, "sh", "-c", "wc -c < /proc/timer_list; (echo 1 > /proc/sys/kernel/ns_last_pid) 2>&1; "
                + "grep -c ' /proc/kcore \\| /proc/keys \\| /proc/interrupts \\| /sys/firmware ' /proc/self/mountinfo");
        var lines = r.output().lines().map(String::strip).toList();
        assertThat(lines.getFirst()).isEqualTo("0");
        assertThat(r.output()).contains("Read-only file system");
        // /proc/kcore is absent on this VM's kernel: where present it is masked too
        assertThat(Integer.parseInt(lines.getLast())).isGreaterThanOrEqualTo(Files.exists(Path.of("/proc/kcore")) ? 4 : 3);
    }

    @Test
    void userByNumbersOrNameAndGroupAdd(DockerClient client) {
        assertThat(run(client, h -> h, "id").output().strip()).isEqualTo("uid=0(root) gid=0(root) groups=0(root)");
        var numeric = client.createContainerCmd(IMAGE).withUser("1000:1000").withCmd("id");
        assertThat(outputOf(client, numeric.withHostConfig(HostConfig.newHostConfig())))
                .isEqualTo("uid=1000(user) gid=1000(user) groups=1000(user)");
        var named = client.createContainerCmd(IMAGE).withUser("nobody").withCmd("id")
                .withHostConfig(HostConfig.newHostConfig().withGroupAdd(List.of("tty", "1234")));
        assertThat(outputOf(client, named)).isEqualTo("uid=65534(nobody) gid=65534(nogroup) groups=5(tty),1234,65534(nogroup)");
    }

    private static String outputOf(DockerClient client, com.github.dockerjava.api.command.CreateContainerCmd cmd) {
        var id = cmd.withName(uniqueName("sec")).exec().getId();
        try {
            client.startContainerCmd(id).exec();
            waitExit(client, id);
            var frames = Frames.logs(client, id);
            return (frames.stdout() + frames.stderr()).strip();
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }

    @Test
    void unknownUserOrGroupFailsTheStartInDockersWords(DockerClient client) {
        var user = client.createContainerCmd(IMAGE).withUser("nosuch").withCmd("id").withName(uniqueName("sec")).exec().getId();
        var group = client.createContainerCmd(IMAGE).withCmd("id").withName(uniqueName("sec"))
                .withHostConfig(HostConfig.newHostConfig().withGroupAdd(List.of("nosuchgroup"))).exec().getId();
        try {
            assertThatThrownBy(() -> client.startContainerCmd(user).exec()).isInstanceOf(DockerException.class)
                    .hasMessageContaining("unable to find user nosuch: no matching entries in passwd file")
                    .hasMessageNotContaining("OCI runtime");
            assertThatThrownBy(() -> client.startContainerCmd(group).exec()).isInstanceOf(DockerException.class)
                    .hasMessageContaining("Unable to find group nosuchgroup: no matching entries in group file");
        } finally {
            client.removeContainerCmd(user).withForce(true).exec();
            client.removeContainerCmd(group).withForce(true).exec();
        }
    }

    @Test
    void deviceIsMadeInTheContainerWithItsCgroupPermissions(DockerClient client) {
        var mapped = run(client, h -> h.withDevices(new Device("rwm", "/dev/mynull", "/dev/null")), "sh", "-c",
                "ls -l /dev/mynull && echo x > /dev/mynull && echo written");
        assertThat(mapped.exitCode()).as(mapped.output()).isZero();
        assertThat(mapped.output()).containsPattern("^c.* 1, +3 .*/dev/mynull").contains("written");
        // loop-control is outside Docker's default allow list: only the rule made for --device opens it
        var readOnly = run(client, h -> h.withDevices(new Device("r", "/dev/lc", "/dev/loop-control")), "sh", "-c", "echo x > /dev/lc");
        assertThat(readOnly.output()).contains("Operation not permitted");
        var readWrite = run(client, h -> h.withDevices(new Device("rw", "/dev/lc", "/dev/loop-control")), "sh", "-c", "echo x > /dev/lc");
        assertThat(readWrite.output()).doesNotContain("Operation not permitted").contains("Invalid argument");
        var missing = client.createContainerCmd(IMAGE).withCmd("true").withName(uniqueName("sec"))
                .withHostConfig(HostConfig.newHostConfig().withDevices(new Device("rwm", "/dev/nope", "/dev/nope"))).exec().getId();
        try {
            assertThatThrownBy(() -> client.startContainerCmd(missing).exec())
                    .hasMessageContaining("error gathering device information while adding custom device \\\"/dev/nope\\\": no such file or directory");
        } finally {
            client.removeContainerCmd(missing).withForce(true).exec();
        }
    }

    @Test
    void inspectShowsTheSecurityFieldsAsGiven(BerthDaemon daemon) {
        var client = daemon.client();
        var id = client.createContainerCmd(IMAGE).withName(uniqueName("sec")).withCmd("true")
                .withHostConfig(HostConfig.newHostConfig().withCapAdd(Capability.NET_ADMIN).withCapDrop(Capability.CHOWN)
                        .withSecurityOpts(List.of("no-new-privileges", "apparmor=unconfined")).withGroupAdd(List.of("tty"))
                        .withDevices(new Device("rw", "/dev/mynull", "/dev/null")))
                .exec().getId();
        try {
            var host = client.inspectContainerCmd(id).exec().getHostConfig();
            assertThat(host.getCapAdd()).containsExactly(Capability.NET_ADMIN);
            assertThat(host.getCapDrop()).containsExactly(Capability.CHOWN);
            assertThat(host.getSecurityOpts()).containsExactly("no-new-privileges", "apparmor=unconfined");
            assertThat(host.getGroupAdd()).containsExactly("tty");
            assertThat(host.getDevices()).containsExactly(new Device("rw", "/dev/mynull", "/dev/null"));
            assertThat(host.getPrivileged()).isFalse();
            var raw = RawApi.get(daemon, "/v1.47/containers/" + id + "/json").path("HostConfig");
            assertThat(raw.path("MaskedPaths").toString()).startsWith("[\"/proc/asound\",\"/proc/acpi\",\"/proc/interrupts\",\"/proc/kcore\",");
            assertThat(raw.path("ReadonlyPaths").toString())
                    .isEqualTo("[\"/proc/bus\",\"/proc/fs\",\"/proc/irq\",\"/proc/sys\",\"/proc/sysrq-trigger\"]");
        } finally {
            client.removeContainerCmd(id).exec();
        }
    }

    /** {@code --security-opt systempaths=unconfined} reaches the daemon as empty MaskedPaths and ReadonlyPaths. */
    @Test
    void emptySystemPathsMaskNothing(BerthDaemon daemon) throws Exception {
        var request = com.github.dockerjava.transport.DockerHttpClient.Request.builder()
                .method(com.github.dockerjava.transport.DockerHttpClient.Request.Method.POST).path("/v1.47/containers/create")
                .putHeader("Content-Type", "application/json")
                .body(new java.io.ByteArrayInputStream(("{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"wc -c < /proc/timer_list; "
                        + "grep -c \\\" /proc/sys \\\" /proc/self/mountinfo\"],"
                        + "\"HostConfig\":{\"MaskedPaths\":[],\"ReadonlyPaths\":[]}}").getBytes()))
                .build();
        String id;
        try (var response = daemon.http().execute(request)) {
            assertThat(response.getStatusCode()).isEqualTo(201);
            id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.getBody()).path("Id").asText();
        }
        var client = daemon.client();
        try {
            client.startContainerCmd(id).exec();
            waitExit(client, id);
            var out = Frames.logs(client, id).stdout().lines().toList();
            assertThat(Long.parseLong(out.getFirst().strip())).isPositive();
            assertThat(out.getLast().strip()).as("mounts over /proc/sys").isEqualTo("0");
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }

    @Test
    void createRefusesUnknownCapabilitiesAndSecurityOptions(BerthDaemon daemon) throws Exception {
        var client = daemon.client();
        var request = com.github.dockerjava.transport.DockerHttpClient.Request.builder()
                .method(com.github.dockerjava.transport.DockerHttpClient.Request.Method.POST).path("/v1.47/containers/create")
                .putHeader("Content-Type", "application/json")
                .body(new java.io.ByteArrayInputStream("{\"Image\":\"busybox\",\"HostConfig\":{\"CapAdd\":[\"foo\"]}}".getBytes()))
                .build();
        try (var response = daemon.http().execute(request)) {
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(new String(response.getBody().readAllBytes()))
                    .contains("\"message\":\"invalid CapAdd: unknown capability: \\\"CAP_FOO\\\"\"");
        }
        assertThatThrownBy(() -> client.createContainerCmd(IMAGE).withCmd("true")
                .withHostConfig(HostConfig.newHostConfig().withSecurityOpts(List.of("foo=bar"))).exec())
                .isInstanceOf(BadRequestException.class).hasMessageContaining("invalid --security-opt 2: \\\"foo=bar\\\"");
        assertThatThrownBy(() -> client.createContainerCmd(IMAGE).withCmd("true")
                .withHostConfig(HostConfig.newHostConfig().withSecurityOpts(List.of("seccomp=/no/such.json"))).exec())
                .isInstanceOf(BadRequestException.class).hasMessageContaining("Decoding seccomp profile failed");
    }

    @Test
    void anExecHasTheContainersCapabilitiesAndGroupsOrAllWhenPrivileged(DockerClient client) throws Exception {
        var id = client.createContainerCmd(IMAGE).withName(uniqueName("sec")).withCmd("sleep", "60")
                .withHostConfig(HostConfig.newHostConfig().withCapDrop(Capability.CHOWN).withGroupAdd(List.of("tty"))
                        .withSecurityOpts(List.of("no-new-privileges"))).exec().getId();
        try {
            client.startContainerCmd(id).exec();
            String plain = execOutput(client, client.execCreateCmd(id).withCmd("grep", "-E", "^(CapEff|NoNewPrivs|Seccomp):", "/proc/self/status")
                    .withAttachStdout(true).withAttachStderr(true).exec());
            assertThat(field(plain, "CapEff")).isEqualTo("00000000a80425fa");
            assertThat(field(plain, "NoNewPrivs")).isEqualTo("1");
            assertThat(field(plain, "Seccomp")).isEqualTo("2");
            String privileged = execOutput(client, client.execCreateCmd(id).withPrivileged(true)
                    .withCmd("grep", "^CapEff:", "/proc/self/status").withAttachStdout(true).exec());
            assertThat(field(privileged, "CapEff")).isEqualTo(ownBoundingSet());
            String id1 = execOutput(client, client.execCreateCmd(id).withUser("nobody").withCmd("id").withAttachStdout(true).exec());
            assertThat(id1.strip()).isEqualTo("uid=65534(nobody) gid=65534(nogroup) groups=5(tty),65534(nogroup)");
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }

    private static String execOutput(DockerClient client, ExecCreateCmdResponse exec) {
        return client.execStartCmd(exec.getId()).exec(new Frames()).await().stdout();
    }

    /** The same kernel-visible values with crun, the other runtime berth drives. */
    @Test
    void crunGivesTheSameValues() throws Exception {
        try (var daemon = BerthDaemon.startWithRuntime("crun")) {
            var client = daemon.client();
            assertThat(RawApi.get(daemon, "/v1.47/info").path("DefaultRuntime").asText()).isEqualTo("crun");
            String status = status(client, h -> h);
            assertThat(field(status, "CapEff")).isEqualTo(DOCKER_CAPEFF);
            assertThat(field(status, "Seccomp")).isEqualTo("2");
            assertThat(field(status, "Seccomp_filters")).isEqualTo("1");
            assertThat(field(status(client, h -> h.withSecurityOpts(List.of("no-new-privileges"))), "NoNewPrivs")).isEqualTo("1");
            assertThat(run(client, h -> h, "unshare", "-n", "true").output()).contains("Operation not permitted");
            assertThat(run(client, h -> h.withPrivileged(true), "unshare", "-n", "true").exitCode()).isZero();
            assertThat(run(client, h -> h.withCapDrop(Capability.CHOWN), "chown", "1", "/tmp").exitCode()).isNotZero();
            assertThat(run(client, h -> h.withDevices(new Device("rwm", "/dev/mynull", "/dev/null")), "ls", "-l", "/dev/mynull").output())
                    .containsPattern(" 1, +3 ");
        }
    }
}
