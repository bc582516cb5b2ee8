package berth.engine;

import berth.runtime.cgroup.CgroupReader;

/**
 * Whether the OOM killer ended a container: its memory cgroup counts kills (v1 memory.oom_control, v2
 * memory.events), read when the exit is recorded, before the runtime deletes the cgroup.
 */
record OomCheck(CgroupReader cgroups, String cgroupParent) {
    boolean killed(String id) {
        return cgroups.oomKills(CgroupReader.containerPath(cgroupParent, id)) > 0;
    }
}
