package berth.engine.view;

import java.util.List;
import java.util.Map;

/** One row of {@code GET /containers/json}. {@code created} is in seconds since the epoch. */
public record ContainerSummary(
        String id,
        List<String> names,
        String image,
        String imageID,
        String command,
        long created,
        String state,
        String status,
        List<Object> ports,
        Map<String, String> labels,
        Long sizeRw,
        Long sizeRootFs,
        Map<String, String> hostConfig,
        Map<String, Object> networkSettings,
        List<MountPoint> mounts) {}
