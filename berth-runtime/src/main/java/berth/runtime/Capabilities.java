package berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Docker's capability sets, by their OCI names, and Docker's rules for CapAdd and CapDrop. */
public final class Capabilities {
    private Capabilities() {}

    /** Docker's default set (CapEff 00000000a80425fb). */
    static final List<String> DEFAULT = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
            "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    /** Every capability by number (linux/capability.h), 0 through 40. */
    private static final List<String> KNOWN = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH",
            "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
            "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
            "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
            "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
            "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN",
            "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");

    /** The capabilities this kernel knows: what CapAdd and CapDrop may name. */
    private static final List<String> VALID = KNOWN.subList(0, Math.min(KNOWN.size(), lastCap() + 1));

    /** What "all" grants (privileged, CapAdd ALL): those of {@link #VALID} the daemon itself holds, because a
     * runtime cannot give more than it has (root here lacks CAP_SYS_RESOURCE; Podman does the same). */
    static final List<String> ALL = heldOf(VALID);

    private static final String ALL_WORD = "ALL";

    /**
     * Docker's spelling rules: upper case, a CAP_ prefix added when missing, "ALL" kept as is; a name this
     * kernel does not know is refused with Docker's message ({@code unknown capability: "CAP_FOO"}).
     */
    public static List<String> normalize(List<String> names) {
        var normalized = new ArrayList<String>();
        for (String name : names) {
            String upper = name.strip().toUpperCase(Locale.ROOT);
            String cap = upper.equals(ALL_WORD) || upper.startsWith("CAP_") ? upper : "CAP_" + upper;
            if (!cap.equals(ALL_WORD) && !VALID.contains(cap))
                throw new IllegalArgumentException("unknown capability: \"" + cap + "\"");
            normalized.add(cap);
        }
        return List.copyOf(normalized);
    }

    /** The container's set: all when privileged; ALL in add means all but the dropped; ALL in drop means
     * only the added; otherwise the default minus the dropped plus the added (Docker's order). */
    static List<String> effective(boolean privileged, List<String> capAdd, List<String> capDrop) {
        if (privileged) return ALL;
        List<String> add = normalize(capAdd);
        List<String> drop = normalize(capDrop);
        var caps = new ArrayList<String>();
        if (add.contains(ALL_WORD)) {
            ALL.stream().filter(c -> !drop.contains(c)).forEach(caps::add);
        } else {
            if (!drop.contains(ALL_WORD)) DEFAULT.stream().filter(c -> !drop.contains(c)).forEach(caps::add);
            add.stream().filter(c -> !caps.contains(c)).forEach(caps::add);
        }
        return List.copyOf(caps);
    }

    /** Bounding, effective and permitted alike; none inheritable (as Docker since CVE-2022-24769). */
    static OciSpec.Capabilities ociSet(List<String> caps) {
        return new OciSpec.Capabilities(caps, caps, List.of(), caps);
    }

    /** The set as the kernel's bit mask (CapEff in /proc/PID/status). */
    static long bits(List<String> caps) {
        return caps.stream().mapToLong(c -> 1L << KNOWN.indexOf(c)).reduce(0L, (a, b) -> a | b);
    }

    /** The bounding set of this process (CapBnd in /proc/self/status); all of {@code caps} if unreadable. */
    private static List<String> heldOf(List<String> caps) {
        try {
            long held = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("CapBnd:"))
                    .map(l -> Long.parseUnsignedLong(l.substring(7).strip(), 16)).findFirst().orElse(-1L);
            return caps.stream().filter(c -> (held & (1L << KNOWN.indexOf(c))) != 0).toList();
        } catch (IOException | RuntimeException e) {
            return caps;
        }
    }

    /** Read by lines: Files.readString on this procfs file returns only its first byte (JDK 25). */
    private static int lastCap() {
        try {
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/kernel/cap_last_cap")).getFirst().strip());
        } catch (IOException | RuntimeException e) {
            return KNOWN.size() - 1;
        }
    }
}
