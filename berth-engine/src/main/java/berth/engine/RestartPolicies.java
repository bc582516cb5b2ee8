package berth.engine;

import berth.common.BerthException;
import berth.engine.model.HostConfig;
import berth.engine.model.HostConfig.RestartPolicy;

/** Docker's restart policies: which are valid at create, and whether an exit calls for a restart. */
final class RestartPolicies {
    private RestartPolicies() {}

    /** The daemon's checks (the docker CLI checks the syntax and --rm itself). */
    static void validate(HostConfig host) {
        RestartPolicy p = host.restartPolicy();
        switch (p.name()) {
            case "no", "always", "unless-stopped" -> {
                if (p.maximumRetryCount() != 0)
                    throw invalid("maximum retry count can only be used with 'on-failure'");
            }
            case "on-failure" -> {
                if (p.maximumRetryCount() < 0) throw invalid("maximum retry count cannot be negative");
            }
            default -> throw invalid("unknown policy '" + p.name()
                    + "'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
        }
        if (host.autoRemove() && !p.name().equals("no"))
            throw BerthException.invalid("can't create 'AutoRemove' container with restart policy");
    }

    private static BerthException invalid(String why) {
        return BerthException.invalid("invalid restart policy: " + why);
    }

    /**
     * Docker's rule: always restarts; unless-stopped unless the user stopped the container; on-failure after a
     * non-zero exit while fewer than MaximumRetryCount restarts were made (0 = no limit); no never.
     */
    static boolean shouldRestart(RestartPolicy p, int exitCode, int restartCount, boolean manuallyStopped) {
        return switch (p.name()) {
            case "always" -> true;
            case "unless-stopped" -> !manuallyStopped;
            case "on-failure" -> exitCode != 0 && (p.maximumRetryCount() == 0 || restartCount < p.maximumRetryCount());
            default -> false;
        };
    }
}
