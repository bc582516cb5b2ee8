package berth.image;

import berth.common.BerthException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The filters of {@code GET /images/json}: dangling, reference (a glob on {@code name:tag} or on the name; only
 * matching tags are shown, as Docker does), label ({@code k} or {@code k=v}), before and since (an image).
 * Values of one filter are alternatives; different filters must all hold.
 */
final class ImageFilters {
    private static final Set<String> KNOWN = Set.of("dangling", "reference", "label", "before", "since", "until");
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+");
    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private ImageFilters() {}

    static List<Image> apply(List<Image> images, Map<String, List<String>> filters, Function<String, Image> lookup) {
        for (String key : filters.keySet())
            if (!KNOWN.contains(key)) throw BerthException.invalid("invalid filter '" + key + "'");
        var before = filters.getOrDefault("before", List.of()).stream().map(lookup).toList();
        var since = filters.getOrDefault("since", List.of()).stream().map(lookup).toList();
        var until = filters.getOrDefault("until", List.of()).stream().map(v -> timestamp(v, java.time.Instant.now())).toList();
        return images.stream()
                .flatMap(i -> matchReference(i, filters.getOrDefault("reference", List.of())).stream())
                .filter(i -> dangling(i, filters.getOrDefault("dangling", List.of())))
                .filter(i -> labels(i, filters.getOrDefault("label", List.of())))
                .filter(i -> before.stream().allMatch(b -> i.created().isBefore(b.created())))
                .filter(i -> since.stream().allMatch(s -> i.created().isAfter(s.created())))
                .filter(i -> until.stream().allMatch(u -> !i.created().isAfter(u)))
                .toList();
    }

    private static boolean dangling(Image image, List<String> values) {
        if (values.isEmpty()) return true;
        // Docker's list takes exactly "true" or "false" here (prune is more lenient)
        boolean wanted = switch (values.getFirst()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw BerthException.invalid("invalid filter 'dangling=" + values + "'");
        };
        // dangling: no name at all (an image pulled by digest alone is not)
        return (image.repoTags().isEmpty() && image.repoDigests().isEmpty()) == wanted;
    }

    private static boolean labels(Image image, List<String> values) {
        Map<String, String> labels = image.config().labels();
        return values.stream().allMatch(v -> {
            int eq = v.indexOf('=');
            return eq < 0 ? labels.containsKey(v) : v.substring(eq + 1).equals(labels.get(v.substring(0, eq)));
        });
    }

    /** The image with only its tags that match one of the patterns; empty when none does. */
    private static Optional<Image> matchReference(Image image, List<String> patterns) {
        if (patterns.isEmpty()) return Optional.of(image);
        List<Pattern> regexes = patterns.stream().map(ImageFilters::glob).toList();
        List<String> tags = image.repoTags().stream().filter(t -> regexes.stream().anyMatch(r -> matches(r, t))).toList();
        if (tags.isEmpty()) return Optional.empty();
        return Optional.of(new Image(image.id(), tags, image.repoDigests(), image.parent(), image.comment(),
                image.created(), image.author(), image.architecture(), image.os(), image.size(), image.config(),
                image.diffIds()));
    }

    private static boolean matches(Pattern glob, String tag) {
        return glob.matcher(tag).matches() || glob.matcher(tag.substring(0, tag.lastIndexOf(':'))).matches();
    }

    /** Docker's timestamps: Unix seconds (with a fraction), RFC 3339, or a Go duration before {@code now} ("1h30m"). */
    static java.time.Instant timestamp(String v, java.time.Instant now) {
        try {
            if (v.matches("\\d+(\\.\\d+)?")) {
                var seconds = new java.math.BigDecimal(v);
                return java.time.Instant.ofEpochSecond(seconds.longValue(),
                        seconds.remainder(java.math.BigDecimal.ONE).movePointRight(9).longValue());
            }
            if (GO_DURATION.matcher(v).matches()) {
                var m = GO_DURATION_PART.matcher(v);
                double nanos = 0;
                while (m.find()) nanos += Double.parseDouble(m.group(1)) * switch (m.group(2)) {
                    case "ns" -> 1;
                    case "us", "µs" -> 1e3;
                    case "ms" -> 1e6;
                    case "s" -> 1e9;
                    case "m" -> 60e9;
                    default -> 3600e9;
                };
                return now.minusNanos((long) nanos);
            }
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (RuntimeException e) {
            throw BerthException.invalid("invalid filter 'until=" + v + "': not a timestamp or duration");
        }
    }

    /** Go's path.Match: {@code *} and {@code ?} do not cross {@code /}; {@code [...]} classes pass through. */
    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int end = pattern.indexOf(']', i + 1);
                    if (end < 0) throw BerthException.invalid("invalid reference filter: " + pattern);
                    String cls = pattern.substring(i + 1, end);
                    re.append('[').append(cls.startsWith("!") ? "^" + cls.substring(1) : cls).append(']');
                    i = end;
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
