package berth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.BerthException;
import berth.common.Json;
import berth.engine.model.HostConfig;
import berth.runtime.SecuritySpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityOptsTest {

    private static HostConfig host(String json) throws Exception {
        return Json.docker().readValue(json, HostConfig.class).normalized();
    }

    @Test
    void fieldsBecomeTheRuntimesSpec() throws Exception {
        SecuritySpec s = SecurityOpts.spec(host("""
                {"CapAdd":["NET_ADMIN"],"CapDrop":["chown"],"SecurityOpt":["no-new-privileges","apparmor=unconfined","label=disable"],
                 "GroupAdd":["audio"],"Devices":[{"PathOnHost":"/dev/null","PathInContainer":"","CgroupPermissions":""}]}"""));
        assertThat(s.capAdd()).containsExactly("NET_ADMIN");
        assertThat(s.noNewPrivileges()).isTrue();
        assertThat(s.seccomp()).isEqualTo(SecuritySpec.Seccomp.BUILTIN);
        assertThat(s.devices()).containsExactly(new SecuritySpec.Device("/dev/null", "/dev/null", "rwm"));
    }

    @Test
    void seccompForms() throws Exception {
        assertThat(SecurityOpts.spec(host("{\"SecurityOpt\":[\"seccomp=unconfined\"]}")).seccomp()).isEqualTo(SecuritySpec.Seccomp.UNCONFINED);
        assertThat(SecurityOpts.spec(host("{\"SecurityOpt\":[\"seccomp:unconfined\"]}")).seccomp()).isEqualTo(SecuritySpec.Seccomp.UNCONFINED);
        assertThat(SecurityOpts.spec(host("{\"SecurityOpt\":[\"seccomp={\\\"defaultAction\\\":\\\"SCMP_ACT_ALLOW\\\"}\"]}")).seccomp())
                .isEqualTo(new SecuritySpec.Seccomp.Custom("{\"defaultAction\":\"SCMP_ACT_ALLOW\"}"));
        assertThat(SecurityOpts.spec(host("{\"SecurityOpt\":[\"no-new-privileges=false\"]}")).noNewPrivileges()).isFalse();
        assertThatThrownBy(() -> SecurityOpts.spec(host("{\"SecurityOpt\":[\"seccomp=/tmp/p.json\"]}")))
                .hasMessage("Decoding seccomp profile failed: invalid character '/' looking for beginning of value");
    }

    @Test
    void dockersRefusalsAreInvalidArguments() {
        for (var c : List.of(
                List.of("{\"CapAdd\":[\"foo\"]}", "invalid CapAdd: unknown capability: \"CAP_FOO\""),
                List.of("{\"CapDrop\":[\"CAP_BAR\"]}", "invalid CapDrop: unknown capability: \"CAP_BAR\""),
                List.of("{\"SecurityOpt\":[\"foo\"]}", "invalid --security-opt 1: \"foo\""),
                List.of("{\"SecurityOpt\":[\"foo=bar\"]}", "invalid --security-opt 2: \"foo=bar\""),
                List.of("{\"SecurityOpt\":[\"no-new-privileges=maybe\"]}", "invalid --security-opt 2: \"no-new-privileges=maybe\""),
                List.of("{\"Devices\":[{\"PathOnHost\":\"/dev/null\",\"CgroupPermissions\":\"rwx\"}]}", "invalid device mode: rwx")))
            assertThatThrownBy(() -> SecurityOpts.atCreate(host(c.get(0))))
                    .isInstanceOf(BerthException.InvalidArgument.class).hasMessage(c.get(1));
    }

    @Test
    void createFillsDockersSystemPathsUnlessGivenOrPrivileged() throws Exception {
        HostConfig plain = SecurityOpts.atCreate(host("{}"));
        assertThat(plain.maskedPaths()).isEqualTo(SecuritySpec.DEFAULT_MASKED_PATHS).contains("/proc/interrupts");
        assertThat(plain.readonlyPaths()).isEqualTo(SecuritySpec.DEFAULT_READONLY_PATHS);
        HostConfig unconfined = SecurityOpts.atCreate(host("{\"MaskedPaths\":[],\"ReadonlyPaths\":[]}"));
        assertThat(SecurityOpts.spec(unconfined).maskedPaths()).isEmpty();
        assertThat(SecurityOpts.spec(unconfined).readonlyPaths()).isEmpty();
        HostConfig privileged = SecurityOpts.atCreate(host("{\"Privileged\":true}"));
        assertThat(privileged.maskedPaths()).isNull();
    }
}
