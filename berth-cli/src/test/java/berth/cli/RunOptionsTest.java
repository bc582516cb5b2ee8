package berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import berth.common.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunOptionsTest {
    static Session session(ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return new Session(new PrintStream(out, true), new PrintStream(err, true), new ByteArrayInputStream(new byte[0]),
                Map.of("TERM", "xterm"), Clock.systemUTC());
    }

    private static ContainerSpec parse(String... args) {
        Session s = session(new ByteArrayOutputStream(), new ByteArrayOutputStream());
        RunCommand run = new RunCommand(s);
        new CommandLine(run).setStopAtPositional(true).parseArgs(args);
        return run.options.spec(run.detach, s);
    }

    private static String body(String... args) throws Exception {
        return Json.docker().writeValueAsString(CreateBody.of(parse(args)));
    }

    @Test
    void plainRun() throws Exception {
        assertThat(body("busybox")).isEqualTo("{\"AttachStdin\":false,\"AttachStdout\":true,\"AttachStderr\":true,"
                + "\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":[],\"Image\":\"busybox\","
                + "\"HostConfig\":{\"NetworkMode\":\"default\",\"AutoRemove\":false}}");
    }

    @Test
    void everyFlagLandsInItsField() throws Exception {
        var json = Json.docker().readTree(body("-d", "--rm", "--name", "web", "-e", "A=1", "-e", "TERM", "-w", "/srv",
                "-u", "1000:1000", "--entrypoint", "/bin/sh", "-h", "box", "-v", "/host:/data:ro", "-v", "/anon",
                "-l", "app=shop", "-l", "flag", "--network", "none", "--stop-signal", "SIGINT", "--stop-timeout", "3",
                "busybox", "ls", "-l", "/"));
        assertThat(json.get("AttachStdout").asBoolean()).isFalse();
        assertThat(json.get("Env").toString()).isEqualTo("[\"A=1\",\"TERM=xterm\"]");
        assertThat(json.get("Cmd").toString()).isEqualTo("[\"ls\",\"-l\",\"/\"]");
        assertThat(json.get("WorkingDir").asText()).isEqualTo("/srv");
        assertThat(json.get("User").asText()).isEqualTo("1000:1000");
        assertThat(json.get("Entrypoint").toString()).isEqualTo("[\"/bin/sh\"]");
        assertThat(json.get("Hostname").asText()).isEqualTo("box");
        assertThat(json.get("Volumes").toString()).isEqualTo("{\"/anon\":{}}");
        assertThat(json.get("Labels").toString()).isEqualTo("{\"app\":\"shop\",\"flag\":\"\"}");
        assertThat(json.get("StopSignal").asText()).isEqualTo("SIGINT");
        assertThat(json.get("StopTimeout").asInt()).isEqualTo(3);
        assertThat(json.get("HostConfig").toString())
                .isEqualTo("{\"Binds\":[\"/host:/data:ro\"],\"NetworkMode\":\"none\",\"AutoRemove\":true}");
    }

    @Test
    void networkFlagsLandWhereDockerPutsThem() throws Exception {
        var json = Json.docker().readTree(body("-p", "8080:80", "-P", "--expose", "53/udp", "--dns", "1.1.1.1",
                "--dns-search", "example.com", "--dns-option", "ndots:2", "--add-host", "db:10.0.0.9",
                "--mac-address", "92:d0:c6:0a:29:33", "--network-alias", "web", "busybox"));
        assertThat(json.get("ExposedPorts").toString()).isEqualTo("{\"53/udp\":{},\"80/tcp\":{}}");
        var host = json.get("HostConfig");
        assertThat(host.get("PortBindings").toString()).isEqualTo("{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}]}");
        assertThat(host.get("PublishAllPorts").asBoolean()).isTrue();
        assertThat(host.get("Dns").toString()).isEqualTo("[\"1.1.1.1\"]");
        assertThat(host.get("DnsSearch").toString()).isEqualTo("[\"example.com\"]");
        assertThat(host.get("DnsOptions").toString()).isEqualTo("[\"ndots:2\"]");
        assertThat(host.get("ExtraHosts").toString()).isEqualTo("[\"db:10.0.0.9\"]");
        assertThat(json.at("/NetworkingConfig/EndpointsConfig/default").toString())
                .isEqualTo("{\"Aliases\":[\"web\"],\"MacAddress\":\"92:d0:c6:0a:29:33\"}");
    }

    @Test
    void nameIsAQueryParameterNotABodyField() {
        ContainerSpec spec = parse("--name", "web", "busybox");
        assertThat(spec.name()).contains("web");
        assertThat(CreateBody.of(spec).has("Name")).isFalse();
    }

    @Test
    void interactiveAndTtyPassThrough() throws Exception {
        var json = Json.docker().readTree(body("-it", "busybox", "sh"));
        assertThat(json.get("AttachStdin").asBoolean()).isTrue();
        assertThat(json.get("OpenStdin").asBoolean()).isTrue();
        assertThat(json.get("StdinOnce").asBoolean()).isTrue();
        assertThat(json.get("Tty").asBoolean()).isTrue();
    }

    @Test
    void emptyEntrypointClearsIt() throws Exception {
        assertThat(Json.docker().readTree(body("--entrypoint", "", "busybox")).get("Entrypoint").toString()).isEqualTo("[\"\"]");
    }

    @Test
    void imageNamesGainLatestForTheNotFoundMessage() {
        assertThat(ContainerCreator.withDefaultTag("busybox")).isEqualTo("busybox:latest");
        assertThat(ContainerCreator.withDefaultTag("localhost:5000/app")).isEqualTo("localhost:5000/app:latest");
        assertThat(ContainerCreator.withDefaultTag("app:1")).isEqualTo("app:1");
    }

    @Test
    void startFailuresMapToDockersExitCodes() {
        assertThat(ContainerCreator.startFailureCode("exec: \"nope\": executable file not found in $PATH")).isEqualTo(127);
        assertThat(ContainerCreator.startFailureCode("exec /etc: permission denied")).isEqualTo(126);
        assertThat(ContainerCreator.startFailureCode("cgroup trouble")).isEqualTo(125);
        assertThat(ContainerCreator.report("run", "boom.", false)).isEqualTo("berth: Error response from daemon: boom.");
    }

    @Test
    void verbWordsSkipGlobalOptions() {
        assertThat(Verbs.words(new String[] {"-H", "unix:///x", "container", "ls", "-a"})).containsExactly("container", "ls", "-a");
        assertThat(Verbs.words(new String[] {"--help"})).isEmpty();
    }
}
