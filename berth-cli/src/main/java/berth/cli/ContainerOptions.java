package berth.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The flags run and create share (a picocli mixin); {@link #spec} turns them into values. */
final class ContainerOptions {
    @Option(names = "--name", description = "Assign a name to the container") String name;
    @Option(names = {"-e", "--env"}, description = "Set environment variables") List<String> env = new ArrayList<>();
    @Option(names = "--env-file", description = "Read in a file of environment variables") List<Path> envFiles = new ArrayList<>();
    @Option(names = {"-w", "--workdir"}, description = "Working directory inside the container") String workdir;
    @Option(names = {"-u", "--user"}, description = "Username or UID (format: <name|uid>[:<group|gid>])") String user;
    @Option(names = "--entrypoint", description = "Overwrite the default ENTRYPOINT of the image") String entrypoint;
    @Option(names = {"-h", "--hostname"}, description = "Container host name") String hostname;
    @Option(names = {"-v", "--volume"}, description = "Bind mount a volume") List<String> volumes = new ArrayList<>();
    @Option(names = {"-l", "--label"}, description = "Set meta data on a container") List<String> labels = new ArrayList<>();
    @Option(names = {"--network", "--net"}, description = "Connect a container to a network") String network;
    @Option(names = "--stop-signal", description = "Signal to stop the container") String stopSignal;
    @Option(names = "--stop-timeout", description = "Timeout (in seconds) to stop a container") Integer stopTimeout;
    @Option(names = "--rm", description = "Automatically remove the container and its volumes when it exits") boolean rm;
    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached") boolean interactive;
    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY") boolean tty;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @picocli.CommandLine.Mixin NetworkOptions networkOptions = new NetworkOptions();
    @picocli.CommandLine.Mixin MountOptions mountOptions = new MountOptions();
    @picocli.CommandLine.Mixin LifecycleOptions lifecycleOptions = new LifecycleOptions();
    @picocli.CommandLine.Mixin SecurityOptions securityOptions = new SecurityOptions();
    @picocli.CommandLine.Mixin ResourceOptions resourceOptions = new ResourceOptions();
    @picocli.CommandLine.Mixin UsernsOptions usernsOptions = new UsernsOptions();

    @Parameters(index = "0", paramLabel = "IMAGE") String image;
    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*") List<String> command = new ArrayList<>();

    ContainerSpec spec(boolean detach, Session session) {
        List<String> resolvedEnv = EnvFile.resolve(envFiles, env, k -> Optional.ofNullable(session.env().get(k)));
        return new ContainerSpec(image, command, Optional.ofNullable(name), resolvedEnv, Optional.ofNullable(workdir),
                Optional.ofNullable(user), Optional.ofNullable(entrypoint), Optional.ofNullable(hostname), volumes, labels,
                Optional.ofNullable(network), Optional.ofNullable(stopSignal), Optional.ofNullable(stopTimeout), rm,
                detach, interactive, tty, networkOptions.spec(), mountOptions.spec(), lifecycleOptions.spec(rm),
                securityOptions.spec(), resourceOptions.spec(), usernsOptions.spec());
    }
}
