package berth.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The restart, init and health flags run and create share (a picocli mixin, inside {@link ContainerOptions}). */
final class LifecycleOptions {
    @Option(names = "--restart", description = "Restart policy to apply when a container exits (default \"no\")") String restart;
    @Option(names = "--init", description = "Run an init inside the container that forwards signals and reaps processes")
    Boolean init;
    @Option(names = "--health-cmd", description = "Command to run to check health") String healthCmd = "";
    @Option(names = "--health-interval", description = "Time between running the check (ms|s|m|h) (default 0s)")
    String healthInterval = "0s";
    @Option(names = "--health-timeout", description = "Maximum time to allow one check to run (ms|s|m|h) (default 0s)")
    String healthTimeout = "0s";
    @Option(names = "--health-retries", description = "Consecutive failures needed to report unhealthy") int healthRetries;
    @Option(names = "--health-start-period", description = "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)")
    String healthStartPeriod = "0s";
    @Option(names = "--health-start-interval", description = "Time between running the check during the start period (ms|s|m|h) (default 0s)")
    String healthStartInterval = "0s";
    @Option(names = "--no-healthcheck", description = "Disable any container-specified HEALTHCHECK") boolean noHealthcheck;

    /** Validated as docker's CLI does, with its messages. */
    LifecycleSpec spec(boolean autoRemove) {
        Optional<RestartFlag> policy = Optional.ofNullable(restart).map(RestartFlag::parse);
        if (autoRemove && policy.filter(p -> !p.name().equals("no") && !p.name().isEmpty()).isPresent())
            throw usage("conflicting options: cannot specify both --restart and --rm");
        return new LifecycleSpec(policy, Optional.ofNullable(init), healthcheck());
    }

    private Optional<LifecycleSpec.Healthcheck> healthcheck() {
        long interval = duration("--health-interval", healthInterval);
        long timeout = duration("--health-timeout", healthTimeout);
        long startPeriod = duration("--health-start-period", healthStartPeriod);
        long startInterval = duration("--health-start-interval", healthStartInterval);
        boolean given = !healthCmd.isEmpty() || interval != 0 || timeout != 0 || startPeriod != 0
                || startInterval != 0 || healthRetries != 0;
        if (noHealthcheck) {
            if (given) throw usage("--no-healthcheck conflicts with --health-* options");
            return Optional.of(new LifecycleSpec.Healthcheck(List.of("NONE"), 0, 0, 0, 0, 0));
        }
        if (!given) return Optional.empty();
        negative("--health-interval", interval);
        negative("--health-timeout", timeout);
        if (healthRetries < 0) throw usage("--health-retries cannot be negative");
        negative("--health-start-period", startPeriod);
        negative("--health-start-interval", startInterval);
        List<String> test = healthCmd.isEmpty() ? List.of() : List.of("CMD-SHELL", healthCmd);
        return Optional.of(new LifecycleSpec.Healthcheck(test, interval, timeout, startPeriod, startInterval, healthRetries));
    }

    private static long duration(String flag, String value) {
        try {
            return berth.common.GoDuration.parseNanos(value);
        } catch (IllegalArgumentException e) {
            throw new CliException(125, "invalid argument \"" + value + "\" for \"" + flag + "\" flag: "
                    + e.getMessage() + "\nSee 'berth run --help'.");
        }
    }

    private static void negative(String flag, long nanos) {
        if (nanos < 0) throw usage(flag + " cannot be negative");
    }

    static CliException usage(String message) {
        return new CliException(125, "berth: " + message + "\n\nRun 'berth run --help' for more information");
    }

    /** The parsed flags; {@link #apply} writes them into a create body as docker's CLI does. */
    record LifecycleSpec(Optional<RestartFlag> policy, Optional<Boolean> init, Optional<Healthcheck> healthcheck) {
        static final LifecycleSpec NONE = new LifecycleSpec(Optional.empty(), Optional.empty(), Optional.empty());

        record Healthcheck(List<String> test, long interval, long timeout, long startPeriod, long startInterval,
                           int retries) {}

        void apply(ObjectNode config, ObjectNode host) {
            policy.ifPresent(p -> host.putObject("RestartPolicy").put("Name", p.name())
                    .put("MaximumRetryCount", p.maximumRetryCount()));
            init.ifPresent(i -> host.put("Init", i));
            healthcheck.ifPresent(h -> {
                ObjectNode node = config.putObject("Healthcheck");
                var test = node.putArray("Test");
                h.test().forEach(test::add);
                node.put("Interval", h.interval()).put("Timeout", h.timeout()).put("StartPeriod", h.startPeriod())
                        .put("StartInterval", h.startInterval()).put("Retries", h.retries());
            });
        }
    }

    /** {@code --restart name[:count]}; the daemon checks the name. */
    record RestartFlag(String name, int maximumRetryCount) {
        static RestartFlag parse(String value) {
            String[] parts = value.split(":", -1);
            if (parts.length > 2 || parts.length == 2 && !parts[1].isEmpty() && !parts[1].matches("-?\\d+"))
                throw usage("invalid restart policy format: maximum retry count must be an integer");
            int count = parts.length == 2 && !parts[1].isEmpty() ? Integer.parseInt(parts[1]) : 0;
            return new RestartFlag(parts[0], count);
        }
    }
}
