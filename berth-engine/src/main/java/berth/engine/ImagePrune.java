package berth.engine;

import berth.common.BerthException;
import berth.image.Image;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The filters of {@code POST /images/prune}, as Docker reads them: {@code dangling} (true, the default: only
 * untagged images; false: every image no container uses), {@code until} (created before), {@code label} and
 * {@code label!} (on the image's config labels).
 */
record ImagePrune(boolean all, Predicate<Image> matches) {
    private static final Set<String> KNOWN = Set.of("dangling", "until", "label", "label!");

    static ImagePrune of(Map<String, List<String>> filters) {
        filters.keySet().stream().filter(k -> !KNOWN.contains(k)).findFirst().ifPresent(k -> {
            throw BerthException.invalid("invalid filter '" + k + "'");
        });
        boolean all = !dangling(filters.getOrDefault("dangling", List.of()));
        List<Instant> until = filters.getOrDefault("until", List.of()).stream().map(Filters::instant).toList();
        List<String> labels = filters.getOrDefault("label", List.of());
        List<String> notLabels = filters.getOrDefault("label!", List.of());
        Predicate<Image> matches = i -> until.stream().allMatch(u -> i.created().isBefore(u))
                && labels.stream().allMatch(l -> Filters.label(i.config().labels(), l))
                && notLabels.stream().noneMatch(l -> Filters.label(i.config().labels(), l));
        return new ImagePrune(all, matches);
    }

    private static boolean dangling(List<String> values) {
        if (values.isEmpty()) return true;
        return switch (values.getFirst().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw BerthException.invalid("invalid filter 'dangling=" + values.getFirst() + "'");
        };
    }
}
