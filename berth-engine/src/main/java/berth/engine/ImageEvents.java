package berth.engine;

import berth.common.BerthException;
import berth.image.Image;
import berth.image.ImageService;
import berth.image.Snapshot;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The image service as the API sees it: every call goes to the real one, and the calls that change images
 * publish Docker's image events (tag, untag, delete, import, load) once they succeed. The engine's own
 * calls (snapshots, mounts) use the real service directly.
 */
final class ImageEvents implements ImageService {
    private static final String LOADED_ID = "Loaded image ID: ";
    private static final String LOADED = "Loaded image: ";
    private final ImageService images;
    private final EngineEvents events;

    ImageEvents(ImageService images, EngineEvents events) {
        this.images = images;
        this.events = events;
    }

    @Override
    public List<String> load(InputStream archive) {
        List<String> lines = images.load(archive);
        lines.stream().map(this::loadedId).flatMap(Optional::stream).distinct()
                .forEach(id -> events.image(id, id, "load"));
        return lines;
    }

    private Optional<String> loadedId(String line) {
        if (line.startsWith(LOADED_ID)) return Optional.of(line.substring(LOADED_ID.length()).trim());
        if (!line.startsWith(LOADED)) return Optional.empty();
        try {
            return Optional.of(images.get(line.substring(LOADED.length()).trim()).id());
        } catch (BerthException.NotFound e) {
            return Optional.empty();
        }
    }

    /** Docker tags an imported image first ("tag"), then reports the import. */
    /** Commits go through the engine (LocalContainerFiles), which reports them on the container. */
    @Override
    public Image commit(String containerId, berth.image.CommitSpec spec) {
        return images.commit(containerId, spec);
    }

    @Override
    public Image importTar(InputStream rootfsTar, String reference, List<String> changes, String message) {
        Image image = images.importTar(rootfsTar, reference, changes, message);
        image.repoTags().forEach(t -> events.image(image.id(), t, "tag"));
        events.image(image.id(), image.id(), "import");
        return image;
    }

    @Override
    public void tag(String source, String repo, String tag) {
        List<String> before = images.get(source).repoTags();
        images.tag(source, repo, tag);
        Image after = images.get(source);
        List<String> added = new ArrayList<>(after.repoTags());
        added.removeAll(before);
        String name = added.isEmpty() ? repo + ":" + (tag.isEmpty() ? "latest" : tag) : added.getFirst();
        events.image(after.id(), name, "tag");
    }

    /** Docker names the image ID in both untag and delete events, not the reference that was removed; the
     * layers a deletion also lists get no event. */
    @Override
    public List<DeleteItem> remove(String nameOrId, boolean force, boolean noPrune,
                                   Function<String, Optional<ImageUser>> containerUsing) {
        String id = images.get(nameOrId).id();
        List<DeleteItem> items = images.remove(nameOrId, force, noPrune, containerUsing);
        for (DeleteItem item : items) {
            if (item.untagged() != null) events.image(id, id, "untag");
            if (id.equals(item.deleted())) events.image(id, id, "delete");
        }
        return items;
    }

    /** Docker reports each untag and delete of a prune on the image's ID, then one "prune" with the space reclaimed. */
    @Override
    public PruneReport prune(boolean all, java.util.function.Predicate<Image> matches, java.util.Set<String> inUse) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        images.list(true, Map.of()).forEach(i -> ids.add(i.id()));
        PruneReport report = images.prune(all, matches, inUse);
        int untags = 0;
        for (DeleteItem item : report.deleted()) {
            if (item.untagged() != null) untags++;
            if (item.deleted() != null && ids.contains(item.deleted())) {
                for (; untags > 0; untags--) events.image(item.deleted(), item.deleted(), "untag");
                events.image(item.deleted(), item.deleted(), "delete");
            }
        }
        events.imagePrune(report.spaceReclaimed());
        return report;
    }

    @Override public DiskUsage diskUsage() { return images.diskUsage(); }

    /** Docker names the pulled and pushed reference ({@code busybox:latest}) in pull and push events. */
    @Override
    public void pull(berth.image.PullRequest request, berth.image.Progress progress) {
        images.pull(request, progress);
        berth.registry.ImageReference.tryParse(request.reference()).ifPresent(r -> {
            var ref = r.digest().isEmpty() && r.tag().isEmpty() && !request.allTags() ? r.withTag("latest") : r;
            events.image(ref.toString(), ref.familiarName(), "pull");
        });
    }

    @Override
    public void push(berth.image.PushRequest request, berth.image.Progress progress) {
        images.push(request, progress);
        berth.registry.ImageReference.tryParse(request.name()).ifPresent(r -> {
            var ref = r.tag().isEmpty() && !request.tag().isEmpty() ? r.withTag(request.tag()) : r;
            events.image(ref.toString(), ref.familiarName(), "push");
        });
    }

    @Override
    public void login(String serverAddress, berth.registry.Credentials credentials) {
        images.login(serverAddress, credentials);
    }

    @Override public List<Image> list(boolean all, Map<String, List<String>> filters) { return images.list(all, filters); }

    @Override public Image get(String nameOrId) { return images.get(nameOrId); }

    @Override public List<HistoryItem> history(String nameOrId) { return images.history(nameOrId); }

    @Override public Inspection inspect(String nameOrId) { return images.inspect(nameOrId); }

    /** Docker reports "save" for each image once it has chosen them, before the archive is written. */
    @Override
    public berth.image.SavedImages save(List<String> names) {
        var saved = images.save(names);
        saved.imageIds().forEach(id -> events.image(id, id, "save"));
        return saved;
    }

    @Override public Snapshot createSnapshot(String containerId, String imageId) { return images.createSnapshot(containerId, imageId); }

    @Override public Snapshot snapshot(String containerId) { return images.snapshot(containerId); }

    @Override public void mount(String containerId) { images.mount(containerId); }

    @Override public void mount(String containerId, java.util.Optional<berth.image.Remap> remap) { images.mount(containerId, remap); }

    @Override public void unmount(String containerId) { images.unmount(containerId); }

    @Override public void removeSnapshot(String containerId) { images.removeSnapshot(containerId); }

    @Override public long snapshotSize(String containerId) { return images.snapshotSize(containerId); }

    @Override public List<berth.image.FileChange> changes(String containerId) { return images.changes(containerId); }

    @Override public berth.image.RootFs rootFs(String containerId) { return images.rootFs(containerId); }

    @Override public berth.image.RootFs rootFs(String containerId, java.util.Optional<berth.common.IdMapping> ids) {
        return images.rootFs(containerId, ids);
    }

    /** The engine closes the real service. */
    @Override public void close() {}
}
