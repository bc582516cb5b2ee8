package berth.engine;

import berth.engine.Engine.StatsOptions;
import berth.engine.view.ContainerStats;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code GET /containers/{id}/stats}: one sample a second while streaming, each carrying the one before as
 * its "pre" reading (so clients compute CPU % from the difference); without streaming, two samples a
 * second apart, or just one with {@code one-shot}. A stopped container gets Docker's empty sample.
 */
final class StatsFeed {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    private final EngineContext ctx;
    private final StatsSampler sampler;

    StatsFeed(EngineContext ctx, StatsSampler sampler) {
        this.ctx = ctx;
        this.sampler = sampler;
    }

    void feed(String ref, StatsOptions options, Predicate<ContainerStats> sink) throws InterruptedException {
        Container c = ctx.index.get(ref);
        if (!options.stream()) {
            sink.test(once(c, options.oneShot()));
            return;
        }
        ContainerStats previous = ContainerStats.empty(c.id(), "/" + c.name());
        for (Optional<Container> now = Optional.of(c); now.isPresent(); now = current(c.id())) {
            ContainerStats sample = sampler.sample(now.get()).after(previous);
            if (!sink.test(sample)) return;
            previous = sample;
            Thread.sleep(INTERVAL);
        }
    }

    private ContainerStats once(Container c, boolean oneShot) throws InterruptedException {
        ContainerStats first = sampler.sample(c);
        if (oneShot || !c.isActive()) return first;
        Thread.sleep(INTERVAL);
        return current(c.id()).map(sampler::sample).orElse(first).after(first);
    }

    /** The container as it is now; empty once it was removed (the stream ends). */
    private Optional<Container> current(String id) {
        return ctx.index.find(id).filter(x -> x.id().equals(id));
    }
}
