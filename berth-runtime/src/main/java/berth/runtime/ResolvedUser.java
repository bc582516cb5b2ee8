package berth.runtime;

import java.util.List;

/** Numeric identity of a container process: uid, primary gid and supplementary gids. */
record ResolvedUser(int uid, int gid, List<Integer> additionalGids) {
    static final ResolvedUser ROOT = new ResolvedUser(0, 0, List.of());

    ResolvedUser {
        additionalGids = List.copyOf(additionalGids);
    }

    OciSpec.User toOci() {
        return new OciSpec.User(uid, gid, additionalGids);
    }
}
