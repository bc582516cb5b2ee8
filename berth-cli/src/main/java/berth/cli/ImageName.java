package berth.cli;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference as docker's CLI normalizes it: {@code busybox} is {@code docker.io/library/busybox},
 * a first component with a dot, a colon, upper case or {@code localhost} is a registry. The CLI needs it to
 * pick the credentials (the registry's key in config.json) and to print what it pulled or pushed.
 */
record ImageName(String domain, String path, Optional<String> tag, Optional<String> digest) {
    static final String DOCKER_IO = "docker.io";
    /** The key docker keeps Docker Hub's credentials under. */
    static final String INDEX_SERVER = "https://index.docker.io/v1/";

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern PATH = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}");
    private static final Pattern ID = Pattern.compile("[a-f0-9]{64}");
    private static final String INVALID = "invalid reference format";

    /** Parses as docker's ParseNormalizedNamed; bad input gets docker's message. */
    static ImageName parse(String ref) {
        if (ID.matcher(ref).matches()) {
            throw new CliException(1, "invalid repository name (" + ref + "), cannot specify 64-byte hexadecimal strings");
        }
        String rest = ref;
        Optional<String> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(rest.substring(at + 1));
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest.get()).matches() || badSha256(digest.get())) {
                throw new CliException(1, INVALID);
            }
        }
        Optional<String> tag = Optional.empty();
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = Optional.of(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag.get()).matches()) {
                throw new CliException(1, INVALID);
            }
        }
        return named(rest, tag, digest);
    }

    private static ImageName named(String name, Optional<String> tag, Optional<String> digest) {
        int slash = name.indexOf('/');
        String domain = DOCKER_IO;
        String path = name;
        if (slash > 0 && isDomain(name.substring(0, slash))) {
            domain = name.substring(0, slash);
            path = name.substring(slash + 1);
        }
        if (domain.equals("index.docker.io")) {
            domain = DOCKER_IO;
        }
        if (domain.equals(DOCKER_IO) && !path.contains("/")) {
            path = "library/" + path;
        }
        if (!path.toLowerCase(java.util.Locale.ROOT).equals(path)) {
            throw new CliException(1, INVALID + ": repository name (" + path + ") must be lowercase");
        }
        if (!DOMAIN.matcher(domain).matches() || !PATH.matcher(path).matches()) {
            throw new CliException(1, INVALID);
        }
        if (name.length() > 255) { // the name as written, as docker counts it
            throw new CliException(1, "repository name must not be more than 255 characters");
        }
        return new ImageName(domain, path, tag, digest);
    }

    private static boolean isDomain(String first) {
        return first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.toLowerCase(java.util.Locale.ROOT).equals(first);
    }

    private static boolean badSha256(String digest) {
        return digest.startsWith("sha256:") && !ID.matcher(digest.substring(7)).matches();
    }

    /** {@code docker.io/library/busybox}: what the API's fromImage and push path carry. */
    String name() { return domain + "/" + path; }

    boolean nameOnly() { return tag.isEmpty() && digest.isEmpty(); }

    ImageName withTag(String t) { return new ImageName(domain, path, Optional.of(t), digest); }

    /** The config.json key of this reference's registry. */
    String registryKey() { return domain.equals(DOCKER_IO) ? INDEX_SERVER : domain; }

    /** {@code docker.io/library/busybox:latest}, as docker prints it after a pull. */
    @Override
    public String toString() {
        return name() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }
}
