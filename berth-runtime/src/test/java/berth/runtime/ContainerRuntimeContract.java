package berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every runtime must do, with real conmon and a real OCI runtime, as root, on a busybox rootfs.
 * Each test uses its own IDs and deletes its containers; the class removes its cgroup parent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContainerRuntimeContract {
    private final String cgroupParent = "/berth-test-" + UUID.randomUUID().toString().substring(0, 8);

    private Path tmp;
    private Path rootfs;
    private ContainerRuntime runtime;
    private final LinkedBlockingQueue<String> exits = new LinkedBlockingQueue<>();
    private final List<String> started = new ArrayList<>();

    /** "runc" or "crun". */
    abstract String runtimeName();

    @BeforeAll
    void open(@TempDir Path dir) throws Exception {
        tmp = dir;
        rootfs = BusyboxRootfs.create(tmp.resolve("rootfs"));
        runtime = ContainerRuntime.open(new RuntimeConfig(tmp.resolve("exec"), runtimeName(), new berth.sys.LinuxOs()));
        runtime.onExit((id, code) -> exits.add(id + "=" + code));
    }

    @AfterEach
    void deleteContainers() {
        started.forEach(runtime::delete);
        started.clear();
    }

    @AfterAll
    void close() throws Exception {
        if (runtime == null) return;
        runtime.close();
        assertThat(runtimeList()).isEmpty();
        try (var controllers = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path c : controllers.toList()) Files.deleteIfExists(c.resolve(cgroupParent.substring(1)));
        }
    }

    private String id() {
        String id = UUID.randomUUID().toString().replace("-", "") + "0".repeat(32);
        started.add(id);
        return id;
    }

    private BundleSpec bundle(String id, String user, String... args) {
        var process = new ProcessSpec(List.of(args), List.of("A=1"), "/", user, false, false, false, false);
        return new BundleSpec(id, rootfs, tmp.resolve("logs/" + id + ".log"), process, "host-" + id.substring(0, 6),
                "", BundleSpec.NetworkMode.NONE, List.of(), false, cgroupParent, Map.of());
    }

    private String awaitExit(String id) throws InterruptedException {
        for (String e = exits.poll(10, TimeUnit.SECONDS); e != null; e = exits.poll(10, TimeUnit.SECONDS))
            if (e.startsWith(id + "=")) return e.substring(id.length() + 1);
        throw new AssertionError("no exit for " + id);
    }

    /** The IDs the runtime's own state directory holds (what {@code runc list} would show). */
    private List<String> runtimeList() throws Exception {
        Path state = tmp.resolve("exec/" + runtimeName());
        if (!Files.isDirectory(state)) return List.of();
        try (var dirs = Files.list(state)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).toList();
        }
    }

    private void awaitOutput(String id, String text) throws InterruptedException {
        for (int i = 0; i < 500 && !output(id).contains(text); i++) Thread.sleep(10);
        assertThat(output(id)).contains(text);
    }

    private String output(String id) {
        var out = new StringBuilder();
        LogReader.conmonLogs().read(tmp.resolve("logs/" + id + ".log"), false, () -> false,
                e -> out.append(e.stream()).append(':').append(new String(e.data(), StandardCharsets.UTF_8)) != null);
        return out.toString();
    }

    private BundleSpec limited(String id, ResourceLimits limits, String... args) {
        var plain = bundle(id, "", args);
        return new BundleSpec(plain.id(), plain.rootfs(), plain.logPath(), plain.process(), plain.hostname(), "",
                plain.network(), List.of(), false, cgroupParent, Map.of(),
                new ContainerResources(limits, List.of(new ContainerResources.Rlimit("nofile", 512, 1024)), 0, 0));
    }

    /** What the container's cgroup holds, read from the host (v1 or v2 files). */
    private String cgroupFile(String id, String v1Controller, String v1File, String v2File) throws Exception {
        var reader = berth.runtime.cgroup.CgroupReader.host();
        String path = berth.runtime.cgroup.CgroupReader.containerPath(cgroupParent, id).substring(1);
        Path file = reader.version().equals("2") ? Path.of("/sys/fs/cgroup", path, v2File)
                : Path.of("/sys/fs/cgroup", v1Controller, path, v1File);
        return Files.readString(file).trim();
    }

    private static ResourceLimits memoryAndQuota(long memory, long quota) {
        return new ResourceLimits(memory, memory * 2, 0, -1, false, 0, 100_000, quota, "", "", 40, 0);
    }

    @Test
    void appliesLimitsAndRlimitsAndUpdatesThemLive() throws Exception {
        String id = id();
        runtime.start(limited(id, memoryAndQuota(64L << 20, 150_000), "sh", "-c", "ulimit -n; ulimit -Hn; sleep 60"));
        awaitOutput(id, "1024");
        assertThat(output(id)).isEqualTo("STDOUT:512\nSTDOUT:1024\n");
        boolean v2 = berth.runtime.cgroup.CgroupReader.host().version().equals("2");
        assertThat(cgroupFile(id, "memory", "memory.limit_in_bytes", "memory.max")).isEqualTo("67108864");
        assertThat(cgroupFile(id, "cpu", "cpu.cfs_quota_us", "cpu.max")).isEqualTo(v2 ? "150000 100000" : "150000");
        assertThat(cgroupFile(id, "pids", "pids.max", "pids.max")).isEqualTo("40");

        runtime.update(id, memoryAndQuota(128L << 20, 50_000));
        assertThat(cgroupFile(id, "memory", "memory.limit_in_bytes", "memory.max")).isEqualTo("134217728");
        assertThat(cgroupFile(id, "cpu", "cpu.cfs_quota_us", "cpu.max")).isEqualTo(v2 ? "50000 100000" : "50000");
    }

    @Test
    void anOomKillIsCountedInTheCgroupUntilTheDelete() throws Exception {
        String id = id();
        var limits = new ResourceLimits(8L << 20, 8L << 20, 0, -1, false, 0, 0, 0, "", "", 0, 0);
        runtime.start(limited(id, limits, "sh", "-c", "x=0123456789abcdef; while :; do x=$x$x; done"));
        assertThat(awaitExit(id)).isEqualTo("137");
        var cgroups = berth.runtime.cgroup.CgroupReader.host();
        String path = berth.runtime.cgroup.CgroupReader.containerPath(cgroupParent, id);
        assertThat(cgroups.oomKills(path)).isPositive();
        runtime.delete(id);
        assertThat(cgroups.oomKills(path)).isZero();
    }

    @Test
    void runsAProcessRecordsItsExitAndItsOutput() throws Exception {
        String id = id();
        int pid = runtime.start(bundle(id, "", "sh", "-c", "echo out; echo err >&2; exit 3"));
        assertThat(pid).isPositive();
        assertThat(awaitExit(id)).isEqualTo("3");
        assertThat(runtime.exitCode(id)).hasValue(3);
        assertThat(output(id)).isEqualTo("STDOUT:out\nSTDERR:err\n");
        assertThat(runtime.name()).isEqualTo(runtimeName());
    }

    @Test
    void missingCommandFailsAndLeavesNothing() throws Exception {
        String id = id();
        assertThatThrownBy(() -> runtime.start(bundle(id, "", "nope")))
                .isInstanceOf(RuntimeFailure.class).hasMessageContainingAll("nope", "not found in $PATH")
                .hasMessageNotContaining("\n").matches(e -> ((RuntimeFailure) e).isCommandProblem());
        assertThat(tmp.resolve("exec/bundles/" + id)).doesNotExist();
        assertThat(runtimeList()).doesNotContain(id);
        assertThat(runtime.state(id)).isEmpty();
    }

    @Test
    void unknownUserFailsBeforeAnythingRuns() {
        String id = id();
        assertThatThrownBy(() -> runtime.start(bundle(id, "bob", "true")))
                .hasMessage("unable to find user bob: no matching entries in passwd file");
        assertThat(tmp.resolve("exec/bundles/" + id)).doesNotExist();
    }

    @Test
    void signalsReachTheProcessAndKillingAgainIsNoError() throws Exception {
        String id = id();
        // PID 1 ignores signals it has no handler for (the kernel protects init), as under Docker
        runtime.start(bundle(id, "", "sh", "-c", "trap 'exit 143' TERM; echo trapped; sleep 100 & wait"));
        assertThat(runtime.state(id)).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("running"));
        awaitOutput(id, "trapped"); // a TERM before the trap is set would be ignored by PID 1
        runtime.kill(id, 15);
        assertThat(awaitExit(id)).isEqualTo("143");
        runtime.kill(id, 15);
        assertThat(runtime.state(id)).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("stopped"));
    }

    @Test
    void sigkillGives137() throws Exception {
        String id = id();
        runtime.start(bundle(id, "", "sleep", "100"));
        runtime.kill(id, 9);
        assertThat(awaitExit(id)).isEqualTo("137");
    }

    @Test
    void startingAnExistingContainerAgainFailsAndKeepsIt() {
        String id = id();
        runtime.start(bundle(id, "", "sleep", "100"));
        assertThatThrownBy(() -> runtime.start(bundle(id, "", "true"))).hasMessageContaining("already exists");
        assertThat(runtime.state(id).orElseThrow().status()).isEqualTo("running");
    }

    @Test
    void pauseAndResume() {
        String id = id();
        runtime.start(bundle(id, "", "sleep", "100"));
        runtime.pause(id);
        assertThat(runtime.state(id).orElseThrow().status()).isEqualTo("paused");
        runtime.resume(id);
        assertThat(runtime.state(id).orElseThrow().status()).isEqualTo("running");
    }

    @Test
    void deleteOfARunningContainerKillsItAndCleansUp() throws Exception {
        String id = id();
        int pid = runtime.start(bundle(id, "", "sleep", "100"));
        runtime.delete(id);
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(runtime.state(id)).isEmpty();
        assertThat(tmp.resolve("exec/bundles/" + id)).doesNotExist();
        assertThat(tmp.resolve("exec/exits/" + id)).doesNotExist();
        assertThat(tmp.resolve("exec/sockets/" + id)).doesNotExist();
        runtime.delete(id);
    }

    @Test
    void execRunsInTheContainer() throws Exception {
        String id = id();
        runtime.start(bundle(id, "", "sleep", "100"));
        ExecProcess exec = runtime.exec(id, new ProcessSpec(List.of("sh", "-c", "echo hi; hostname; echo err >&2; exit 4"),
                List.of(), "/", "", false, false, false, false));
        assertThat(drain(exec.stream())).isEqualTo("hi\nhost-" + id.substring(0, 6) + "\n|err\n");
        assertThat(exec.waitFor()).isEqualTo(4);
    }

    @Test
    void execReadsItsStdinUntilItIsClosed() throws Exception {
        String id = id();
        runtime.start(bundle(id, "", "sleep", "100"));
        ExecProcess exec = runtime.exec(id, new ProcessSpec(List.of("sh", "-c", "cat; echo done"), List.of(), "/", "",
                false, true, false, true));
        byte[] input = "one\ntwo\n".getBytes(StandardCharsets.UTF_8);
        assertThat(exec.stream().write(input, 0, input.length)).isTrue();
        exec.stream().closeStdin();
        assertThat(drain(exec.stream())).isEqualTo("one\ntwo\ndone\n|");
        assertThat(exec.waitFor()).isZero();
    }

    @Test
    void execWithATerminalSeesItsSize() throws Exception {
        String id = id();
        runtime.start(bundle(id, "", "sleep", "100"));
        ExecProcess exec = runtime.exec(id, new ProcessSpec(List.of("sh", "-c", "echo ready; read x; stty size; tty"),
                List.of(), "/", "", true, true, false, false));
        exec.resize(33, 111);
        // conmon applies a size once it holds the terminal; "ready" says it does (a person types after the prompt)
        var seen = new StringBuilder();
        while (!seen.toString().contains("ready")) {
            var chunk = exec.stream().read();
            assertThat(chunk).isPresent();
            seen.append(new String(chunk.get().data(), StandardCharsets.UTF_8));
        }
        byte[] input = "go\r".getBytes(StandardCharsets.UTF_8);
        exec.stream().write(input, 0, input.length);
        assertThat(drain(exec.stream())).contains("33 111", "/dev/pts/");
        assertThat(exec.waitFor()).isZero();
    }

    @Test
    void closingAStreamWhileAnotherThreadReadsItWakesTheReader() throws Exception {
        String id = id();
        runtime.start(bundle(id, "", "sleep", "100"));
        ExecProcess exec = runtime.exec(id, new ProcessSpec(List.of("sh", "-c", "echo ready; read x; echo late"),
                List.of(), "/", "", true, true, false, false));
        var stream = exec.stream();
        var seen = new StringBuilder();
        while (!seen.toString().contains("ready")) { // then the reader below blocks in the native read
            var chunk = stream.read();
            assertThat(chunk).isPresent();
            seen.append(new String(chunk.get().data(), StandardCharsets.UTF_8));
        }
        var reader = new java.util.concurrent.CompletableFuture<Optional<LogEntry>>();
        Thread.ofPlatform().start(() -> {
            try {
                reader.complete(stream.read());
            } catch (Throwable t) {
                reader.completeExceptionally(t);
            }
        });
        Thread.sleep(200);
        stream.close(); // a session's cleanup may close while its pump still reads: no error, no freed memory in use
        assertThat(reader.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEmpty();
        byte[] input = "go\r".getBytes(StandardCharsets.UTF_8);
        assertThat(stream.write(input, 0, input.length)).isFalse();
        exec.kill();
        exec.waitFor();
    }

    /** What the stream carries until it ends: stdout, then "|", then stderr. */
    private static String drain(AttachStream stream) {
        var out = new StringBuilder();
        var err = new StringBuilder();
        try (stream) {
            for (var e = stream.read(); e.isPresent(); e = stream.read())
                (e.get().stream() == LogEntry.Stream.STDOUT ? out : err).append(new String(e.get().data(), StandardCharsets.UTF_8));
        }
        return out + "|" + err;
    }

    @Test
    void execOfAMissingCommandGives127AndSaysWhy() throws Exception {
        String id = id();
        runtime.start(bundle(id, "", "sleep", "100"));
        var nope = new ProcessSpec(List.of("nope"), List.of(), "/", "", false, false, false, false);
        assertThatThrownBy(() -> runtime.exec(id, nope)).isInstanceOfSatisfying(ExecFailure.class,
                e -> assertThat(e.exitCode()).isEqualTo(127)).hasMessageContaining("nope");
    }

    @Test
    void usersAreResolvedFromTheRootfs() throws Exception {
        String numeric = id(), named = id();
        runtime.start(bundle(numeric, "1000", "sh", "-c", "echo $(id -u):$(id -g)"));
        runtime.start(bundle(named, "alice", "sh", "-c", "echo $(id -u):$(id -g):$(id -G)"));
        assertThat(List.of(awaitExit(numeric), awaitExit(named))).containsOnly("0");
        assertThat(output(numeric)).isEqualTo("STDOUT:1000:0\n");
        assertThat(output(named)).isEqualTo("STDOUT:1001:1002:1002 29 44\n");
    }

    @Test
    void hostnameAndEnvironmentAreSet() throws Exception {
        String id = id();
        runtime.start(bundle(id, "", "sh", "-c", "hostname; echo $HOSTNAME $A; echo $PATH"));
        assertThat(awaitExit(id)).isEqualTo("0");
        String host = "host-" + id.substring(0, 6);
        assertThat(output(id)).isEqualTo("STDOUT:" + host + "\nSTDOUT:" + host + " 1\nSTDOUT:"
                + OciSpecWriter.DEFAULT_PATH.substring(5) + "\n");
    }

    @Test
    void followingALogEndsWhenTheContainerExits() {
        String id = id();
        runtime.start(bundle(id, "", "sh", "-c", "for i in 1 2 3; do echo $i; sleep 0.1; done"));
        var lines = new StringBuilder();
        LogReader.conmonLogs().read(tmp.resolve("logs/" + id + ".log"), true, () -> runtime.exitCode(id).isEmpty(),
                e -> lines.append(new String(e.data(), StandardCharsets.UTF_8)) != null);
        assertThat(lines.toString()).isEqualTo("1\n2\n3\n");
    }

    @Test
    void execNeedsARunningContainer() throws Exception {
        String id = id();
        runtime.start(bundle(id, "", "true"));
        awaitExit(id);
        var echo = new ProcessSpec(List.of("echo"), List.of(), "/", "", false, false, false, false);
        assertThatThrownBy(() -> runtime.exec(id, echo)).isInstanceOf(RuntimeFailure.class).hasMessageContaining("not running");
        assertThatThrownBy(() -> runtime.exec("unknown", echo)).hasMessageContaining("does not exist");
    }

    @Test
    void daemonsWithOtherExecRootsDoNotSeeEachOthersContainers() {
        String id = id();
        runtime.start(bundle(id, "", "sleep", "100"));
        ContainerRuntime other = ContainerRuntime.open(new RuntimeConfig(tmp.resolve("other"), runtimeName(), new berth.sys.LinuxOs()));
        try {
            assertThat(other.state(id)).isEmpty();
            assertThat(runtime.state(id)).isPresent();
        } finally {
            other.close();
        }
    }
}
