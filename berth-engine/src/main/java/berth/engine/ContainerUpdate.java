package berth.engine;

import berth.common.BerthException;
import berth.engine.model.HostConfig;
import berth.engine.model.Status;
import berth.engine.resources.ResourceChecks;
import berth.engine.resources.ResourceMapping;
import berth.engine.resources.UpdateMerge;
import berth.runtime.RuntimeFailure;
import java.util.List;

/**
 * {@code POST /containers/{id}/update}: new limits (and restart policy) are stored with the container and, when it
 * runs, applied through the runtime first, so a refusal (the kernel's, e.g. a limit below current usage) changes
 * nothing. A stopped container gets them at its next start. The restart policy is only stored: whoever acts on
 * exits reads it from the stored HostConfig.
 */
final class ContainerUpdate {
    private final EngineContext ctx;
    private final ResourceChecks checks;

    ContainerUpdate(EngineContext ctx, ResourceChecks checks) {
        this.ctx = ctx;
        this.checks = checks;
    }

    List<String> update(String ref, HostConfig requested) {
        String id = ctx.index.get(ref).id();
        return ctx.locked(id, () -> updateLocked(ctx.index.get(id), requested));
    }

    private List<String> updateLocked(Container c, HostConfig requested) {
        if (c.status() == Status.REMOVING || c.status() == Status.DEAD)
            throw BerthException.conflict("Cannot update container " + c.id()
                    + ": container is marked for removal and cannot be \"update\"");
        var merged = UpdateMerge.merge(c.id(), c.hostConfig(), requested, checks);
        if (c.status() == Status.RUNNING || c.status() == Status.PAUSED) apply(c.id(), merged.hostConfig());
        Container updated = ctx.save(c.withHostConfig(merged.hostConfig()));
        ctx.events.container(updated, "update");
        return merged.warnings();
    }

    private void apply(String id, HostConfig h) {
        try {
            ctx.runtime.update(id, ResourceMapping.limits(h));
        } catch (RuntimeFailure e) {
            throw BerthException.fault("Cannot update container " + id + ": " + e.getMessage(), e);
        }
    }
}
