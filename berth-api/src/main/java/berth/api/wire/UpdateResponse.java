package berth.api.wire;

import java.util.List;

/** {@code {"Warnings": [...]}} of container update. */
public record UpdateResponse(List<String> warnings) {}
