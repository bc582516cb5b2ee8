package berth.runtime;

import berth.sys.Os;
import java.nio.file.Path;

/**
 * How to build the runtime: where its state lives ({@code execRoot}: bundles, exit files, attach sockets,
 * the runtime's own --root), which runtime to prefer ("runc", "crun", or "" to choose: crun where the
 * cgroup layout lets it, else runc), and the OS interface.
 */
public record RuntimeConfig(Path execRoot, String preferredRuntime, Os os) {}
