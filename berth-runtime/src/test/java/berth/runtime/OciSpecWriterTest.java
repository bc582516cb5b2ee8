package berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciSpecWriterTest {
    @TempDir Path dir;

    private static BundleSpec bundle(ProcessSpec process, BundleSpec.NetworkMode network) {
        return new BundleSpec("abc123", Path.of("/r/merged"), Path.of("/l/log"), process, "abc123", "",
                network, List.of(new BundleSpec.MountSpec.Bind(Path.of("/host/data"), "/data", true)), false,
                "/berth", Map.of("com.example", "yes"));
    }

    private static ProcessSpec process(boolean privileged, String... env) {
        return new ProcessSpec(List.of("sh"), List.of(env), "", "", false, false, privileged, false);
    }

    private JsonNode written(BundleSpec spec) throws Exception {
        Path file = dir.resolve("config.json");
        OciSpecWriter.write(file, OciSpecWriter.spec(spec, new ResolvedUser(1000, 1000, List.of(29))));
        return Json.oci().readTree(file.toFile());
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void defaultCapabilitiesAreDockers() throws Exception {
        JsonNode caps = written(bundle(process(false), BundleSpec.NetworkMode.NONE)).at("/process/capabilities");
        for (String set : List.of("bounding", "effective", "permitted"))
            assertThat(texts(caps.get(set))).containsExactlyInAnyOrderElementsOf(Capabilities.DEFAULT).hasSize(14);
        assertThat(caps.get("inheritable")).isEmpty();
        assertThat(caps.has("ambient")).isFalse();
    }

    @Test
    void privilegedGetsAllCapabilitiesAndNoMasks() throws Exception {
        JsonNode spec = written(bundle(process(true), BundleSpec.NetworkMode.NONE));
        assertThat(texts(spec.at("/process/capabilities/bounding"))).contains("CAP_SYS_ADMIN", "CAP_NET_ADMIN");
        assertThat(spec.at("/linux/maskedPaths")).isEmpty();
    }

    @Test
    void maskedAndReadonlyPathsAreDockers() throws Exception {
        JsonNode linux = written(bundle(process(false), BundleSpec.NetworkMode.NONE)).get("linux");
        assertThat(texts(linux.get("maskedPaths"))).containsExactly("/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore",
                "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
                "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap");
        assertThat(texts(linux.get("readonlyPaths"))).containsExactly("/proc/bus", "/proc/fs", "/proc/irq",
                "/proc/sys", "/proc/sysrq-trigger");
        assertThat(linux.get("cgroupsPath").asText()).isEqualTo("/berth/abc123");
    }

    @Test
    void namespacesShareTheHostNetworkOnlyWhenAsked() throws Exception {
        assertThat(written(bundle(process(false), BundleSpec.NetworkMode.NONE)).at("/linux/namespaces")
                .findValuesAsText("type")).containsExactly("pid", "ipc", "uts", "mount", "cgroup", "network");
        assertThat(written(bundle(process(false), BundleSpec.NetworkMode.HOST)).at("/linux/namespaces").findValuesAsText("type"))
                .doesNotContain("network");
    }

    @Test
    void aJoinedNetworkNamespaceIsGivenByPath() throws Exception {
        JsonNode ns = written(bundle(process(false), new BundleSpec.NetworkMode.Joined(Path.of("/run/b/netns/abc"))))
                .at("/linux/namespaces");
        assertThat(ns.get(5).toString()).isEqualTo("{\"type\":\"network\",\"path\":\"/run/b/netns/abc\"}");
        assertThat(ns.get(0).toString()).isEqualTo("{\"type\":\"pid\"}");
    }

    @Test
    void mountsFollowDockerThenBinds() throws Exception {
        JsonNode mounts = written(bundle(process(false), BundleSpec.NetworkMode.NONE)).get("mounts");
        assertThat(mounts.findValuesAsText("destination")).containsExactly("/proc", "/dev", "/dev/pts", "/sys",
                "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm", "/data");
        assertThat(texts(mounts.get(7).get("options"))).containsExactly("rbind", "rprivate", "ro");
        assertThat(texts(mounts.get(1).get("options"))).contains("mode=755", "size=65536k");
    }

    @Test
    void tmpfsMountsAndBindPropagationAndReadOnlyRoot() throws Exception {
        var spec = new BundleSpec("abc123", Path.of("/r/merged"), Path.of("/l/log"), process(false), "abc123", "",
                BundleSpec.NetworkMode.NONE, List.of(
                        new BundleSpec.MountSpec.Bind(Path.of("/v/_data"), "/vol", false, "rshared"),
                        new BundleSpec.MountSpec.Tmpfs("/run", List.of("nosuid", "nodev", "noexec", "size=1m"))),
                true, "/berth", Map.of());
        JsonNode written = written(spec);
        JsonNode mounts = written.get("mounts");
        assertThat(texts(mounts.get(7).get("options"))).containsExactly("rbind", "rshared");
        assertThat(mounts.get(8).get("type").asText()).isEqualTo("tmpfs");
        assertThat(mounts.get(8).get("destination").asText()).isEqualTo("/run");
        assertThat(texts(mounts.get(8).get("options"))).containsExactly("nosuid", "nodev", "noexec", "size=1m");
        assertThat(written.at("/root/readonly").asBoolean()).isTrue();
    }

    @Test
    void environmentGetsPathAndHostnameUnlessSet() throws Exception {
        JsonNode spec = written(bundle(process(false, "A=1"), BundleSpec.NetworkMode.NONE));
        assertThat(texts(spec.at("/process/env"))).containsExactly(OciSpecWriter.DEFAULT_PATH, "HOSTNAME=abc123", "A=1");
        JsonNode own = written(bundle(process(false, "PATH=/x"), BundleSpec.NetworkMode.NONE));
        assertThat(texts(own.at("/process/env"))).containsExactly("HOSTNAME=abc123", "PATH=/x");
    }

    @Test
    void userDevicesAndAnnotations() throws Exception {
        JsonNode spec = written(bundle(process(false), BundleSpec.NetworkMode.NONE));
        assertThat(spec.at("/process/user/uid").asInt()).isEqualTo(1000);
        assertThat(spec.at("/process/user/additionalGids/0").asInt()).isEqualTo(29);
        assertThat(spec.at("/process/cwd").asText()).isEqualTo("/");
        assertThat(spec.at("/annotations/com.example").asText()).isEqualTo("yes");
        JsonNode devices = spec.at("/linux/resources/devices");
        assertThat(devices.get(0).toString()).isEqualTo("{\"allow\":false,\"type\":\"a\",\"access\":\"rwm\"}");
        assertThat(devices.findValuesAsText("minor")).contains("3", "5", "7", "8", "9");
        assertThat(spec.has("process") && !spec.get("process").has("rlimits")).isTrue();
    }

    private static BundleSpec secured(ProcessSpec process, SecuritySpec security) {
        return new BundleSpec("abc123", Path.of("/r/merged"), Path.of("/l/log"), process, "abc123", "",
                BundleSpec.NetworkMode.NONE, List.of(), false, "/berth", Map.of(), security);
    }

    private static SecuritySpec security(SecuritySpec.Seccomp seccomp, boolean noNewPrivileges, SecuritySpec.Device... devices) {
        return new SecuritySpec(List.of("NET_ADMIN"), List.of("chown"), seccomp, noNewPrivileges, List.of(devices),
                SecuritySpec.DEFAULT_MASKED_PATHS, SecuritySpec.DEFAULT_READONLY_PATHS);
    }

    @Test
    void defaultSeccompProfileIsWrittenForTheNativeArchitecture() throws Exception {
        JsonNode seccomp = written(bundle(process(false), BundleSpec.NetworkMode.NONE)).at("/linux/seccomp");
        assertThat(seccomp.get("defaultAction").asText()).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(seccomp.get("defaultErrnoRet").asInt()).isEqualTo(1);
        assertThat(texts(seccomp.get("architectures"))).contains(SeccompProfile.Platform.current().seccompArch());
        assertThat(seccomp.get("syscalls").findValuesAsText("action")).contains("SCMP_ACT_ALLOW");
        assertThat(seccomp.toString()).contains("\"op\":\"SCMP_CMP_MASKED_EQ\"");
    }

    @Test
    void privilegedAndUnconfinedHaveNoSeccomp() throws Exception {
        assertThat(written(bundle(process(true), BundleSpec.NetworkMode.NONE)).at("/linux").has("seccomp")).isFalse();
        JsonNode unconfined = written(secured(process(false), security(SecuritySpec.Seccomp.UNCONFINED, false)));
        assertThat(unconfined.at("/linux").has("seccomp")).isFalse();
    }

    @Test
    void capabilityChangesNoNewPrivilegesAndACustomProfile() throws Exception {
        var custom = new SecuritySpec.Seccomp.Custom("{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[{\"names\":[\"mkdir\"],\"action\":\"SCMP_ACT_ERRNO\"}]}");
        JsonNode spec = written(secured(process(false), security(custom, true)));
        assertThat(texts(spec.at("/process/capabilities/effective"))).contains("CAP_NET_ADMIN").doesNotContain("CAP_CHOWN");
        assertThat(spec.at("/process/noNewPrivileges").asBoolean()).isTrue();
        assertThat(spec.at("/linux/seccomp/defaultAction").asText()).isEqualTo("SCMP_ACT_ALLOW");
        assertThat(spec.at("/linux/seccomp/syscalls/0/names/0").asText()).isEqualTo("mkdir");
    }

    @Test
    void aDeviceGetsANodeAndACgroupRule() throws Exception {
        JsonNode linux = written(secured(process(false), security(SecuritySpec.Seccomp.BUILTIN, false,
                new SecuritySpec.Device("/dev/null", "/dev/mynull", "rw")))).get("linux");
        assertThat(linux.at("/devices/0").toString()).contains("\"path\":\"/dev/mynull\"", "\"type\":\"c\"",
                "\"major\":1", "\"minor\":3");
        JsonNode rules = linux.at("/resources/devices");
        assertThat(rules.get(rules.size() - 1).toString()).isEqualTo("{\"allow\":true,\"type\":\"c\",\"major\":1,\"minor\":3,\"access\":\"rw\"}");
    }

    @Test
    void aMissingDeviceOrAnUnknownCapabilityFailsInDockersWords() {
        assertThatThrownBy(() -> written(secured(process(false), security(SecuritySpec.Seccomp.BUILTIN, false,
                new SecuritySpec.Device("/dev/nope", "/dev/nope", "rwm")))))
                .isInstanceOf(SpecFailure.class)
                .hasMessage("error gathering device information while adding custom device \"/dev/nope\": no such file or directory");
        var badCap = new SecuritySpec(List.of("FOO"), List.of(), SecuritySpec.Seccomp.BUILTIN, false, List.of(),
                List.of(), List.of());
        assertThatThrownBy(() -> written(secured(process(false), badCap))).hasMessage("unknown capability: \"CAP_FOO\"");
    }

    @Test
    void privilegedGetsTheHostsDevices() throws Exception {
        JsonNode linux = written(bundle(process(true), BundleSpec.NetworkMode.NONE)).get("linux");
        assertThat(linux.get("devices").findValuesAsText("path")).contains("/dev/null", "/dev/zero").doesNotContain("/dev/console");
        assertThat(linux.at("/resources/devices").toString()).isEqualTo("[{\"allow\":true,\"type\":\"a\",\"access\":\"rwm\"}]");
        assertThat(linux.get("readonlyPaths")).isEmpty();
    }

    @Test
    void systemPathsAsGiven() throws Exception {
        var unconfined = new SecuritySpec(List.of(), List.of(), SecuritySpec.Seccomp.BUILTIN, false, List.of(),
                List.of(), List.of("/proc/sys"));
        JsonNode linux = written(secured(process(false), unconfined)).get("linux");
        assertThat(linux.get("maskedPaths")).isEmpty();
        assertThat(texts(linux.get("readonlyPaths"))).containsExactly("/proc/sys");
    }

    @Test
    void privilegedAlsoGetsAnAskedDeviceUnderItsOwnName() throws Exception {
        var asked = new SecuritySpec(List.of(), List.of(), SecuritySpec.Seccomp.BUILTIN, false,
                List.of(new SecuritySpec.Device("/dev/null", "/dev/mynull", "rwm"), new SecuritySpec.Device("/dev/zero", "/dev/zero", "rwm")),
                SecuritySpec.DEFAULT_MASKED_PATHS, SecuritySpec.DEFAULT_READONLY_PATHS);
        List<String> paths = written(secured(process(true), asked)).at("/linux/devices").findValuesAsText("path");
        assertThat(paths).contains("/dev/mynull", "/dev/null");
        assertThat(paths.stream().filter("/dev/zero"::equals)).hasSize(1);
    }
}
