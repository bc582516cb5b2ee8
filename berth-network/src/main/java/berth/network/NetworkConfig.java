package berth.network;

import java.nio.file.Path;

/**
 * The daemon's networking settings.
 *
 * @param database  the SQLite file for networks and memberships (under the data root)
 * @param netnsDir  where containers' network namespaces are pinned (under the exec root); the sandboxes and
 *                  leases of running containers are stored beside it, as they live no longer than those

 * @param bridge    the default bridge's Linux name (dockerd's --bridge); "none" for no default bridge
 * @param bip       the bridge's address with prefix ("172.17.0.1/16", dockerd's --bip); "" to keep the stored
 *                  one or pick a free 172.17-31.0.0/16
 */
public record NetworkConfig(Path database, Path netnsDir, String bridge, String bip) {

    public static final String DEFAULT_BRIDGE = "berth0";

    /** The nft table of this daemon, named after its bridge so that daemons never share one. */
    public String table() {
        return "berth-" + bridge;
    }

    /** Running containers' sandboxes and leases: beside the namespaces they describe. */
    public Path stateDatabase() {
        return netnsDir.resolveSibling("network-state.db");
    }

    public boolean hasBridge() {
        return !bridge.equals("none");
    }
}
