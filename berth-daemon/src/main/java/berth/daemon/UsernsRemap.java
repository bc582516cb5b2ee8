package berth.daemon;

import berth.common.BerthException;
import berth.common.IdMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * {@code --userns-remap}: {@code default} (the user and group {@code berth-remap}, made with a 65536-id range in
 * /etc/subuid and /etc/subgid when missing, as dockerd makes {@code dockremap}) or {@code USER[:GROUP]}, names or
 * ids, whose ranges in /etc/subuid and /etc/subgid become every container's uid and gid maps.
 */
final class UsernsRemap {
    private static final Logger LOG = Logger.getLogger(UsernsRemap.class.getName());
    static final String DEFAULT_USER = "berth-remap";
    private static final long RANGE = 65536;
    private static final long FIRST = 100000;

    private UsernsRemap() {}

    static Optional<IdMapping> resolve(String flag) {
        if (flag.isEmpty()) return Optional.empty();
        String user = flag, group;
        if (flag.equals("default")) {
            user = DEFAULT_USER;
            group = DEFAULT_USER;
            ensureDefaultUser();
        } else {
            int colon = flag.indexOf(':');
            group = colon < 0 ? flag : flag.substring(colon + 1);
            user = colon < 0 ? flag : flag.substring(0, colon);
        }
        Account u = Account.of(user, Path.of("/etc/passwd"));
        Account g = Account.of(group, Path.of("/etc/group"));
        var uids = ranges(read(Path.of("/etc/subuid")), u);
        var gids = ranges(read(Path.of("/etc/subgid")), g);
        if (uids.isEmpty()) throw BerthException.invalid("no subuid ranges found for user \"" + u.name() + "\" in /etc/subuid");
        if (gids.isEmpty()) throw BerthException.invalid("no subgid ranges found for group \"" + g.name() + "\" in /etc/subgid");
        return Optional.of(new IdMapping(IdMapping.stack(uids), IdMapping.stack(gids)));
    }

    /** A user or group: name and numeric id, from either (as /etc/passwd or /etc/group lists them). */
    record Account(String name, long id) {
        static Account of(String nameOrId, Path file) {
            for (String line : read(file)) {
                String[] f = line.split(":");
                if (f.length > 2 && (f[0].equals(nameOrId) || f[2].equals(nameOrId))) return new Account(f[0], Long.parseLong(f[2]));
            }
            throw BerthException.invalid("userns-remap: " + nameOrId + " not found in " + file);
        }
    }

    /** The ranges of /etc/subuid-style lines ({@code name-or-id:start:count}) that belong to {@code who}, in file order. */
    static List<long[]> ranges(List<String> lines, Account who) {
        List<long[]> ranges = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split(":");
            if (f.length != 3 || line.startsWith("#")) continue;
            if (!f[0].equals(who.name()) && !f[0].equals(Long.toString(who.id()))) continue;
            try {
                ranges.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            } catch (NumberFormatException e) {
                throw BerthException.invalid("invalid subordinate id range: " + line);
            }
        }
        return ranges;
    }

    /** The start of a free range of 65536 above every range already given out (and at least 100000). */
    static long freeStart(List<String> lines) {
        long end = FIRST;
        for (String line : lines) {
            String[] f = line.trim().split(":");
            if (f.length != 3 || line.startsWith("#")) continue;
            try {
                end = Math.max(end, Long.parseLong(f[1]) + Long.parseLong(f[2]));
            } catch (NumberFormatException ignored) {
                // not ours to judge
            }
        }
        return end;
    }

    private static void ensureDefaultUser() {
        if (read(Path.of("/etc/passwd")).stream().noneMatch(l -> l.startsWith(DEFAULT_USER + ":"))) {
            LOG.info("creating user " + DEFAULT_USER + " for --userns-remap=default");
            run(List.of("useradd", "--system", "--no-create-home", "--shell", "/bin/false", "--user-group", DEFAULT_USER));
        }
        var who = Account.of(DEFAULT_USER, Path.of("/etc/passwd"));
        var subuid = read(Path.of("/etc/subuid"));
        var subgid = read(Path.of("/etc/subgid"));
        if (ranges(subuid, who).isEmpty() || ranges(subgid, Account.of(DEFAULT_USER, Path.of("/etc/group"))).isEmpty()) {
            long start = Math.max(freeStart(subuid), freeStart(subgid));
            String range = start + "-" + (start + RANGE - 1);
            LOG.info("giving " + DEFAULT_USER + " the subordinate ids " + range);
            run(List.of("usermod", "--add-subuids", range, "--add-subgids", range, DEFAULT_USER));
        }
    }

    /**
     * The runtime mounts a remapped container's root and /etc files as the mapped root, which must be able to
     * walk to them: every directory above the data root needs search permission for others (dockerd's
     * requirement as well). Refused at start rather than at each container's start.
     */
    static void checkReachable(Path dataRoot, IdMapping mapping) {
        for (Path dir = dataRoot.getParent(); dir != null; dir = dir.getParent()) {
            try {
                var perms = Files.getPosixFilePermissions(dir);
                if (!perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    throw BerthException.invalid("--userns-remap: the remapped root (uid " + mapping.rootUid()
                            + ") cannot reach the data root: " + dir + " is not searchable by others (chmod o+x "
                            + dir + ")");
                }
            } catch (IOException e) {
                throw BerthException.fault("cannot read the permissions of " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * One id-mapped bind of an empty directory, undone at once: a kernel (< 5.12) or C library (< 2.36) without
     * id-mapped mounts is refused at start rather than at each container's start.
     */
    static void probeIdMappedMounts(Path execRoot, int usernsFd, berth.sys.Os os) {
        Path probe = execRoot.resolve("userns-probe");
        try {
            Files.createDirectories(probe.resolve("from"));
            Files.createDirectories(probe.resolve("to"));
            os.bindIdMapped(probe.resolve("from"), probe.resolve("to"), usernsFd);
            os.unmount(probe.resolve("to"), berth.sys.Os.MNT_DETACH);
        } catch (IOException | RuntimeException | LinkageError e) {
            throw BerthException.invalid("--userns-remap needs id-mapped mounts (Linux 5.12+, with overlayfs layers"
                    + " 5.19+, and glibc 2.36+): " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        } finally {
            try {
                Files.deleteIfExists(probe.resolve("from"));
                Files.deleteIfExists(probe.resolve("to"));
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // an empty directory left in the exec root
            }
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw BerthException.fault("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw BerthException.fault("userns-remap: " + String.join(" ", command) + " failed: " + out, null);
            }
        } catch (IOException e) {
            throw BerthException.fault("userns-remap: cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BerthException.fault("interrupted", e);
        }
    }
}
