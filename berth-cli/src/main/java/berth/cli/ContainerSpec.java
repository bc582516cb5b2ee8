package berth.cli;

import java.util.List;
import java.util.Optional;

/** The parsed options of run/create, as plain values; {@link CreateBody} turns them into the API body. */
record ContainerSpec(
        String image,
        List<String> command,
        Optional<String> name,
        List<String> env,
        Optional<String> workdir,
        Optional<String> user,
        Optional<String> entrypoint,
        Optional<String> hostname,
        List<String> volumes,
        List<String> labels,
        Optional<String> network,
        Optional<String> stopSignal,
        Optional<Integer> stopTimeout,
        boolean autoRemove,
        boolean detach,
        boolean interactive,
        boolean tty,
        NetworkSpec net,
        MountOptions.MountSpecs storage,
        LifecycleOptions.LifecycleSpec lifecycle,
        SecurityOptions.SecuritySpecs security,
        ResourceOptions.ResourceSpec resources,
        Optional<String> userns) {

    ContainerSpec {
        command = List.copyOf(command);
        env = List.copyOf(env);
        volumes = List.copyOf(volumes);
        labels = List.copyOf(labels);
    }

    /** Just an image: what tests start from. */
    static ContainerSpec of(String image) {
        return new ContainerSpec(image, List.of(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, false, false, false, NetworkSpec.NONE,
                MountOptions.MountSpecs.NONE, LifecycleOptions.LifecycleSpec.NONE, SecurityOptions.SecuritySpecs.NONE,
                ResourceOptions.ResourceSpec.NONE, Optional.empty());
    }

    /** docker attaches stdout and stderr unless detached. */
    boolean attached() { return !detach; }
}
