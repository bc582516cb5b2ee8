package berth.runtime;

import java.util.List;

/**
 * How a container is confined: the capability changes, the seccomp filter, no_new_privs, host devices, masked
 * and read-only paths (extra groups are the process's: {@link ProcessSpec#groupAdd()}). Privileged mode is
 * {@link ProcessSpec#privileged()}, because an exec can ask for it too.
 *
 * @param capAdd          Docker's CapAdd as the client sent it: names with or without CAP_, any case, or ALL
 * @param capDrop         Docker's CapDrop, same forms
 * @param seccomp         which syscall filter the container gets
 * @param noNewPrivileges set no_new_privs, so that setuid binaries and file capabilities grant nothing
 * @param devices         host devices made in the container (node plus device cgroup rule)
 * @param maskedPaths     paths hidden from the container (Docker's {@link #DEFAULT_MASKED_PATHS} unless changed)
 * @param readonlyPaths   paths the container sees read-only ({@link #DEFAULT_READONLY_PATHS} unless changed)
 */
public record SecuritySpec(List<String> capAdd, List<String> capDrop, Seccomp seccomp, boolean noNewPrivileges,
                           List<Device> devices, List<String> maskedPaths,
                           List<String> readonlyPaths) {
    /** Docker's (28, API 1.50) masked paths: they leak the host's hardware, keys or kernel timing. */
    public static final List<String> DEFAULT_MASKED_PATHS = List.of("/proc/asound", "/proc/acpi", "/proc/interrupts",
            "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
            "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap");
    /** Docker's read-only paths: kernel settings a container may read but not change. */
    public static final List<String> DEFAULT_READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    public static final SecuritySpec DEFAULT = new SecuritySpec(List.of(), List.of(), Seccomp.BUILTIN, false,
            List.of(), DEFAULT_MASKED_PATHS, DEFAULT_READONLY_PATHS);

    public SecuritySpec {
        capAdd = List.copyOf(capAdd);
        capDrop = List.copyOf(capDrop);
        devices = List.copyOf(devices);
        maskedPaths = List.copyOf(maskedPaths);
        readonlyPaths = List.copyOf(readonlyPaths);
    }

    /** The syscall filter: Docker's default profile, none, or a profile in Docker's JSON format. */
    public sealed interface Seccomp {
        Seccomp BUILTIN = new Builtin();
        Seccomp UNCONFINED = new Unconfined();

        record Builtin() implements Seccomp {}

        record Unconfined() implements Seccomp {}

        /** {@code json}: the profile's content, as the docker CLI sends it after reading the file. */
        record Custom(String json) implements Seccomp {}
    }

    /** {@code --device /dev/host:/dev/ctr:rwm}; a directory on the host brings every device under it. */
    public record Device(String pathOnHost, String pathInContainer, String permissions) {}
}
