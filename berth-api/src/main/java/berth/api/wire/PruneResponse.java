package berth.api.wire;

import java.util.List;

/** {@code POST /containers/prune}. */
public record PruneResponse(List<String> containersDeleted, long spaceReclaimed) {}
