package berth.engine;

import berth.common.BerthException;
import berth.engine.model.ContainerConfig.Healthcheck;
import berth.image.Image;
import java.time.Duration;
import java.util.List;

/**
 * Health check configurations: the client's merged over the image's as Docker merges them (an empty Test
 * takes the image's, zero durations and retries take the image's), and Docker's defaults for what is left.
 */
final class HealthConfigs {
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_START_INTERVAL = Duration.ofSeconds(5);
    static final int DEFAULT_RETRIES = 3;

    private HealthConfigs() {}

    /** Null when neither says anything (the config then has no Healthcheck, as in Docker). */
    static Healthcheck merge(Healthcheck client, Image.Healthcheck image) {
        if (!image.isSet()) return client;
        if (client == null) return new Healthcheck(image.test(), image.interval(), image.timeout(),
                image.startPeriod(), image.startInterval(), image.retries());
        return new Healthcheck(client.test() == null || client.test().isEmpty() ? image.test() : client.test(),
                or(client.interval(), image.interval()), or(client.timeout(), image.timeout()),
                or(client.startPeriod(), image.startPeriod()), or(client.startInterval(), image.startInterval()),
                client.retries() != 0 ? client.retries() : image.retries());
    }

    /** The daemon's checks, with Docker's messages. */
    static void validate(Healthcheck h) {
        if (h == null) return;
        atLeastOneMs("Interval", h.interval());
        atLeastOneMs("Timeout", h.timeout());
        atLeastOneMs("StartPeriod", h.startPeriod());
        atLeastOneMs("StartInterval", h.startInterval());
        if (h.retries() < 0) throw BerthException.invalid("Retries in Healthcheck cannot be negative");
    }

    private static void atLeastOneMs(String field, long nanos) {
        if (nanos != 0 && nanos < 1_000_000)
            throw BerthException.invalid(field + " in Healthcheck cannot be less than 1ms");
    }

    static Image.Healthcheck toImage(Healthcheck h) {
        if (h == null || h.test() == null) return Image.Healthcheck.NONE;
        return new Image.Healthcheck(h.test(), h.interval(), h.timeout(), h.startPeriod(), h.startInterval(), h.retries());
    }

    /** The probe's command, or empty for none ({@code NONE}, or no Test at all). CMD-SHELL runs /bin/sh -c. */
    static List<String> probe(Healthcheck h) {
        if (h == null || h.test() == null || h.test().isEmpty()) return List.of();
        List<String> t = h.test();
        return switch (t.getFirst()) {
            case "CMD" -> t.size() > 1 ? t.subList(1, t.size()) : List.of();
            case "CMD-SHELL" -> t.size() > 1 ? List.of("/bin/sh", "-c", String.join(" ", t.subList(1, t.size()))) : List.of();
            default -> List.of(); // NONE, or a kind Docker would refuse
        };
    }

    static Duration interval(Healthcheck h) {
        return orDefault(h.interval(), DEFAULT_INTERVAL);
    }

    static Duration timeout(Healthcheck h) {
        return orDefault(h.timeout(), DEFAULT_TIMEOUT);
    }

    static Duration startInterval(Healthcheck h) {
        return orDefault(h.startInterval(), DEFAULT_START_INTERVAL);
    }

    static Duration startPeriod(Healthcheck h) {
        return Duration.ofNanos(Math.max(0, h.startPeriod()));
    }

    static int retries(Healthcheck h) {
        return h.retries() > 0 ? h.retries() : DEFAULT_RETRIES;
    }

    private static Duration orDefault(long nanos, Duration fallback) {
        return nanos > 0 ? Duration.ofNanos(nanos) : fallback;
    }

    private static long or(long a, long b) {
        return a != 0 ? a : b;
    }
}
