package berth.image;

import berth.common.BerthException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * {@code GET /images/{name}/history} as Docker computes it: one item per entry of the config's
 * {@code history}, newest first; entries without {@code empty_layer} take the next layer in order and
 * report its unpacked size. Only the newest item names the image (ID and tags): berth keeps no parent
 * chain, so every older item is {@code <missing>}, as in an image Docker pulled.
 */
final class ImageHistory {
    static final String MISSING = "<missing>";

    private ImageHistory() {}

    /** {@code layerSize} maps a layer's position (bottom = 0) to its unpacked size. */
    static List<ImageService.HistoryItem> of(String imageId, List<String> tags, JsonNode config,
                                             IntToLongFunction layerSize) {
        int layers = ImageConfigJson.diffIds(config).size();
        List<ImageService.HistoryItem> items = new ArrayList<>();
        int next = 0;
        for (JsonNode h : config.path("history")) {
            long size = 0;
            if (!h.path("empty_layer").asBoolean(false)) {
                if (next >= layers) throw BerthException.fault("too many non-empty layers in History section", null);
                size = layerSize.applyAsLong(next++);
            }
            items.addFirst(new ImageService.HistoryItem(MISSING, ImageConfigJson.created(h).getEpochSecond(),
                    h.path("created_by").asText(""), List.of(), size, h.path("comment").asText("")));
        }
        if (!items.isEmpty()) {
            var top = items.getFirst();
            items.set(0, new ImageService.HistoryItem(imageId, top.created(), top.createdBy(), tags, top.size(), top.comment()));
        }
        return List.copyOf(items);
    }
}
