package berth.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The part of the OCI runtime spec (config.json) that berth writes, as records named like the JSON fields.
 * Fields berth never sets are left out rather than modelled.
 */
record OciSpec(String ociVersion, Process process, Root root, String hostname, String domainname,
               List<Mount> mounts, Map<String, String> annotations, Linux linux) {

    static final String VERSION = "1.0.2";

    /** {@code rlimits} empty: the runtime's own are inherited; {@code oomScoreAdj} null: inherited too. */
    record Process(boolean terminal, User user, List<String> args, List<String> env, String cwd,
                   Capabilities capabilities, boolean noNewPrivileges,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Rlimit> rlimits,
                   @JsonInclude(JsonInclude.Include.NON_NULL) Integer oomScoreAdj) {
        Process(boolean terminal, User user, List<String> args, List<String> env, String cwd,
                Capabilities capabilities, boolean noNewPrivileges) {
            this(terminal, user, args, env, cwd, capabilities, noNewPrivileges, List.of(), null);
        }

        Process withLimits(List<Rlimit> newRlimits, Integer newOomScoreAdj) {
            return new Process(terminal, user, args, env, cwd, capabilities, noNewPrivileges, newRlimits, newOomScoreAdj);
        }
    }

    record Rlimit(String type, long hard, long soft) {}

    record User(int uid, int gid, List<Integer> additionalGids) {}

    record Capabilities(List<String> bounding, List<String> effective, List<String> inheritable,
                        List<String> permitted) {}

    record Root(String path, boolean readonly) {}

    record Mount(String destination, String type, String source, List<String> options) {}

    /** {@code seccomp} is null (left out) when the container runs unconfined. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Linux(List<Namespace> namespaces, Resources resources, String cgroupsPath,
                 List<String> maskedPaths, List<String> readonlyPaths, List<Device> devices, Seccomp seccomp,
                 @JsonInclude(JsonInclude.Include.NON_EMPTY) List<IdMap> uidMappings,
                 @JsonInclude(JsonInclude.Include.NON_EMPTY) List<IdMap> gidMappings) {
        Linux(List<Namespace> namespaces, Resources resources, String cgroupsPath, List<String> maskedPaths,
              List<String> readonlyPaths, List<Device> devices, Seccomp seccomp) {
            this(namespaces, resources, cgroupsPath, maskedPaths, readonlyPaths, devices, seccomp, List.of(), List.of());
        }
    }

    /** A user namespace's id range (runtime-spec config-linux.md "User namespace mappings"). */
    record IdMap(long containerID, long hostID, long size) {}

    /** A device node the runtime makes in the container's /dev. */
    record Device(String path, String type, long major, long minor, int fileMode, int uid, int gid) {}

    /** The syscall filter in runc's terms: what is left of a Docker profile after its conditions are applied. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Seccomp(String defaultAction, Integer defaultErrnoRet, List<String> architectures, List<Syscall> syscalls) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Syscall(List<String> names, String action, Integer errnoRet, List<SyscallArg> args) {}

    record SyscallArg(int index, long value, long valueTwo, String op) {}

    /** {@code path}: an existing namespace to join, "" (left out) for a new one. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Namespace(String type, String path) {
        Namespace(String type) {
            this(type, "");
        }
    }

    /** The cgroup sections OCI leaves out when absent (null): see {@link OciResources}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Resources(List<DeviceRule> devices, Memory memory, Cpu cpu, Pids pids, BlockIO blockIO) {
        Resources(List<DeviceRule> devices) {
            this(devices, null, null, null, null);
        }
    }

    /** OCI's LinuxMemory; an absent value (null) leaves the runtime's default. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Memory(Long limit, Long reservation, Long swap, Long swappiness, Boolean disableOOMKiller) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Cpu(Long shares, Long quota, Long period, String cpus, String mems) {}

    record Pids(long limit) {}

    record BlockIO(int weight) {}

    /** A device cgroup rule; a missing major or minor is OCI's wildcard, hence the only nullable fields. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {
        static DeviceRule allowChar(long major, long minor) {
            return new DeviceRule(true, "c", major, minor, "rwm");
        }
    }
}
