package berth.engine.view;

import berth.engine.model.ContainerConfig;
import berth.engine.model.ContainerState;
import berth.engine.model.HostConfig;
import java.util.List;
import java.util.Map;

/** {@code GET /containers/{id}/json}, field for field as Docker names them. */
public record ContainerInspect(
        String id,
        String created,
        String path,
        List<String> args,
        ContainerState state,
        String image,
        String resolvConfPath,
        String hostnamePath,
        String hostsPath,
        String logPath,
        String name,
        int restartCount,
        String driver,
        String platform,
        String mountLabel,
        String processLabel,
        String appArmorProfile,
        List<String> execIDs,
        HostConfig hostConfig,
        GraphDriver graphDriver,
        Long sizeRw,
        Long sizeRootFs,
        List<MountPoint> mounts,
        ContainerConfig config,
        Map<String, Object> networkSettings) {

    public record GraphDriver(String name, Map<String, String> data) {}
}
