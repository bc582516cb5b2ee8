package berth.engine;

import berth.common.BerthException;
import berth.engine.model.HostConfig;
import berth.runtime.Capabilities;
import berth.runtime.SecuritySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Docker's HostConfig security fields (CapAdd, CapDrop, SecurityOpt, Devices, MaskedPaths, ReadonlyPaths) read into the
 * runtime's {@link SecuritySpec}, with Docker's rules and messages. SecurityOpt takes "no-new-privileges",
 * "no-new-privileges=BOOL", "seccomp=unconfined|builtin|PROFILE-JSON" (the CLI sends the file's content),
 * and "apparmor=..." / "label=..." / "disable", which are accepted and have no effect: this host has
 * neither AppArmor nor SELinux, and Docker ignores them too when the host lacks them.
 */
final class SecurityOpts {
    private static final Logger LOG = Logger.getLogger(SecurityOpts.class.getName());
    private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
    private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

    private SecurityOpts() {}

    /** At create: what Docker refuses at create (unknown capabilities, bad security options) as 400s; and
     * Docker's masked and read-only paths written into the HostConfig unless given or privileged. */
    static HostConfig atCreate(HostConfig host) {
        spec(host);
        if (host.privileged()) return host;
        return host.withSystemPaths(
                host.maskedPaths() == null ? SecuritySpec.DEFAULT_MASKED_PATHS : host.maskedPaths(),
                host.readonlyPaths() == null ? SecuritySpec.DEFAULT_READONLY_PATHS : host.readonlyPaths());
    }

    static SecuritySpec spec(HostConfig host) {
        capabilities(host.capAdd(), "CapAdd");
        capabilities(host.capDrop(), "CapDrop");
        var seccomp = SecuritySpec.Seccomp.BUILTIN;
        boolean noNewPrivileges = false;
        for (String opt : host.securityOpt()) {
            if (opt.equals("no-new-privileges")) {
                noNewPrivileges = true;
                continue;
            }
            if (opt.equals("disable")) continue;
            String[] kv = split(opt);
            switch (kv[0]) {
                case "seccomp" -> seccomp = seccomp(kv[1]);
                case "no-new-privileges" -> noNewPrivileges = bool(kv[1], opt);
                case "apparmor", "label" -> LOG.info(() -> "security option '" + opt + "' has no effect: berth applies no "
                        + (kv[0].equals("label") ? "SELinux" : "AppArmor") + " profiles (as dockerd on a host without them)");
                default -> throw BerthException.invalid("invalid --security-opt 2: \"" + opt + "\"");
            }
        }
        return new SecuritySpec(host.capAdd(), host.capDrop(), seccomp, noNewPrivileges, devices(host.devices()),
                host.maskedPaths() == null ? SecuritySpec.DEFAULT_MASKED_PATHS : host.maskedPaths(),
                host.readonlyPaths() == null ? SecuritySpec.DEFAULT_READONLY_PATHS : host.readonlyPaths());
    }

    private static void capabilities(List<String> caps, String field) {
        try {
            Capabilities.normalize(caps);
        } catch (IllegalArgumentException e) {
            throw BerthException.invalid("invalid " + field + ": " + e.getMessage());
        }
    }

    /** "k=v", or the deprecated "k:v". */
    private static String[] split(String opt) {
        int eq = opt.indexOf('=');
        int at = eq >= 0 ? eq : opt.indexOf(':');
        if (at < 0) throw BerthException.invalid("invalid --security-opt 1: \"" + opt + "\"");
        return new String[] {opt.substring(0, at), opt.substring(at + 1)};
    }

    private static boolean bool(String value, String opt) {
        if (TRUE.contains(value)) return true;
        if (FALSE.contains(value)) return false;
        throw BerthException.invalid("invalid --security-opt 2: \"" + opt + "\"");
    }

    private static SecuritySpec.Seccomp seccomp(String value) {
        return switch (value) {
            case "unconfined" -> SecuritySpec.Seccomp.UNCONFINED;
            case "builtin", "" -> SecuritySpec.Seccomp.BUILTIN;
            default -> {
                String json = value.strip();
                if (!json.startsWith("{"))
                    throw BerthException.invalid("Decoding seccomp profile failed: invalid character '"
                            + json.charAt(0) + "' looking for beginning of value");
                yield new SecuritySpec.Seccomp.Custom(json);
            }
        };
    }

    /** An empty container path is the host's; empty permissions are "rwm" (docker-py and the CLI send them). */
    private static List<SecuritySpec.Device> devices(List<HostConfig.DeviceMapping> mappings) {
        var devices = new ArrayList<SecuritySpec.Device>();
        for (HostConfig.DeviceMapping m : mappings) {
            String host = m.pathOnHost() == null ? "" : m.pathOnHost();
            if (host.isEmpty()) throw BerthException.invalid("invalid device mapping: PathOnHost is empty");
            String ctr = m.pathInContainer() == null || m.pathInContainer().isEmpty() ? host : m.pathInContainer();
            String perms = m.cgroupPermissions() == null || m.cgroupPermissions().isEmpty() ? "rwm"
                    : m.cgroupPermissions().toLowerCase(Locale.ROOT);
            if (!perms.matches("[rwm]{1,3}")) throw BerthException.invalid("invalid device mode: " + m.cgroupPermissions());
            devices.add(new SecuritySpec.Device(host, ctr, perms));
        }
        return devices;
    }
}
