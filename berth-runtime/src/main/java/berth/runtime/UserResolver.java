package berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Turns Docker's user string ("", "uid", "name", "uid:gid", "name:group") into numbers using the
 * container's own /etc/passwd and /etc/group, with Docker's rules: a number needs no entry (its gid is then
 * 0), a name does; supplementary groups come from /etc/group membership unless a group was given.
 */
final class UserResolver {
    private record Entry(String name, int id, int gid, List<String> members) {}

    private final Path rootfs;

    UserResolver(Path rootfs) {
        this.rootfs = rootfs;
    }

    /** Docker lists the primary group first among the supplementary ones, so that {@code id} shows it. */
    ResolvedUser resolve(String spec) {
        String user = spec.isEmpty() ? "0" : spec;
        int colon = user.indexOf(':');
        String name = colon < 0 ? user : user.substring(0, colon);
        Optional<String> group = colon < 0 ? Optional.empty() : Optional.of(user.substring(colon + 1));
        Optional<Entry> entry = find(passwd(), name);
        if (entry.isEmpty() && !isNumber(name))
            throw new SpecFailure("unable to find user " + name + ": no matching entries in passwd file");
        int uid = entry.map(Entry::id).orElseGet(() -> Integer.parseInt(name));
        int gid = entry.map(Entry::gid).orElse(0);
        return group.map(g -> withPrimary(uid, groupId(g), List.of()))
                .orElseGet(() -> withPrimary(uid, gid, memberships(entry.map(Entry::name).orElse(name))));
    }

    private static ResolvedUser withPrimary(int uid, int gid, List<Integer> supplementary) {
        var all = new java.util.ArrayList<Integer>(List.of(gid));
        all.addAll(supplementary);
        return new ResolvedUser(uid, gid, all);
    }

    /** {@code --group-add}: each a group name from /etc/group or a number; Docker's error for an unknown name. */
    ResolvedUser withGroups(ResolvedUser user, List<String> groupAdd) {
        if (groupAdd.isEmpty()) return user;
        var added = new java.util.LinkedHashSet<Integer>();
        for (String g : groupAdd) {
            Optional<Entry> entry = find(groups(), g);
            if (entry.isEmpty() && !isNumber(g)) throw new SpecFailure("Unable to find group " + g + ": no matching entries in group file");
            added.add(entry.map(Entry::id).orElseGet(() -> Integer.parseInt(g)));
        }
        var gids = new java.util.ArrayList<>(user.additionalGids());
        gids.addAll(added);
        return new ResolvedUser(user.uid(), user.gid(), gids);
    }

    private int groupId(String group) {
        if (group.isEmpty()) return 0;
        Optional<Entry> entry = find(groups(), group);
        if (entry.isEmpty() && !isNumber(group))
            throw new SpecFailure("unable to find group " + group + ": no matching entries in group file");
        return entry.map(Entry::id).orElseGet(() -> Integer.parseInt(group));
    }

    private List<Integer> memberships(String userName) {
        return groups().stream().filter(g -> g.members().contains(userName)).map(Entry::id).distinct().toList();
    }

    private static Optional<Entry> find(List<Entry> entries, String nameOrId) {
        Predicate<Entry> byName = e -> e.name().equals(nameOrId);
        Predicate<Entry> byId = e -> isNumber(nameOrId) && e.id() == Integer.parseInt(nameOrId);
        return entries.stream().filter(byName).findFirst().or(() -> entries.stream().filter(byId).findFirst());
    }

    /** name:password:uid:gid:gecos:home:shell */
    private List<Entry> passwd() {
        return read("/etc/passwd", 7).stream()
                .map(f -> new Entry(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]), List.of())).toList();
    }

    /** name:password:gid:member,member */
    private List<Entry> groups() {
        return read("/etc/group", 4).stream()
                .map(f -> new Entry(f[0], Integer.parseInt(f[2]), -1, members(f[3]))).toList();
    }

    private List<String[]> read(String file, int fields) {
        try {
            Path path = berth.common.RootedPaths.resolve(rootfs, file);
            if (!Files.isRegularFile(path)) return List.of();
            return Files.readAllLines(path).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.split(":", -1)).filter(f -> f.length >= fields && isNumber(f[2]))
                    .filter(f -> fields < 7 || isNumber(f[3])).toList();
        } catch (IOException e) {
            throw new RuntimeFailure("unable to read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> members(String list) {
        return list.isBlank() ? List.of() : List.of(list.strip().split("\\s*,\\s*"));
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
    }
}
