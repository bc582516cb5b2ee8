package berth.engine.view;

/** A mount as inspect and list show it. */
public record MountPoint(String type, String name, String source, String destination, String driver, String mode,
                         boolean rw, String propagation) {}
