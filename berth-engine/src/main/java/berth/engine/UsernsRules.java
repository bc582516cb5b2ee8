package berth.engine;

import berth.common.BerthException;
import berth.engine.model.HostConfig;

/**
 * dockerd's refusals for a daemon with {@code --userns-remap}: a container in the remapped user namespace
 * cannot be privileged nor share the host's network namespace (it would hold no privilege there, and runc
 * could not exec into it); {@code --userns=host} is the way out, as the messages say.
 */
final class UsernsRules {
    private UsernsRules() {}

    static void check(HostConfig host, boolean remapped) {
        if (!remapped || "host".equals(host.usernsMode())) return;
        if (host.privileged()) {
            throw BerthException.invalid("privileged mode is incompatible with user namespaces.  You must run the"
                    + " container in the host namespace when running privileged mode");
        }
        if ("host".equals(host.networkMode())) {
            throw BerthException.invalid("cannot share the host's network namespace when user namespaces are enabled");
        }
    }
}
