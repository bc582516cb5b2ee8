package berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeccompProfileTest {
    private static final SeccompProfile.Platform AMD64 = new SeccompProfile.Platform("amd64", "SCMP_ARCH_X86_64", 6, 18);
    private static final SeccompProfile.Platform ARM64 = new SeccompProfile.Platform("arm64", "SCMP_ARCH_AARCH64", 6, 1);
    private static final SeccompProfile.Platform OLD = new SeccompProfile.Platform("amd64", "SCMP_ARCH_X86_64", 4, 4);

    private static OciSpec.Seccomp resolve(List<String> caps, SeccompProfile.Platform platform) {
        return DefaultSeccompProfile.PROFILE.resolve(caps, platform);
    }

    private static boolean allowsPlainly(OciSpec.Seccomp s, String name) {
        return s.syscalls().stream().anyMatch(r -> r.action().equals("SCMP_ACT_ALLOW") && r.args() == null
                && r.names().contains(name));
    }

    private static Optional<OciSpec.Syscall> rule(OciSpec.Seccomp s, String name, String action) {
        return s.syscalls().stream().filter(r -> r.names().contains(name) && r.action().equals(action)).findFirst();
    }

    @Test
    void defaultDeniesWithEpermOnTheNativeArchitectures() {
        var s = resolve(Capabilities.DEFAULT, AMD64);
        assertThat(s.defaultAction()).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(s.defaultErrnoRet()).isEqualTo(1);
        assertThat(s.architectures()).containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
        assertThat(resolve(Capabilities.DEFAULT, ARM64).architectures()).containsExactly("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM");
    }

    @Test
    void ordinarySyscallsAllowedPowerfulOnesNot() {
        var s = resolve(Capabilities.DEFAULT, AMD64);
        assertThat(List.of("read", "write", "openat", "mkdir", "execve", "chroot", "arch_prctl")).allMatch(n -> allowsPlainly(s, n));
        assertThat(List.of("mount", "unshare", "setns", "reboot", "init_module", "bpf", "ptrace_not_a_call", "kexec_load"))
                .noneMatch(n -> allowsPlainly(s, n));
    }

    @Test
    void withoutSysAdminCloneMayNotMakeNamespacesAndClone3FallsBack() {
        var s = resolve(Capabilities.DEFAULT, AMD64);
        var clone = rule(s, "clone", "SCMP_ACT_ALLOW").orElseThrow();
        assertThat(clone.args()).containsExactly(new OciSpec.SyscallArg(0, 2114060288L, 0, "SCMP_CMP_MASKED_EQ"));
        assertThat(rule(s, "clone3", "SCMP_ACT_ERRNO").orElseThrow().errnoRet()).isEqualTo(38);
        assertThat(rule(s, "socket", "SCMP_ACT_ALLOW").orElseThrow().args())
                .containsExactly(new OciSpec.SyscallArg(0, 40, 0, "SCMP_CMP_NE"));
        assertThat(s.syscalls().stream().filter(r -> r.names().contains("personality")).count()).isEqualTo(5);
    }

    @Test
    void sysAdminOpensMountUnshareAndPlainClone() {
        var caps = new java.util.ArrayList<>(Capabilities.DEFAULT);
        caps.add("CAP_SYS_ADMIN");
        var s = resolve(caps, AMD64);
        assertThat(List.of("mount", "unshare", "setns", "clone", "clone3")).allMatch(n -> allowsPlainly(s, n));
        assertThat(rule(s, "clone3", "SCMP_ACT_ERRNO")).isEmpty();
        assertThat(s.syscalls().stream().filter(r -> r.names().contains("clone") && r.args() != null)).isEmpty();
    }

    @Test
    void architectureAndKernelConditions() {
        assertThat(allowsPlainly(resolve(Capabilities.DEFAULT, ARM64), "arch_prctl")).isFalse();
        assertThat(allowsPlainly(resolve(Capabilities.DEFAULT, ARM64), "set_tls")).isTrue();
        assertThat(allowsPlainly(resolve(Capabilities.DEFAULT, AMD64), "ptrace")).isTrue();
        assertThat(allowsPlainly(resolve(Capabilities.DEFAULT, OLD), "ptrace")).isFalse();
    }

    @Test
    void customProfileInDockersFormatWithTheOldNameField() {
        var p = SeccompProfile.parse("""
                {"defaultAction":"SCMP_ACT_ALLOW","architectures":["SCMP_ARCH_X86_64"],
                 "syscalls":[{"name":"mkdir","action":"SCMP_ACT_ERRNO"},
                             {"names":["chmod"],"action":"SCMP_ACT_ERRNO","errnoRet":13,"includes":{"caps":["CAP_SYS_ADMIN"]}}],
                 "unknownField":1}""");
        var s = p.resolve(Capabilities.DEFAULT, AMD64);
        assertThat(s.defaultAction()).isEqualTo("SCMP_ACT_ALLOW");
        assertThat(s.defaultErrnoRet()).isNull();
        assertThat(s.architectures()).containsExactly("SCMP_ARCH_X86_64");
        assertThat(s.syscalls()).containsExactly(new OciSpec.Syscall(List.of("mkdir"), "SCMP_ACT_ERRNO", null, null));
    }

    @Test
    void badProfilesAreRefused() {
        assertThatThrownBy(() -> SeccompProfile.parse("{\"defaultAction\":")).hasMessageStartingWith("Decoding seccomp profile failed");
        assertThatThrownBy(() -> SeccompProfile.parse("{\"syscalls\":[]}")).hasMessageContaining("defaultAction");
        assertThatThrownBy(() -> SeccompProfile.parse("""
                {"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"name":"a","names":["b"],"action":"SCMP_ACT_ERRNO"}]}"""))
                .hasMessage("'name' and 'names' were specified in the seccomp profile, use either 'name' or 'names'");
        assertThatThrownBy(() -> SeccompProfile.parse("""
                {"defaultAction":"SCMP_ACT_ALLOW","architectures":["SCMP_ARCH_X86_64"],
                 "archMap":[{"architecture":"SCMP_ARCH_X86_64","subArchitectures":[]}]}"""))
                .hasMessageContaining("use either 'architectures' or 'archMap'");
    }
}
