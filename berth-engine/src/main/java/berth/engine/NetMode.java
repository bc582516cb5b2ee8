package berth.engine;

/** Docker's HostConfig.NetworkMode, parsed. */
sealed interface NetMode {

    /** The host's network namespace. */
    record Host() implements NetMode {}

    /** A namespace of its own with loopback only. */
    record None() implements NetMode {}

    /** Another container's namespace ("container:<name|id>"). */
    record Shared(String container) implements NetMode {}

    /** A bridge network by name: "default" and "bridge" are the default bridge. */
    record Network(String name) implements NetMode {}

    static NetMode of(String mode) {
        return switch (mode) {
            case "host" -> new Host();
            case "none" -> new None();
            case "", "default", "bridge" -> new Network("bridge");
            default -> mode.startsWith("container:") ? new Shared(mode.substring("container:".length())) : new Network(mode);
        };
    }

    /** The key of this mode's entry in NetworkSettings.Networks ("bridge" for "default"). */
    default String key() {
        return switch (this) {
            case Host h -> "host";
            case None n -> "none";
            case Shared s -> "";
            case Network n -> n.name();
        };
    }
}
