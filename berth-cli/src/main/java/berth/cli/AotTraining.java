package berth.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The training run behind the CLI's AOT cache ({@code make build} runs it once with
 * {@code -XX:AOTCacheOutput}): the common verbs, parsed and executed in one JVM against a canned daemon on a
 * private socket, so that the classes they load (picocli's model, Jackson, the client, templates, tables)
 * are loaded and linked ahead of time. It never talks to a real daemon.
 */
final class AotTraining {
    private static final String ID = "4a7c9b2e1f3d5a6b8c0d2e4f6a8b0c1d3e5f7a9b1c3d5e7f9a0b2c4d6e8f0a1b";
    private static final List<List<String>> COMMANDS = List.of(
            List.of("ps"), List.of("ps", "-a", "--no-trunc"), List.of("ps", "-a", "--format", "{{.ID}}\t{{.Names}}"),
            List.of("images"), List.of("version"), List.of("inspect", "web"), List.of("info"),
            List.of("run", "--rm", "-e", "A=b", "busybox", "true"), List.of("create", "--name", "x", "busybox"),
            List.of("start", "web"), List.of("stop", "web"), List.of("rm", "-f", "web"), List.of("logs", "web"),
            List.of("exec", "web", "true"), List.of("--help"), List.of("run", "--help"), List.of("nosuchverb"),
            List.of("pull", "127.0.0.1:5000/app:1"), List.of("push", "-q", "127.0.0.1:5000/app:1"));
    /** A short pull: what the message renderer and reference parser need to have loaded. */
    private static final String PULL_STREAM = """
            {"status":"Pulling from app","id":"1"}
            {"status":"Downloading","progressDetail":{"current":1,"total":2},"progress":"[=>  ]","id":"abc"}
            {"status":"Pull complete","progressDetail":{},"id":"abc"}
            {"status":"Digest: sha256:%s"}
            {"progressDetail":{},"aux":{"Tag":"1","Digest":"sha256:%s","Size":1}}
            """.formatted(ID, ID);

    private AotTraining() {}

    public static void main(String[] args) throws IOException {
        Warmup.start();
        Path dir = Files.createTempDirectory("berth-aot");
        Path socket = dir.resolve("d.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread.ofPlatform().daemon().start(() -> serve(server));
            var sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            for (List<String> command : COMMANDS) {
                // DOCKER_CONFIG: pull and push read a config.json; never the user's
                var session = new Session(sink, sink, InputStream.nullInputStream(),
                        Map.of("BERTH_HOST", "unix://" + socket, "DOCKER_CONFIG", dir.toString()), Clock.systemUTC());
                try {
                    Main.run(session, command.toArray(String[]::new));
                } catch (RuntimeException e) {
                    // a verb that wants more than the canned daemon gives still trained its classes
                }
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    private static void serve(ServerSocketChannel server) {
        while (server.isOpen()) {
            try (SocketChannel ch = server.accept()) {
                answer(ch);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One request per connection is enough for the verbs above. */
    private static void answer(SocketChannel ch) throws IOException {
        InputStream in = Channels.newInputStream(ch);
        String request = line(in);
        int length = 0;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            if (h.regionMatches(true, 0, "content-length:", 0, 15)) length = Integer.parseInt(h.substring(15).trim());
        }
        in.readNBytes(length);
        String path = request.split(" ").length > 1 ? request.split(" ")[1].replaceFirst("^/v[0-9.]+", "") : "/";
        String method = request.split(" ")[0];
        var reply = reply(method, path.replaceFirst("\\?.*", ""));
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        OutputStream out = Channels.newOutputStream(ch);
        out.write(("HTTP/1.1 " + reply.status() + " X\r\nContent-Type: application/json\r\nApi-Version: 1.47\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(body);
        out.flush();
    }

    private record Reply(int status, String body) {}

    private static Reply reply(String method, String path) {
        return switch (path) {
            case "/_ping" -> new Reply(200, "OK");
            case "/version" -> new Reply(200, """
                    {"Version":"0.1.0","ApiVersion":"1.47","MinAPIVersion":"1.24","GitCommit":"0","GoVersion":"java25",
                     "Os":"linux","Arch":"amd64","KernelVersion":"6","BuildTime":"2026-01-01T00:00:00Z"}""");
            case "/info" -> new Reply(200, """
                    {"ID":"x","Containers":1,"ContainersRunning":1,"ContainersPaused":0,"ContainersStopped":0,
                     "Images":1,"Driver":"overlay2","ServerVersion":"0.1.0","DefaultRuntime":"runc"}""");
            case "/containers/json" -> new Reply(200, "[" + summary() + "," + summary().replace("web", "db") + "]");
            case "/images/json" -> new Reply(200, """
                    [{"Id":"sha256:%s","RepoTags":["busybox:latest"],"Created":1700000000,"Size":2000000,
                      "Containers":-1,"Labels":{},"ParentId":"","RepoDigests":[],"SharedSize":-1}]""".formatted(ID));
            case "/containers/create" -> new Reply(201, "{\"Id\":\"" + ID + "\",\"Warnings\":[]}");
            case "/images/create" -> new Reply(200, PULL_STREAM);
            default -> path.startsWith("/containers/web/json") || path.startsWith("/containers/" + ID + "/json")
                    ? new Reply(200, inspect())
                    : path.endsWith("/push") ? new Reply(200, PULL_STREAM)
                    : method.equals("GET") ? new Reply(404, "{\"message\":\"No such container: x\"}")
                    : new Reply(204, "");
        };
    }

    private static String summary() {
        return """
                {"Id":"%s","Names":["/web"],"Image":"busybox","ImageID":"sha256:%s","Command":"sh","Created":1700000000,
                 "State":"running","Status":"Up 2 minutes","Ports":[],"Labels":{"a":"b"},"Mounts":[]}""".formatted(ID, ID);
    }

    private static String inspect() {
        return """
                {"Id":"%s","Name":"/web","Created":"2026-01-01T00:00:00.000000000Z","Path":"sh","Args":[],
                 "State":{"Status":"running","Running":true,"Paused":false,"ExitCode":0,"Pid":42,
                          "StartedAt":"2026-01-01T00:00:00Z","FinishedAt":"0001-01-01T00:00:00Z"},
                 "Config":{"Tty":false,"OpenStdin":false,"Image":"busybox","Cmd":["sh"],"Env":["A=b"]},
                 "HostConfig":{"AutoRemove":false},"NetworkSettings":{"Ports":{}}}""".formatted(ID);
    }

    private static String line(InputStream in) throws IOException {
        var b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n' && c >= 0; c = in.read()) {
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
