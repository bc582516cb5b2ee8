package berth.image;

import berth.common.BerthException;
import berth.registry.ImageReference;

import java.util.Optional;

/**
 * A Docker image reference {@code [domain/]path[:tag]}, normalised as Docker shows local names: the
 * default registry and {@code library/} are dropped ({@code docker.io/library/busybox} is {@code busybox}),
 * the tag defaults to {@code latest}. Digest references are not tags and are refused here; parsing is
 * {@link ImageReference}'s, so local names and registry references agree.
 */
record Reference(String name, String tag) {

    /** Parses and normalises; InvalidArgument "invalid reference format" like Docker. */
    static Reference parse(String text) {
        ImageReference ref = ImageReference.parse(text);
        if (ref.digest().isPresent()) throw BerthException.invalid("invalid reference format");
        return of(ref);
    }

    /** The local tag of a registry reference (latest when it has none). */
    static Reference of(ImageReference ref) {
        return new Reference(ref.familiarName(), ref.tag().orElse("latest"));
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

    /** The repository part as Docker prints it in messages ({@code busybox}). */
    String repository() {
        return name;
    }

    @Override
    public String toString() {
        return name + ":" + tag;
    }
}
