package berth.registry;

import berth.common.BerthException;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference as Docker parses it: {@code [domain/]path[:tag][@digest]}. The domain defaults to
 * {@code docker.io} ({@code index.docker.io} is the same), whose one-component paths get {@code library/}.
 * {@link #familiarName()} is the local name Docker shows ({@code busybox}, {@code team/app},
 * {@code localhost:5000/team/app}); {@link #path()} is the repository on the registry.
 */
public record ImageReference(String domain, String path, Optional<String> tag, Optional<String> digest) {
    public static final String DOCKER_HUB = "docker.io";
    private static final String HUB_ENDPOINT = "registry-1.docker.io";
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:.]+])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}");

    /** Parses {@code text}; InvalidArgument with Docker's messages ("invalid reference format", ...). */
    public static ImageReference parse(String text) {
        if (text.isEmpty()) throw invalid();
        String rest = text;
        Optional<String> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(checkDigest(rest.substring(at + 1)));
            rest = rest.substring(0, at);
        }
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        Optional<String> tag = Optional.empty();
        if (colon > slash) {
            tag = Optional.of(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag.get()).matches()) throw invalid();
        }
        if (rest.length() > 255) throw BerthException.invalid("invalid reference format: repository name must not be more than 255 characters");
        return named(rest, tag, digest);
    }

    /** The reference when {@code text} parses, else empty. */
    public static Optional<ImageReference> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (BerthException.InvalidArgument e) {
            return Optional.empty();
        }
    }

    private static ImageReference named(String name, Optional<String> tag, Optional<String> digest) {
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean hasDomain = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.toLowerCase(Locale.ROOT).equals(first));
        String domain = hasDomain ? first : DOCKER_HUB;
        String path = hasDomain ? name.substring(slash + 1) : name;
        if (hasDomain && !DOMAIN.matcher(domain).matches()) throw invalid();
        if (domain.equals("index.docker.io")) domain = DOCKER_HUB;
        if (domain.equals(DOCKER_HUB) && !path.contains("/")) path = "library/" + path;
        checkPath(path);
        return new ImageReference(domain, path, tag, digest);
    }

    private static void checkPath(String path) {
        for (String component : path.split("/", -1)) {
            if (COMPONENT.matcher(component).matches()) continue;
            if (COMPONENT.matcher(component.toLowerCase(Locale.ROOT)).matches())
                throw BerthException.invalid("invalid reference format: repository name (" + path + ") must be lowercase");
            throw invalid();
        }
    }

    private static String checkDigest(String digest) {
        if (!DIGEST.matcher(digest).matches()) throw invalid();
        String hex = digest.substring(digest.indexOf(':') + 1);
        if (digest.startsWith("sha256:") && hex.length() != 64) throw BerthException.invalid("invalid checksum digest length");
        if (!digest.startsWith("sha256:") && !digest.startsWith("sha512:"))
            throw BerthException.invalid("unsupported digest algorithm");
        return digest;
    }

    private static BerthException.InvalidArgument invalid() {
        return BerthException.invalid("invalid reference format");
    }

    /** The name as Docker shows it locally: no {@code docker.io/}, no {@code library/}. */
    public String familiarName() {
        if (!domain.equals(DOCKER_HUB)) return domain + "/" + path;
        return path.startsWith("library/") && path.indexOf('/', 8) < 0 ? path.substring(8) : path;
    }

    /** The host to talk to: {@code registry-1.docker.io} for Docker Hub, else the domain. */
    public String endpoint() {
        return domain.equals(DOCKER_HUB) ? HUB_ENDPOINT : domain;
    }

    public boolean isDockerHub() {
        return domain.equals(DOCKER_HUB);
    }

    /** The tag, or {@code latest} when neither a tag nor a digest was given. */
    public Optional<String> tagOrDefault() {
        return tag.isPresent() || digest.isPresent() ? tag : Optional.of("latest");
    }

    public ImageReference withTag(String newTag) {
        if (!TAG.matcher(newTag).matches()) throw invalid();
        return new ImageReference(domain, path, Optional.of(newTag), Optional.empty());
    }

    public ImageReference withDigest(String newDigest) {
        return new ImageReference(domain, path, Optional.empty(), Optional.of(checkDigest(newDigest)));
    }

    /** What a manifest is fetched by: the digest if any, else the tag (latest by default). */
    public String manifestReference() {
        return digest.orElseGet(() -> tag.orElse("latest"));
    }

    /** Familiar form with tag and digest as given ({@code busybox:1.36}, {@code busybox@sha256:...}). */
    @Override
    public String toString() {
        return familiarName() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }
}
