package berth.api.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** A network as {@code GET /networks} lists it. Until the networks issue only the three built-ins exist. */
public record NetworkResource(String name, String id, String created, String scope, String driver,
                              @JsonProperty("EnableIPv6") boolean enableIPv6,
                              @JsonProperty("IPAM") Map<String, Object> ipam, boolean internal,
                              boolean attachable, boolean ingress, Map<String, Object> containers,
                              Map<String, String> options, Map<String, String> labels) {

    public static final List<NetworkResource> BUILT_IN =
            List.of(builtIn("bridge", "bridge"), builtIn("host", "host"), builtIn("none", "null"));

    private static NetworkResource builtIn(String name, String driver) {
        return new NetworkResource(name, stableId(name), "0001-01-01T00:00:00Z", "local", driver, false,
                Map.of("Driver", "default", "Config", List.of()), false, false, false, Map.of(), Map.of(),
                Map.of());
    }

    /** Same ID across restarts, so clients that remember it keep finding it. */
    private static String stableId(String name) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(("berth-network:" + name).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
