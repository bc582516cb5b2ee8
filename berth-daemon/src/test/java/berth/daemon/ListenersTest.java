package berth.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.api.Endpoint;
import berth.common.BerthException;
import berth.common.tls.TlsMaterial;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListenersTest {
    private static final Path SOCK = Path.of("/run/x/berth.sock");
    private static final TlsMaterial TLS = new TlsMaterial(List.of(), List.of(), Optional.empty());

    private static Listeners.Spec spec(boolean tls, String group, String... hosts) {
        return new Listeners.Spec(List.of(hosts), SOCK, group, tls, Path.of("/nonexistent/ca.pem"),
                Path.of("/nonexistent/cert.pem"), Path.of("/nonexistent/key.pem"));
    }

    @Test
    void defaultIsTheExecRootSocketWithRootsGroupWhenAsked() {
        assertThat(Listeners.endpoints(spec(false, "")))
                .containsExactly(new Endpoint.Unix(SOCK, Optional.empty()));
        assertThat(Listeners.endpoints(spec(false, "", "unix:///a/b.sock", "unix://")))
                .containsExactly(new Endpoint.Unix(Path.of("/a/b.sock"), Optional.empty()),
                        new Endpoint.Unix(SOCK, Optional.empty()));
    }

    @Test
    void plainTcpIsRefusedBeforeAnyFileIsRead() {
        assertThatThrownBy(() -> Listeners.endpoints(spec(false, "", "unix:///a.sock", "tcp://127.0.0.1:2376")))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("refusing to listen on tcp://127.0.0.1:2376 without TLS")
                .hasMessageContaining("--tlsverify");
        assertThatThrownBy(() -> Listeners.endpoints(spec(false, "", "127.0.0.1:2376")))
                .hasMessageContaining("without TLS");
    }

    @Test
    void missingTlsFilesAreNamed() {
        assertThatThrownBy(() -> Listeners.endpoints(spec(true, "", "tcp://127.0.0.1:2376")))
                .hasMessageContaining("cannot read --tlscacert /nonexistent/ca.pem");
    }

    @Test
    void tcpAddresses() {
        assertThat(Listeners.tcp("tcp://127.0.0.1:1234", TLS)).isEqualTo(new Endpoint.Tcp("127.0.0.1", 1234, TLS));
        assertThat(Listeners.tcp("tcp://:1234", TLS)).isEqualTo(new Endpoint.Tcp("127.0.0.1", 1234, TLS));
        assertThat(Listeners.tcp("tcp://0.0.0.0", TLS)).isEqualTo(new Endpoint.Tcp("0.0.0.0", 2376, TLS));
        assertThat(Listeners.tcp("tcp://[::1]:99/", TLS)).isEqualTo(new Endpoint.Tcp("::1", 99, TLS));
        assertThatThrownBy(() -> Listeners.tcp("tcp://h:x", TLS)).hasMessageContaining("invalid port 'x'");
        assertThatThrownBy(() -> Listeners.tcp("tcp://h:1/p", TLS)).hasMessageContaining("no path");
    }

    @Test
    void otherSchemesAreRefused() {
        assertThatThrownBy(() -> Listeners.endpoints(spec(false, "", "fd://")))
                .hasMessageContaining("only unix:// and tcp:// are supported");
    }

    @Test
    void aNamedGroupMustExistTheDefaultOneMayNot() {
        assertThatThrownBy(() -> Listeners.socketGroup("no-such-group-berth-test"))
                .hasMessageContaining("group no-such-group-berth-test not found");
        assertThat(Listeners.socketGroup("root")).isPresent();
        assertThat(Listeners.socketGroup("")).isEmpty();
    }
}
