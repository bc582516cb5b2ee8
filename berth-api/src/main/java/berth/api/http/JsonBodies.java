package berth.api.http;

import berth.common.BerthException;
import berth.common.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** Binds JSON trees to records, turning Jackson's complaints into 400s. */
public final class JsonBodies {
    private JsonBodies() {}

    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return Json.docker().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new BerthException.InvalidArgument(e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BerthException.InvalidArgument(e.getMessage(), e);
        }
    }
}
