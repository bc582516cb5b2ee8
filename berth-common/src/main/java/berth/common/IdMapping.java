package berth.common;

import java.util.ArrayList;
import java.util.List;

/**
 * A user namespace's uid and gid maps (as in /proc/PID/uid_map): each range maps {@code size} ids from
 * {@code inside} in the container to {@code outside} on the host. Made from /etc/subuid and /etc/subgid.
 */
public record IdMapping(List<Range> uids, List<Range> gids) {

    public record Range(long inside, long outside, long size) {}

    public IdMapping {
        if (uids.isEmpty() || gids.isEmpty()) throw new IllegalArgumentException("an id mapping needs uid and gid ranges");
        uids = List.copyOf(uids);
        gids = List.copyOf(gids);
    }

    /** Host ranges (start, count) stacked from container id 0 up, in the order given, as dockerd stacks them. */
    public static List<Range> stack(List<long[]> hostRanges) {
        List<Range> ranges = new ArrayList<>();
        long next = 0;
        for (long[] r : hostRanges) {
            ranges.add(new Range(next, r[0], r[1]));
            next += r[1];
        }
        return ranges;
    }

    /** The host uid of the container's root. */
    public long rootUid() {
        return toHost(uids, 0);
    }

    public long rootGid() {
        return toHost(gids, 0);
    }

    /** The host uid of a container uid; refused when the map does not cover it (as Docker refuses it). */
    public long uidOutside(long containerUid) {
        return toHost(uids, containerUid);
    }

    public long gidOutside(long containerGid) {
        return toHost(gids, containerGid);
    }

    /** The container uid a host uid stands for; ids outside the map stay as they are. */
    public long uidInside(long hostUid) {
        return toInside(uids, hostUid);
    }

    public long gidInside(long hostGid) {
        return toInside(gids, hostGid);
    }

    private static long toInside(List<Range> ranges, long id) {
        for (Range r : ranges) {
            if (id >= r.outside() && id < r.outside() + r.size()) return r.inside() + (id - r.outside());
        }
        return id;
    }

    private static long toHost(List<Range> ranges, long id) {
        for (Range r : ranges) {
            if (id >= r.inside() && id < r.inside() + r.size()) return r.outside() + (id - r.inside());
        }
        throw new IllegalArgumentException("container ID " + id + " cannot be mapped to a host ID");
    }

    /** "outside.outside-gid", the name dockerd gives the data root of a mapping. */
    public String dirName() {
        return rootUid() + "." + rootGid();
    }
}
