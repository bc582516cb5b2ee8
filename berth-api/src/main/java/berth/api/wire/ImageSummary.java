package berth.api.wire;

import berth.image.Image;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** One row of {@code GET /images/json}. VirtualSize left out from API 1.44 on, as Docker does. */
public record ImageSummary(String id, String parentId, List<String> repoTags, List<String> repoDigests,
                           long created, long size, long sharedSize,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long virtualSize,
                           Map<String, String> labels, int containers) {

    public static ImageSummary of(Image image, boolean withVirtualSize) {
        return of(image, withVirtualSize, -1, -1);
    }

    /** Below API 1.43 Docker names an image without tags or digests {@code <none>:<none>} / {@code <none>@<none>}. */
    public ImageSummary withNoneNames() {
        if (!repoTags.isEmpty() || !repoDigests.isEmpty()) return this;
        return new ImageSummary(id, parentId, List.of("<none>:<none>"), List.of("<none>@<none>"), created, size,
                sharedSize, virtualSize, labels, containers);
    }

    /** With the shared size and container count that {@code /system/df} computes (-1: not computed). */
    public static ImageSummary of(Image image, boolean withVirtualSize, long sharedSize, int containers) {
        return new ImageSummary(image.id(), image.parent() == null ? "" : image.parent(), image.repoTags(), image.repoDigests(),
                image.created().getEpochSecond(), image.size(), sharedSize, withVirtualSize ? image.size() : null,
                image.config().labels(), containers);
    }
}
