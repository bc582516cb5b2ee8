package berth.engine;

import berth.common.BerthException;
import berth.engine.view.VolumeView;
import berth.volume.Volume;
import berth.volume.VolumeService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link Volumes} over the volume service, with the engine's knowledge of which containers use what. */
final class VolumeViews implements Volumes {
    private static final Set<String> LIST_FILTERS = Set.of("dangling", "driver", "label", "name");
    private static final Set<String> PRUNE_FILTERS = Set.of("label", "label!", "all");
    private final ContainerVolumes volumes;
    private final VolumeService service;

    VolumeViews(ContainerVolumes volumes) {
        this.volumes = volumes;
        this.service = volumes.service;
    }

    @Override
    public VolumeView create(VolumeService.CreateRequest request) {
        boolean existed = !request.name().isEmpty() && service.find(request.name()).isPresent();
        Volume v = service.create(request);
        if (!existed) volumes.events().volume(v.name(), "create", Map.of("driver", v.driver()));
        return view(v, false);
    }

    @Override
    public List<VolumeView> list(Map<String, List<String>> filters) {
        check(filters, LIST_FILTERS);
        return service.list().stream().filter(v -> matches(v, filters)).map(v -> view(v, false)).toList();
    }

    @Override
    public VolumeView inspect(String name) {
        return view(service.get(name), false);
    }

    @Override
    public void remove(String name, boolean force) {
        volumes.lock.lock();
        try {
            if (service.find(name).isEmpty() && force) return;
            service.get(name);
            List<String> users = volumes.users(name);
            if (!users.isEmpty())
                throw BerthException.conflict("remove " + name + ": volume is in use - [" + String.join(", ", users) + "]");
            volumes.destroy(name);
        } finally {
            volumes.lock.unlock();
        }
    }

    @Override
    public PruneResult prune(Map<String, List<String>> filters, boolean anonymousOnlyByDefault) {
        check(filters, PRUNE_FILTERS);
        boolean all = !anonymousOnlyByDefault || filters.getOrDefault("all", List.of()).stream()
                .anyMatch(s -> s.equals("true") || s.equals("1"));
        List<String> deleted = new ArrayList<>();
        long reclaimed = 0;
        volumes.lock.lock();
        try {
            for (Volume v : service.list()) {
                if ((!all && !v.anonymous()) || !labelsMatch(v, filters) || !volumes.users(v.name()).isEmpty()) continue;
                long size = Math.max(0, service.size(v.name()));
                volumes.destroy(v.name());
                deleted.add(v.name());
                reclaimed += size;
            }
        } finally {
            volumes.lock.unlock();
        }
        return new PruneResult(deleted, reclaimed);
    }

    @Override
    public List<VolumeView> usage() {
        return service.list().stream().map(v -> view(v, true)).toList();
    }

    private VolumeView view(Volume v, boolean usage) {
        var data = usage ? new VolumeView.Usage(service.size(v.name()), volumes.users(v.name()).size()) : null;
        return new VolumeView(v.name(), v.driver(), v.mountpoint().toString(), v.createdAt().toString(),
                v.labels().isEmpty() ? null : v.labels(), "local", v.options().isEmpty() ? null : v.options(), data);
    }

    private boolean matches(Volume v, Map<String, List<String>> filters) {
        for (var f : filters.entrySet()) {
            boolean ok = switch (f.getKey()) {
                case "name" -> f.getValue().stream().anyMatch(n -> v.name().contains(n));
                case "driver" -> f.getValue().contains(v.driver());
                case "dangling" -> f.getValue().stream().anyMatch(d -> dangling(d) == volumes.users(v.name()).isEmpty());
                default -> labelsMatch(v, Map.of(f.getKey(), f.getValue()));
            };
            if (!ok) return false;
        }
        return true;
    }

    private static boolean dangling(String value) {
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw BerthException.invalid("invalid filter 'dangling=" + value + "'");
        };
    }

    /** {@code label=k} or {@code label=k=v} must all match; {@code label!=...} must all not. */
    private static boolean labelsMatch(Volume v, Map<String, List<String>> filters) {
        return filters.getOrDefault("label", List.of()).stream().allMatch(l -> hasLabel(v, l))
                && filters.getOrDefault("label!", List.of()).stream().noneMatch(l -> hasLabel(v, l));
    }

    private static boolean hasLabel(Volume v, String filter) {
        int eq = filter.indexOf('=');
        if (eq < 0) return v.labels().containsKey(filter);
        return filter.substring(eq + 1).equals(v.labels().get(filter.substring(0, eq)));
    }

    private static void check(Map<String, List<String>> filters, Set<String> allowed) {
        filters.keySet().forEach(k -> {
            if (!allowed.contains(k)) throw BerthException.invalid("invalid filter '" + k + "'");
        });
    }
}
