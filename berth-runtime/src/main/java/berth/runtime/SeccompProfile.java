package berth.runtime;

import berth.common.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A seccomp profile in Docker's format: rules that apply only on some architectures, only with (or without)
 * some capabilities, or only from some kernel on. {@link #resolve} applies those conditions for one
 * container and gives runc's plain filter; Docker does the same when it writes the OCI spec.
 */
record SeccompProfile(String defaultAction, Integer defaultErrnoRet, List<String> architectures,
                      List<ArchMap> archMap, List<Rule> syscalls) {

    /** {@code architecture} with the sub-architectures it can also run (x86_64 runs x86 and x32 code). */
    record ArchMap(String architecture, List<String> subArchitectures) {}

    /** {@code name} is the older single-name form; {@code includes}/{@code excludes} may be null. */
    record Rule(List<String> names, String name, String action, Integer errnoRet, List<Arg> args,
                Filter includes, Filter excludes) {}

    record Arg(int index, long value, long valueTwo, String op) {}

    /** A condition: architectures (Go's names: amd64, arm64...), capabilities (all needed), kernel "major.minor". */
    record Filter(List<String> arches, List<String> caps, String minKernel) {}

    /** Parses a profile as the docker CLI sends it; a syntax error is the client's, in Docker's words. */
    static SeccompProfile parse(String json) {
        try {
            SeccompProfile p = Json.oci().readValue(json, SeccompProfile.class);
            if (p == null || p.defaultAction() == null || p.defaultAction().isEmpty())
                throw new IllegalArgumentException("Decoding seccomp profile failed: defaultAction is missing");
            if (!orEmpty(p.architectures()).isEmpty() && !orEmpty(p.archMap()).isEmpty())
                throw new IllegalArgumentException("'architectures' and 'archMap' were specified in the seccomp profile, use either 'architectures' or 'archMap'");
            for (Rule r : orEmpty(p.syscalls()))
                if (r.name() != null && !r.name().isEmpty() && !orEmpty(r.names()).isEmpty())
                    throw new IllegalArgumentException("'name' and 'names' were specified in the seccomp profile, use either 'name' or 'names'");
            return p;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Decoding seccomp profile failed: " + e.getOriginalMessage(), e);
        }
    }

    /** The rules that hold for a container with capabilities {@code caps} on this machine. */
    OciSpec.Seccomp resolve(List<String> caps, Platform platform) {
        var rules = new ArrayList<OciSpec.Syscall>();
        for (Rule r : orEmpty(syscalls)) {
            if (excluded(r.excludes(), caps, platform) || !included(r.includes(), caps, platform)) continue;
            List<String> names = r.name() != null && !r.name().isEmpty() ? List.of(r.name()) : orEmpty(r.names());
            var args = orEmpty(r.args()).stream().map(a -> new OciSpec.SyscallArg(a.index(), a.value(), a.valueTwo(), a.op())).toList();
            rules.add(new OciSpec.Syscall(names, r.action(), r.errnoRet(), args.isEmpty() ? null : args));
        }
        return new OciSpec.Seccomp(defaultAction, defaultErrnoRet, architectures(platform), rules);
    }

    private List<String> architectures(Platform platform) {
        if (!orEmpty(architectures).isEmpty()) return architectures;
        return orEmpty(archMap).stream().filter(m -> m.architecture().equals(platform.seccompArch())).findFirst()
                .map(m -> { var all = new ArrayList<>(List.of(m.architecture())); all.addAll(orEmpty(m.subArchitectures())); return List.copyOf(all); })
                .orElse(List.of());
    }

    /** Excluded when any one condition matches: the architecture, any of the caps, a kernel at least as new. */
    private static boolean excluded(Filter f, List<String> caps, Platform platform) {
        if (f == null) return false;
        return orEmpty(f.arches()).contains(platform.goArch())
                || orEmpty(f.caps()).stream().anyMatch(caps::contains)
                || (f.minKernel() != null && !f.minKernel().isEmpty() && platform.kernelAtLeast(f.minKernel()));
    }

    /** Included when every condition holds. */
    private static boolean included(Filter f, List<String> caps, Platform platform) {
        if (f == null) return true;
        return (orEmpty(f.arches()).isEmpty() || f.arches().contains(platform.goArch()))
                && caps.containsAll(orEmpty(f.caps()))
                && (f.minKernel() == null || f.minKernel().isEmpty() || platform.kernelAtLeast(f.minKernel()));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** The machine a profile is resolved for: its architecture (Go's and libseccomp's names) and kernel. */
    record Platform(String goArch, String seccompArch, int kernelMajor, int kernelMinor) {
        static Platform current() {
            String arch = switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
                case "amd64", "x86_64" -> "amd64";
                case "aarch64" -> "arm64";
                case String other -> other;
            };
            String seccomp = switch (arch) {
                case "amd64" -> "SCMP_ARCH_X86_64";
                case "arm64" -> "SCMP_ARCH_AARCH64";
                case String other -> "SCMP_ARCH_" + other.toUpperCase(Locale.ROOT);
            };
            int[] kernel = version(System.getProperty("os.version")).orElse(new int[] {0, 0});
            return new Platform(arch, seccomp, kernel[0], kernel[1]);
        }

        boolean kernelAtLeast(String minimum) {
            int[] min = version(minimum).orElseThrow(() -> new IllegalArgumentException("invalid kernel version: " + minimum));
            return kernelMajor > min[0] || (kernelMajor == min[0] && kernelMinor >= min[1]);
        }

        private static Optional<int[]> version(String text) {
            var m = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)").matcher(text == null ? "" : text.strip());
            return m.find() ? Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))}) : Optional.empty();
        }
    }
}
