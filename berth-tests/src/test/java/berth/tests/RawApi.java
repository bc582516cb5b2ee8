package berth.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Endpoints docker-java lacks (history, system df, prune filters), called over the daemon's socket as is. */
final class RawApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RawApi() {}

    /** The JSON answer of {@code method path}; fails unless the status is {@code expected}. */
    static JsonNode call(BerthDaemon daemon, DockerHttpClient.Request.Method method, String path, int expected) {
        var request = DockerHttpClient.Request.builder().method(method).path(path).build();
        try (var response = daemon.http().execute(request)) {
            byte[] body = response.getBody().readAllBytes();
            if (response.getStatusCode() != expected)
                throw new AssertionError(method + " " + path + ": " + response.getStatusCode() + " " + new String(body));
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode get(BerthDaemon daemon, String path) {
        return call(daemon, DockerHttpClient.Request.Method.GET, path, 200);
    }

    static JsonNode post(BerthDaemon daemon, String path) {
        return call(daemon, DockerHttpClient.Request.Method.POST, path, 200);
    }
}
