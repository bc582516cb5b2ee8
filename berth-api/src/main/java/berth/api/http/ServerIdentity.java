package berth.api.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;

/** The headers Docker puts on every response, so clients can negotiate the version from any answer. */
public record ServerIdentity(String serverVersion) {

    public Map<String, String> headers() {
        return Map.of(
                "Api-Version", ApiVersion.MAX.toString(),
                "Server", "berth/" + serverVersion + " (linux)",
                "Docker-Experimental", "false",
                "Ostype", "linux");
    }

    public void apply(HttpHeaders target) {
        headers().forEach(target::set);
    }
}
