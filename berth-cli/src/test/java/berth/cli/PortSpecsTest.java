package berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortSpecsTest {

    private static PortSpecs p(String... specs) {
        return PortSpecs.parse(List.of(specs), List.of());
    }

    @Test
    void dockersForms() {
        assertThat(p("8080:80").bindings()).isEqualTo(Map.of("80/tcp", List.of(Map.of("HostIp", "", "HostPort", "8080"))));
        assertThat(p("80").bindings()).isEqualTo(Map.of("80/tcp", List.of(Map.of("HostIp", "", "HostPort", ""))));
        assertThat(p("127.0.0.1::53/udp").bindings())
                .isEqualTo(Map.of("53/udp", List.of(Map.of("HostIp", "127.0.0.1", "HostPort", ""))));
        assertThat(p("127.0.0.1:8080:80").bindings().get("80/tcp").getFirst()).containsEntry("HostIp", "127.0.0.1");
        assertThat(p("[::1]:8080:80").bindings().get("80/tcp").getFirst()).containsEntry("HostIp", "::1");
        assertThat(p("8080:80").exposed()).containsExactly("80/tcp");
    }

    @Test
    void rangesPairUpOrLeaveTheChoiceToTheDaemon() {
        assertThat(p("8000-8001:80-81").bindings()).isEqualTo(Map.of(
                "80/tcp", List.of(Map.of("HostIp", "", "HostPort", "8000")),
                "81/tcp", List.of(Map.of("HostIp", "", "HostPort", "8001"))));
        assertThat(p("8000-8010:80").bindings()).isEqualTo(Map.of("80/tcp", List.of(Map.of("HostIp", "", "HostPort", "8000-8010"))));
        assertThat(p("90-91").exposed()).containsExactly("90/tcp", "91/tcp");
        assertThat(PortSpecs.parse(List.of(), List.of("7000-7001/udp")).exposed()).containsExactly("7000/udp", "7001/udp");
    }

    @Test
    void nonsenseIsACliError() {
        assertThatThrownBy(() -> p("8000-8002:80-81")).hasMessageContaining("invalid ranges");
        assertThatThrownBy(() -> p("x:80")).hasMessageContaining("invalid hostPort: x");
        assertThatThrownBy(() -> p("80/icmp")).hasMessageContaining("invalid proto: icmp");
        assertThatThrownBy(() -> p("1:2:3:4")).hasMessageContaining("invalid port format");
    }
}
