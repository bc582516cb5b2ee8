package berth.api.handlers.container;

import berth.api.http.Query;
import berth.common.BerthException;
import berth.common.Json;
import berth.image.PathStat;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code X-Docker-Container-Path-Stat} header: base64 of {@code {name,size,mode,mtime,linkTarget}}. */
final class PathStats {
    static final String HEADER = "X-Docker-Container-Path-Stat";
    static final String TAR = "application/x-tar";

    private PathStats() {}

    static Map<String, String> header(PathStat stat) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", stat.name());
        json.put("size", stat.size());
        json.put("mode", stat.mode());
        json.put("mtime", stat.mtime().toString());
        json.put("linkTarget", stat.linkTarget());
        try {
            byte[] bytes = Json.oci().writeValueAsBytes(json);
            return Map.of(HEADER, Base64.getEncoder().encodeToString(bytes));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The required {@code path} parameter, as Docker words its absence. */
    static String path(Query q) {
        return q.string("path").filter(p -> !p.isEmpty())
                .orElseThrow(() -> BerthException.invalid("bad parameter: path cannot be empty"));
    }
}
