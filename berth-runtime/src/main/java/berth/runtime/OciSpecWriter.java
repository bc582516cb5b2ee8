package berth.runtime;

import berth.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds config.json from a {@link BundleSpec} with Docker's defaults; the confinement (capabilities,
 * seccomp, devices, masked paths) comes from {@link OciSecurity}, the cgroup limits from {@link OciResources}.
 * Rlimits are only those asked for (the others are inherited from the daemon, so it never asks for more
 * than it may grant).
 */
final class OciSpecWriter {
    static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    static final String DEFAULT_CGROUP_PARENT = "/berth";


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
        List<String> caps = OciSecurity.capabilities(spec);
        return new OciSpec(OciSpec.VERSION, ProcessLimits.apply(
                        process(spec.process(), user, env, caps, spec.security().noNewPrivileges()), spec.resources()),
                new OciSpec.Root(spec.rootfs().toString(), spec.readonlyRootfs()), spec.hostname(),
                spec.domainname(), UserNamespaceSpec.mounts(mounts(spec), spec.userns()), spec.labels(),
                linux(spec, caps));
    }

    /** The process of a container or of an exec, with its capability set and no_new_privs. */
    static OciSpec.Process process(ProcessSpec process, ResolvedUser user, List<String> env, List<String> caps,
                                   boolean noNewPrivileges) {
        String cwd = process.cwd().isEmpty() ? "/" : process.cwd();
        return new OciSpec.Process(process.terminal(), user.toOci(), process.args(), env, cwd,
                Capabilities.ociSet(caps), noNewPrivileges);
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

    private static OciSpec.Linux linux(BundleSpec spec, List<String> caps) {
        var linux = new OciSpec.Linux(namespaces(spec.network()),
                OciResources.of(OciSecurity.deviceRules(spec), spec.resources().limits()),
                cgroupsPath(spec), OciSecurity.maskedPaths(spec), OciSecurity.readonlyPaths(spec),
                OciSecurity.devices(spec), OciSecurity.seccomp(spec, caps));
        return UserNamespaceSpec.apply(linux, spec.userns());
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
}
