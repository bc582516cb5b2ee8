package berth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/**
 * The security flags run and create share (a picocli mixin, inside {@link ContainerOptions}), checked and
 * rewritten as the docker CLI does before it sends them: capabilities upper-cased with CAP_, a seccomp
 * profile path replaced by the file's compacted content, devices split into host path, container path and
 * permissions. {@code -u/--user} is in ContainerOptions.
 */
final class SecurityOptions {
    @Option(names = "--privileged", description = "Give extended privileges to this container") boolean privileged;
    @Option(names = "--cap-add", description = "Add Linux capabilities") List<String> capAdd = new ArrayList<>();
    @Option(names = "--cap-drop", description = "Drop Linux capabilities") List<String> capDrop = new ArrayList<>();
    @Option(names = "--security-opt", description = "Security Options") List<String> securityOpt = new ArrayList<>();
    @Option(names = "--group-add", description = "Add additional groups to join") List<String> groupAdd = new ArrayList<>();
    @Option(names = "--device", description = "Add a host device to the container") List<String> devices = new ArrayList<>();

    SecuritySpecs spec() {
        var caps = effective(capAdd, capDrop);
        return new SecuritySpecs(privileged, caps.get(0), caps.get(1), securityOpts(securityOpt), groupAdd,
                devices.stream().map(SecurityOptions::device).toList(), securityOpt.contains("systempaths=unconfined"));
    }

    /** The flags as the API wants them; {@code devices} as PathOnHost, PathInContainer, CgroupPermissions;
     * {@code unconfinedSystemPaths}: {@code --security-opt systempaths=unconfined}, sent as empty MaskedPaths
     * and ReadonlyPaths. */
    record SecuritySpecs(boolean privileged, List<String> capAdd, List<String> capDrop, List<String> securityOpt,
                         List<String> groupAdd, List<Device> devices, boolean unconfinedSystemPaths) {
        static final SecuritySpecs NONE = new SecuritySpecs(false, List.of(), List.of(), List.of(), List.of(), List.of(), false);

        SecuritySpecs {
            capAdd = List.copyOf(capAdd);
            capDrop = List.copyOf(capDrop);
            securityOpt = List.copyOf(securityOpt);
            groupAdd = List.copyOf(groupAdd);
            devices = List.copyOf(devices);
        }
    }

    record Device(String pathOnHost, String pathInContainer, String cgroupPermissions) {}

    /** docker's rules: ALL trumps the others on its side; a capability both added and dropped is added. */
    static List<List<String>> effective(List<String> add, List<String> drop) {
        var adds = normalized(add);
        var drops = normalized(drop);
        if (adds.contains("ALL")) adds.retainAll(List.of("ALL"));
        if (drops.contains("ALL")) drops.retainAll(List.of("ALL"));
        drops.removeAll(adds);
        adds.remove("RESET");
        drops.remove("RESET");
        return List.of(List.copyOf(adds), List.copyOf(drops));
    }

    private static TreeSet<String> normalized(List<String> caps) {
        var set = new TreeSet<String>();
        for (String c : caps) {
            String upper = c.strip().toUpperCase(Locale.ROOT);
            set.add(upper.equals("ALL") || upper.equals("RESET") || upper.startsWith("CAP_") ? upper : "CAP_" + upper);
        }
        return set;
    }

    /** A seccomp profile is sent as its content; "unconfined" and "builtin" are names, not files. */
    static List<String> securityOpts(List<String> opts) {
        var out = new ArrayList<String>();
        for (String opt : opts) {
            if (opt.equals("systempaths=unconfined")) continue; // docker turns it into empty MaskedPaths
            int sep = opt.indexOf('=');
            if (sep < 0 && !opt.equals("no-new-privileges")) sep = opt.indexOf(':');
            String key = sep < 0 ? opt : opt.substring(0, sep);
            String value = sep < 0 ? "" : opt.substring(sep + 1);
            if ((sep < 0 || value.isEmpty()) && !key.equals("no-new-privileges"))
                throw new CliException(125, "invalid --security-opt: \"" + opt + "\"");
            out.add(key.equals("seccomp") && !value.equals("unconfined") && !value.equals("builtin")
                    ? "seccomp=" + profile(value) : opt);
        }
        return out;
    }

    private static String profile(String file) {
        String content;
        try {
            content = Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new CliException(125, "opening seccomp profile (" + file + ") failed: open " + file + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file or directory" : e.getMessage()));
        }
        try {
            var json = berth.common.Json.oci();
            return json.writeValueAsString(json.readTree(content));
        } catch (IOException e) {
            throw new CliException(125, "compacting json for seccomp profile (" + file + ") failed: " + e.getMessage());
        }
    }

    /** {@code /dev/host[:/dev/ctr][:rwm]}, with docker's checks and messages. */
    static Device device(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length > 3 || parts[0].isEmpty()) throw badDevice(spec, "bad format for path: " + spec);
        String host = parts[0];
        String ctr = host;
        String mode = "rwm";
        if (parts.length == 2) {
            if (validMode(parts[1])) mode = parts[1];
            else ctr = parts[1];
        } else if (parts.length == 3) {
            if (!validMode(parts[2])) throw badDevice(spec, "bad mode specified: " + parts[2]);
            ctr = parts[1];
            mode = parts[2];
        }
        if (!ctr.startsWith("/")) throw badDevice(spec, ctr + " is not an absolute path");
        return new Device(host, ctr, mode);
    }

    private static boolean validMode(String mode) {
        return !mode.isEmpty() && mode.matches("[rwm]+") && mode.chars().distinct().count() == mode.length();
    }

    private static CliException badDevice(String value, String why) {
        return new CliException(125, "invalid argument \"" + value + "\" for \"--device\" flag: " + why
                + "\nSee 'berth run --help'.");
    }
}
