package berth.runtime;

import berth.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds config.json from a {@link BundleSpec} with Docker's defaults. Rlimits are only those asked for
 * (the others are inherited from the daemon, so it never asks for more than it may grant); the cgroup
 * limits come from {@link OciResources}.
 */
final class OciSpecWriter {
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    static final String DEFAULT_CGROUP_PARENT = "/berth";

    static final List<String> MASKED_PATHS = List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");
    static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    private OciSpecWriter() {}

    static void write(Path file, Object document) {
        try {
            Files.write(file, Json.oci().writeValueAsBytes(document));
        } catch (IOException e) {
            throw new RuntimeFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static OciSpec spec(BundleSpec spec, ResolvedUser user) {
        var env = withDefaults(spec.process().env(), "HOSTNAME=" + spec.hostname());
        return new OciSpec(OciSpec.VERSION, ProcessLimits.apply(process(spec.process(), user, env), spec.resources()),
                new OciSpec.Root(spec.rootfs().toString(), spec.readonlyRootfs()), spec.hostname(),
                spec.domainname(), mounts(spec), spec.labels(), linux(spec));
    }

    /** The process of a container or of an exec. */
    static OciSpec.Process process(ProcessSpec process, ResolvedUser user, List<String> env) {
        String cwd = process.cwd().isEmpty() ? "/" : process.cwd();
        return new OciSpec.Process(process.terminal(), user.toOci(), process.args(), env, cwd,
                Capabilities.ociSet(process), false);
    }

    /** Docker adds PATH when the image sets none, and HOSTNAME unless the user set it. */
    static List<String> withDefaults(List<String> env, String... extra) {
        var all = new ArrayList<String>();
        if (!hasKey(env, "PATH")) all.add(DEFAULT_PATH);
        Stream.of(extra).filter(kv -> !hasKey(env, kv.substring(0, kv.indexOf('=')))).forEach(all::add);
        all.addAll(env);
        return List.copyOf(all);
    }

    private static boolean hasKey(List<String> env, String key) {
        return env.stream().anyMatch(kv -> kv.equals(key) || kv.startsWith(key + "="));
    }

    private static List<OciSpec.Mount> mounts(BundleSpec spec) {
        boolean priv = spec.process().privileged();
        var mounts = new ArrayList<>(List.of(
                mount("/proc", "proc", "proc", "nosuid", "noexec", "nodev"),
                mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"),
                mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666",
                        "mode=0620", "gid=5"),
                mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", priv ? "rw" : "ro"),
                mount("/sys/fs/cgroup", "cgroup", "cgroup", priv ? "rw" : "ro", "nosuid", "noexec", "nodev"),
                mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"),
                mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", ProcessLimits.shmSize(spec))));
        spec.mounts().forEach(m -> mounts.add(extra(m)));
        return mounts;
    }

    private static OciSpec.Mount extra(BundleSpec.MountSpec m) {
        return switch (m) {
            case BundleSpec.MountSpec.Bind b -> {
                var options = new ArrayList<>(List.of("rbind", b.propagation().isEmpty() ? "rprivate" : b.propagation()));
                if (b.readOnly()) options.add("ro");
                yield new OciSpec.Mount(b.destination(), "bind", b.source().toString(), options);
            }
            case BundleSpec.MountSpec.Tmpfs t -> new OciSpec.Mount(t.destination(), "tmpfs", "tmpfs", t.options());
        };
    }

    private static OciSpec.Mount mount(String destination, String type, String source, String... options) {
        return new OciSpec.Mount(destination, type, source, List.of(options));
    }

    private static OciSpec.Linux linux(BundleSpec spec) {
        boolean priv = spec.process().privileged();
        return new OciSpec.Linux(namespaces(spec.network()), OciResources.of(devices(priv), spec.resources().limits()),
                cgroupsPath(spec), priv ? List.of() : MASKED_PATHS, priv ? List.of() : READONLY_PATHS);
    }

    static String cgroupsPath(BundleSpec spec) {
        String parent = spec.cgroupParent().isEmpty() ? DEFAULT_CGROUP_PARENT : spec.cgroupParent();
        return (parent.startsWith("/") ? parent : "/" + parent).replaceAll("/+$", "") + "/" + spec.id();
    }

    private static List<OciSpec.Namespace> namespaces(BundleSpec.NetworkMode network) {
        var namespaces = new ArrayList<>(Stream.of("pid", "ipc", "uts", "mount", "cgroup").map(OciSpec.Namespace::new).toList());
        switch (network) {
            case BundleSpec.NetworkMode.Host h -> { }
            case BundleSpec.NetworkMode.Fresh f -> namespaces.add(new OciSpec.Namespace("network"));
            case BundleSpec.NetworkMode.Joined j -> namespaces.add(new OciSpec.Namespace("network", j.netns().toString()));
        }
        return namespaces;
    }

    /** Deny all, then Docker's allow list: mknod of anything, and the standard character devices. */
    private static List<OciSpec.DeviceRule> devices(boolean privileged) {
        if (privileged) return List.of(new OciSpec.DeviceRule(true, "a", null, null, "rwm"));
        return List.of(new OciSpec.DeviceRule(false, "a", null, null, "rwm"),
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
                new OciSpec.DeviceRule(true, "c", 136L, null, "rwm")); // pts/*
    }
}
