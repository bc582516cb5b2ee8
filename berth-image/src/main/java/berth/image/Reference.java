package berth.image;

import berth.common.BerthException;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Docker image reference {@code [domain/]path[:tag]}, normalised as Docker shows local names: the
 * default registry and {@code library/} are dropped ({@code docker.io/library/busybox} is {@code busybox}),
 * the tag defaults to {@code latest}. Digest references are not kept locally and are refused.
 */
record Reference(String name, String tag) {
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:localhost|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

    /** Parses and normalises; InvalidArgument "invalid reference format" like Docker. */
    static Reference parse(String text) {
        if (text.isEmpty() || text.contains("@")) throw invalid();
        int slash = text.lastIndexOf('/');
        int colon = text.lastIndexOf(':');
        String name = colon > slash ? text.substring(0, colon) : text;
        String tag = colon > slash ? text.substring(colon + 1) : "latest";
        if (!TAG.matcher(tag).matches()) throw invalid();
        return new Reference(normaliseName(name), tag);
    }

    /** The reference when {@code text} parses, else empty (for lookups that fall back to IDs). */
    static Optional<Reference> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (BerthException.InvalidArgument e) {
            return Optional.empty();
        }
    }

    /** A repository name alone (as {@code POST /images/{name}/tag?repo=} gives it) with a separate tag. */
    static Reference of(String repo, String tag) {
        if (repo.contains(":") && repo.lastIndexOf(':') > repo.lastIndexOf('/') && tag.isEmpty()) return parse(repo);
        return parse(repo + ":" + (tag.isEmpty() ? "latest" : tag));
    }

    private static String normaliseName(String name) {
        String[] parts = name.split("/", -1);
        boolean hasDomain = parts.length > 1
                && (parts[0].contains(".") || parts[0].contains(":") || parts[0].equals("localhost"));
        if (hasDomain && !DOMAIN.matcher(parts[0]).matches()) throw invalid();
        for (int i = hasDomain ? 1 : 0; i < parts.length; i++) checkComponent(parts[i], name);
        boolean dockerHub = !hasDomain || parts[0].equals("docker.io") || parts[0].equals("index.docker.io");
        if (!dockerHub) return name;
        String path = hasDomain ? name.substring(parts[0].length() + 1) : name;
        return path.startsWith("library/") && path.indexOf('/', 8) < 0 ? path.substring(8) : path;
    }

    private static void checkComponent(String component, String name) {
        if (COMPONENT.matcher(component).matches()) return;
        if (COMPONENT.matcher(component.toLowerCase(Locale.ROOT)).matches())
            throw BerthException.invalid("invalid reference format: repository name (" + name + ") must be lowercase");
        throw invalid();
    }

    private static BerthException.InvalidArgument invalid() {
        return BerthException.invalid("invalid reference format");
    }

    /** The repository part as Docker prints it in messages ({@code busybox}). */
    String repository() {
        return name;
    }

    @Override
    public String toString() {
        return name + ":" + tag;
    }
}
