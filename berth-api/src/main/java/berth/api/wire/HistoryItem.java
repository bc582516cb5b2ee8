package berth.api.wire;

import berth.image.ImageService;
import java.util.List;

/** One item of {@code GET /images/{name}/history}. Tags are null when there are none, as Docker sends them. */
public record HistoryItem(String id, long created, String createdBy, List<String> tags, long size, String comment) {

    public static HistoryItem of(ImageService.HistoryItem h) {
        return new HistoryItem(h.id(), h.created(), h.createdBy(), h.tags().isEmpty() ? null : h.tags(), h.size(),
                h.comment());
    }
}
