package berth.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The confinement part of config.json, from a {@link BundleSpec}: capabilities, seccomp, device nodes and
 * device cgroup rules, masked and read-only paths. Privileged means all capabilities, every host device,
 * no seccomp, nothing masked.
 */
final class OciSecurity {
    private OciSecurity() {}

    static List<String> capabilities(BundleSpec spec) {
        SecuritySpec s = spec.security();
        try {
            return Capabilities.effective(spec.process().privileged(), s.capAdd(), s.capDrop());
        } catch (IllegalArgumentException e) {
            throw new SpecFailure(e.getMessage(), e);
        }
    }

    /** Null (left out of config.json) when the container runs without a filter. */
    static OciSpec.Seccomp seccomp(BundleSpec spec, List<String> caps) {
        if (spec.process().privileged()) return null;
        return switch (spec.security().seccomp()) {
            case SecuritySpec.Seccomp.Unconfined u -> null;
            case SecuritySpec.Seccomp.Builtin b -> DefaultSeccompProfile.PROFILE.resolve(caps, SeccompProfile.Platform.current());
            case SecuritySpec.Seccomp.Custom c -> parse(c.json()).resolve(caps, SeccompProfile.Platform.current());
        };
    }

    private static SeccompProfile parse(String json) {
        try {
            return SeccompProfile.parse(json);
        } catch (IllegalArgumentException e) {
            throw new SpecFailure(e.getMessage(), e);
        }
    }

    /** The asked devices; privileged: every host device too, a path given twice made once. */
    static List<OciSpec.Device> devices(BundleSpec spec) {
        var asked = spec.security().devices().stream().flatMap(d -> HostDevices.of(d).stream()).toList();
        if (!spec.process().privileged()) return asked;
        var all = new ArrayList<>(HostDevices.all());
        var paths = all.stream().map(OciSpec.Device::path).collect(java.util.stream.Collectors.toSet());
        asked.stream().filter(d -> !paths.contains(d.path())).forEach(all::add);
        return all;
    }

    /** Deny all, then Docker's allow list (mknod of anything, the standard character devices), then the
     * devices the container was given with the access it asked for. */
    static List<OciSpec.DeviceRule> deviceRules(BundleSpec spec) {
        if (spec.process().privileged()) return List.of(new OciSpec.DeviceRule(true, "a", null, null, "rwm"));
        var rules = new ArrayList<>(List.of(new OciSpec.DeviceRule(false, "a", null, null, "rwm"),
                new OciSpec.DeviceRule(true, "c", null, null, "m"),
                new OciSpec.DeviceRule(true, "b", null, null, "m"),
                OciSpec.DeviceRule.allowChar(1, 3),   // null
                OciSpec.DeviceRule.allowChar(1, 5),   // zero
                OciSpec.DeviceRule.allowChar(1, 7),   // full
                OciSpec.DeviceRule.allowChar(1, 8),   // random
                OciSpec.DeviceRule.allowChar(1, 9),   // urandom
                OciSpec.DeviceRule.allowChar(5, 0),   // tty
                OciSpec.DeviceRule.allowChar(5, 1),   // console
                OciSpec.DeviceRule.allowChar(5, 2),   // ptmx
                new OciSpec.DeviceRule(true, "c", 136L, null, "rwm"))); // pts/*
        for (SecuritySpec.Device d : spec.security().devices())
            HostDevices.of(d).forEach(node -> rules.add(HostDevices.rule(node, d.permissions())));
        return rules;
    }

    static List<String> maskedPaths(BundleSpec spec) {
        return spec.process().privileged() ? List.of() : spec.security().maskedPaths();
    }

    static List<String> readonlyPaths(BundleSpec spec) {
        return spec.process().privileged() ? List.of() : spec.security().readonlyPaths();
    }
}
