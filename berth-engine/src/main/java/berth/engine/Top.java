package berth.engine;

import berth.common.BerthException;
import berth.engine.Engine.TopResult;
import berth.runtime.cgroup.CgroupReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code docker top}: the host's ps, kept to the processes in the container's cgroup. */
final class Top {
    private final CgroupReader cgroups;
    private final String cgroupParent;

    Top(CgroupReader cgroups, String cgroupParent) {
        this.cgroups = cgroups;
        this.cgroupParent = cgroupParent;
    }

    TopResult of(Container c, String psArgs) {
        String args = psArgs.isBlank() ? "-ef" : psArgs;
        PsTable.validateArgs(args);
        // a paused container is still running, as in Docker
        if (!c.isActive()) throw BerthException.conflict("container " + c.id() + " is not running");
        Set<Integer> pids = cgroups.pids(CgroupReader.containerPath(cgroupParent, c.id()));
        List<String> argv = Arrays.stream(args.trim().split("\\s+")).toList();
        // "-q PIDS" asks ps for just those; some options (f) refuse it, so try once more without
        Ps first = ps(argv, "-q" + pids.stream().map(String::valueOf).collect(Collectors.joining(",")));
        Ps output = first.ok() ? first : ps(argv, "");
        if (!output.ok()) throw BerthException.fault("ps: " + output.error(), null);
        return PsTable.parse(output.out(), pids);
    }

    private record Ps(boolean ok, String out, String error) {}

    private static Ps ps(List<String> args, String extra) {
        List<String> command = new ArrayList<>(List.of("ps"));
        command.addAll(args);
        if (!extra.isEmpty()) command.add(extra);
        try {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            return new Ps(code == 0, out, err.lines().findFirst().orElse("exit status " + code));
        } catch (IOException e) {
            return new Ps(false, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BerthException.fault("ps interrupted", e);
        }
    }
}
