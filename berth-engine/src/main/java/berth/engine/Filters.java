package berth.engine;

import berth.common.BerthException;
import berth.image.ImageService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Docker's container filters for {@code GET /containers/json} and {@code POST /containers/prune}. */
final class Filters {
    private static final Set<String> LIST_KEYS = Set.of("status", "name", "id", "label", "ancestor", "exited",
            "before", "since", "network", "volume", "health", "is-task", "publish", "expose");
    private static final Set<String> STATUSES = Set.of("created", "restarting", "running", "removing", "paused",
            "exited", "dead");

    private Filters() {}

    static Predicate<Container> forList(Map<String, List<String>> filters, ContainerIndex index, ImageService images) {
        Predicate<Container> p = c -> true;
        for (var e : filters.entrySet()) {
            if (!LIST_KEYS.contains(e.getKey())) throw BerthException.invalid("invalid filter '" + e.getKey() + "'");
            p = p.and(anyOf(e.getValue(), v -> one(e.getKey(), v, index, images)));
        }
        return p;
    }

    private static Predicate<Container> anyOf(List<String> values, java.util.function.Function<String, Predicate<Container>> f) {
        return values.stream().map(f).reduce(Predicate::or).orElse(c -> true);
    }

    private static Predicate<Container> one(String key, String v, ContainerIndex index, ImageService images) {
        return switch (key) {
            case "status" -> status(v);
            case "name" -> c -> Pattern.compile(v).matcher("/" + c.name()).find();
            case "id" -> c -> c.id().startsWith(v);
            case "label" -> c -> label(c.config().labels(), v);
            case "ancestor" -> ancestor(v, images);
            case "exited" -> c -> c.status() == berth.engine.model.Status.EXITED && c.exitCode() == parseInt(v);
            case "before" -> { Instant t = index.get(v).created(); yield c -> c.created().isBefore(t); }
            case "since" -> { Instant t = index.get(v).created(); yield c -> c.created().isAfter(t); }
            // a volume's name or a mount's destination, as Docker matches it
            case "volume" -> c -> c.mounts().stream().anyMatch(m -> m.name().equals(v) || m.destination().equals(v));
            case "health" -> health(v);
            default -> c -> true;
        };
    }

    private static Predicate<Container> status(String v) {
        if (!STATUSES.contains(v)) throw BerthException.invalid("invalid filter 'status=" + v + "'");
        return c -> c.status().wire().equals(v);
    }

    private static Predicate<Container> health(String v) {
        if (!Set.of("starting", "healthy", "unhealthy", "none").contains(v))
            throw BerthException.invalid("Unrecognised filter value for health: " + v);
        return c -> c.health().status().equals(v);
    }

    private static Predicate<Container> ancestor(String v, ImageService images) {
        Optional<String> id;
        try {
            id = Optional.of(images.get(v).id());
        } catch (BerthException.NotFound e) {
            id = Optional.empty();
        }
        Optional<String> imageId = id;
        return c -> imageId.map(i -> i.equals(c.imageId())).orElse(false) || v.equals(c.config().image());
    }

    static boolean label(Map<String, String> labels, String filter) {
        if (labels == null) return false;
        int eq = filter.indexOf('=');
        if (eq < 0) return labels.containsKey(filter);
        return filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
    }

    static boolean matchesPrune(Container c, Map<String, List<String>> filters) {
        for (var e : filters.entrySet()) {
            boolean ok = switch (e.getKey()) {
                case "until" -> e.getValue().stream().allMatch(v -> c.created().isBefore(instant(v)));
                case "label" -> e.getValue().stream().allMatch(v -> label(c.config().labels(), v));
                case "label!" -> e.getValue().stream().noneMatch(v -> label(c.config().labels(), v));
                default -> throw BerthException.invalid("invalid filter '" + e.getKey() + "'");
            };
            if (!ok) return false;
        }
        return true;
    }

    /** A Docker timestamp filter: unix seconds (with fraction), RFC 3339, or a duration like "10m" ago. */
    static Instant instant(String v) {
        try {
            if (v.matches("\\d+(\\.\\d+)?")) {
                double secs = Double.parseDouble(v);
                return Instant.ofEpochSecond((long) secs, (long) ((secs % 1) * 1e9));
            }
            if (v.matches("\\d+[smh]")) return Instant.now().minus(duration(v));
            return Instant.parse(v);
        } catch (RuntimeException e) {
            throw BerthException.invalid("invalid timestamp: " + v);
        }
    }

    private static Duration duration(String v) {
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static int parseInt(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw BerthException.invalid("invalid filter 'exited=" + v + "'");
        }
    }
}
