package berth.api.wire;

import java.util.List;

/** {@code {"Id": ..., "Warnings": [...]}} of container create. */
public record CreateResponse(String id, List<String> warnings) {}
