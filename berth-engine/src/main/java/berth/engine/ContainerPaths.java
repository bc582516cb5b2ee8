package berth.engine;

import java.nio.file.Path;

/** Where a container's own files live under the data root: logs and the generated /etc files. */
record ContainerPaths(Path root) {
    Path dir(String id) { return root.resolve(id); }
    Path log(String id) { return dir(id).resolve("container.log"); }
    Path hostname(String id) { return dir(id).resolve("hostname"); }
    Path hosts(String id) { return dir(id).resolve("hosts"); }
    Path resolvConf(String id) { return dir(id).resolve("resolv.conf"); }
}
