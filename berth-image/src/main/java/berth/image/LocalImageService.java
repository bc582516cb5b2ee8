package berth.image;

import berth.common.BerthException;
import berth.common.Digest;
import berth.common.Ids;
import berth.registry.Credentials;
import berth.registry.ImageReference;
import berth.registry.RegistryClient;
import berth.registry.RegistryConfig;
import berth.store.ContentStore;
import berth.sys.Os;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@link ImageService} on local disk. Under the data root:
 * <pre>
 *   image/images.db            the index (SQLite, see {@link ImageIndex})
 *   image/blobs/sha256/HEX     configs and layer archives, by digest ({@link ContentStore})
 *   image/tmp/                 staging of archives being loaded (garbage at open)
 *   overlay/CHAIN-HEX/diff     unpacked layers, one per chain ID
 *   overlay/CONTAINER-ID/{diff,work,merged}   container snapshots
 *   overlay/empty/diff         the lower directory of images without layers
 * </pre>
 * Writers take one lock (a load unpacks layers for a while; reads do not wait for it).
 */
public final class LocalImageService implements ImageService {
    private final Path tmp;
    private final ContentStore blobs;
    private final ImageIndex index;
    private final LayerStore layers;
    private final Snapshots snapshots;
    private final Os os;
    private final ReentrantLock writer = new ReentrantLock();
    private final RegistryClient registry;

    private LocalImageService(Path tmp, ContentStore blobs, ImageIndex index, LayerStore layers, Snapshots snapshots,
                              Os os, RegistryClient registry) {
        this.os = os;
        this.registry = registry;
        this.tmp = tmp;
        this.blobs = blobs;
        this.index = index;
        this.layers = layers;
        this.snapshots = snapshots;
    }

    /** Opens the image store under {@code root}, creating it, and removes what a crash left half done. */
    public static LocalImageService open(Path root, Os os) {
        return open(root, os, RegistryConfig.defaults());
    }

    /** As {@link #open(Path, Os)}, with registries reached as {@code registries} says. */
    public static LocalImageService open(Path root, Os os, RegistryConfig registries) {
        Path imageDir = root.resolve("image");
        Path overlay = root.resolve("overlay");
        try {
            Files.createDirectories(overlay);
        } catch (IOException e) {
            throw BerthException.fault("cannot create " + overlay, e);
        }
        ImageIndex index = ImageIndex.open(imageDir.resolve("images.db"));
        LayerStore layers = new LayerStore(overlay, os);
        var service = new LocalImageService(imageDir.resolve("tmp"), ContentStore.open(imageDir), index, layers,
                new Snapshots(overlay, os, index, layers), os, RegistryClient.create(registries));
        service.collectGarbage(overlay);
        return service;
    }

    /** Staging, unindexed layer and snapshot directories, unreferenced blobs: all left by a crash. */
    private void collectGarbage(Path overlay) {
        try {
            Trees.deleteRecursively(tmp);
            Set<String> keep = index.overlayNames();
            try (var entries = Files.list(overlay)) {
                entries.filter(p -> !keep.contains(p.getFileName().toString())).forEach(snapshots::unmountAll);
            }
        } catch (IOException | UncheckedIOException e) {
            throw BerthException.fault("cannot clean " + overlay, e);
        }
        layers.collectGarbage(index.overlayNames());
        Set<String> referenced = index.blobs();
        blobs.list().stream().filter(d -> !referenced.contains(d.toString())).forEach(blobs::delete);
    }

    @Override
    public List<String> load(InputStream archive) {
        // The archive arrives without the lock held: a client may be feeding it from a save of this very store
        // (docker save | docker load), and the save needs the lock to choose its images.
        try (StagedArchive staged = StagedArchive.extract(archive, tmp)) {
            return locked(() -> {
                List<String> lines = new ArrayList<>();
                for (ArchivedImage image : ArchiveFormat.of(staged).images(staged)) {
                    List<LayerSource> sources = image.layerFiles().stream()
                            .map(f -> (LayerSource) () -> staged.open(f)).toList();
                    String id = store(image.config(), sources, image.tags());
                    if (image.tags().isEmpty()) lines.add("Loaded image ID: " + id);
                    image.tags().forEach(t -> lines.add("Loaded image: " + t));
                }
                return lines;
            });
        }
    }

    /** Opens a layer archive (compressed or not). */
    @FunctionalInterface
    private interface LayerSource {
        InputStream open();
    }

    /** Stores layers (each unpacked once), then the config blob, then the index rows: in that order. */
    private String store(byte[] config, List<LayerSource> sources, List<Reference> tags) {
        var json = ImageConfigJson.parse(config);
        List<String> diffIds = ImageConfigJson.diffIds(json);
        if (diffIds.size() != sources.size())
            throw BerthException.invalid("invalid image: " + diffIds.size() + " diff IDs but " + sources.size() + " layers");
        List<String> chains = LayerStore.chainIds(diffIds);
        List<ImageIndex.Layer> stored = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) stored.add(layer(chains.get(i), diffIds.get(i), sources.get(i)));
        String id = blobs.ingest(config).toString();
        index.add(id, config, nanos(ImageConfigJson.created(json)), stored, tags);
        return id;
    }

    private ImageIndex.Layer layer(String chainId, String diffId, LayerSource source) {
        Optional<ImageIndex.Layer> known = index.layer(chainId).filter(l -> layers.exists(chainId));
        if (known.isPresent()) return known.get();
        Digest blob;
        try (InputStream in = source.open()) {
            blob = blobs.ingest(in);
        } catch (IOException e) {
            throw BerthException.fault("cannot read layer " + diffId, e);
        }
        LayerStore.Unpacked unpacked = unpack(blob);
        if (!unpacked.diffId().equals(diffId)) {
            layers.discard(unpacked.tempDir());
            throw BerthException.invalid("invalid layer: diff ID " + unpacked.diffId() + " does not match " + diffId);
        }
        layers.commit(unpacked, chainId);
        return new ImageIndex.Layer(chainId, diffId, unpacked.size(), blob.toString());
    }

    private LayerStore.Unpacked unpack(Digest blob) {
        try (InputStream in = blobs.open(blob)) {
            return layers.unpack(in);
        } catch (IOException e) {
            throw BerthException.fault("cannot read blob " + blob, e);
        }
    }

    @Override
    public Image importTar(InputStream rootfsTar, String reference, List<String> changes, String message) {
        List<Reference> tags = reference.isEmpty() ? List.of() : List.of(Reference.parse(reference));
        var runConfig = Changes.apply(changes);
        // Read and unpack without the lock: the tar may come from this daemon (docker export | docker import),
        // whose export mounts the container under the lock.
        Digest blob = blobs.ingest(rootfsTar);
        LayerStore.Unpacked unpacked = unpack(blob);
        return locked(() -> {
            if (!blobs.exists(blob)) { // an rmi just deleted a layer with this very archive
                layers.discard(unpacked.tempDir());
                throw BerthException.conflict("the imported layer was deleted meanwhile by an image removal: import again");
            }
            String chainId = unpacked.diffId();
            var known = index.layer(chainId).filter(l -> layers.exists(chainId));
            layers.commit(unpacked, chainId);
            if (known.isPresent() && !known.get().blob().equals(blob.toString())) blobs.delete(blob);
            var layer = known.orElse(new ImageIndex.Layer(chainId, chainId, unpacked.size(), blob.toString()));
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String comment = message.isEmpty() ? "Imported from -" : message;
            byte[] config = ImageConfigJson.forImport(runConfig, chainId, now, comment);
            String id = blobs.ingest(config).toString();
            index.add(id, config, nanos(now), List.of(layer), tags);
            return get(id);
        });
    }

    @Override
    public void pull(PullRequest request, Progress progress) {
        new Puller(registry, parts(), request, progress).pull();
    }

    @Override
    public void push(PushRequest request, Progress progress) {
        new Pusher(registry, parts(), tmp, request, progress).push();
    }

    @Override
    public void login(String serverAddress, Credentials credentials) {
        registry.login(serverAddress, credentials);
    }

    private StoreParts parts() {
        return new StoreParts(blobs, index, layers, writer);
    }

    @Override
    public List<Image> list(boolean all, Map<String, List<String>> filters) {
        List<Image> images = index.all().stream().map(ImageConfigJson::toImage).toList();
        return ImageFilters.apply(images, filters, this::get);
    }

    @Override
    public Image get(String nameOrId) {
        return ImageConfigJson.toImage(row(nameOrId));
    }

    /** By reference, then by full ID or unique ID prefix (with or without "sha256:"), as Docker looks up. */
    private ImageIndex.Row row(String nameOrId) {
        boolean digestForm = nameOrId.startsWith("sha256:");
        if (!digestForm && nameOrId.contains("@")) {
            Optional<ImageIndex.Row> byDigest = ImageReference.tryParse(nameOrId)
                    .flatMap(r -> index.idByRepoDigest(r.familiarName() + "@" + r.digest().orElse(""))).flatMap(index::row);
            if (byDigest.isPresent()) return byDigest.get();
        }
        if (!digestForm) {
            Optional<ImageIndex.Row> byTag = Reference.tryParse(nameOrId).flatMap(index::idByTag).flatMap(index::row);
            if (byTag.isPresent()) return byTag.get();
        }
        String hex = digestForm ? nameOrId.substring(7) : nameOrId;
        List<String> ids = Ids.isHexPrefix(hex) ? index.idsWithPrefix(hex) : List.of();
        if (ids.size() != 1) throw BerthException.notFound("No such image: " + nameOrId);
        return index.row(ids.getFirst()).orElseThrow(() -> BerthException.notFound("No such image: " + nameOrId));
    }

    @Override
    public SavedImages save(List<String> names) {
        if (names.isEmpty()) throw BerthException.invalid("no images specified");
        return locked(() -> {
            Map<String, List<Reference>> chosen = new java.util.LinkedHashMap<>();
            names.forEach(name -> choose(name, chosen));
            List<ImageArchive.Entry> entries = new ArrayList<>();
            chosen.forEach((id, refs) -> {
                ImageIndex.Row row = index.row(id).orElseThrow(() -> BerthException.notFound("No such image: " + id));
                entries.add(new ImageArchive.Entry(row, refs, row.chainIds().stream().map(c -> index.layer(c)
                        .orElseThrow(() -> BerthException.fault("layer " + c + " is gone", null))).toList()));
            });
            return ImageArchive.open(entries, d -> blobs.path(Digest.parse(d)));
        });
    }

    /** Docker's choice: a bare repository name saves all its tags; a tag saves that name; else an image by ID, unnamed. */
    private void choose(String name, Map<String, List<Reference>> chosen) {
        Optional<Reference> ref = name.startsWith("sha256:") ? Optional.empty() : Reference.tryParse(name);
        List<Reference> named = ref.isEmpty() ? List.of() : repositoryOnly(name)
                ? index.all().stream().flatMap(r -> r.tags().stream()).map(Reference::parse)
                        .filter(t -> t.name().equals(ref.get().name())).toList()
                : index.idByTag(ref.get()).map(id -> List.of(ref.get())).orElse(List.of());
        for (Reference r : named) {
            List<Reference> refs = chosen.computeIfAbsent(index.idByTag(r).orElseThrow(), k -> new ArrayList<>());
            if (!refs.contains(r)) refs.add(r);
        }
        if (named.isEmpty()) chosen.computeIfAbsent(row(name).id(), k -> new ArrayList<>());
    }

    private static boolean repositoryOnly(String name) {
        return name.lastIndexOf(':') <= name.lastIndexOf('/');
    }

    @Override
    public Inspection inspect(String nameOrId) {
        ImageIndex.Row row = row(nameOrId);
        return new Inspection(ImageConfigJson.toImage(row), ImageConfigJson.parse(row.config()).path("config"),
                graphDriverData(row.chainIds()));
    }

    /** overlay2's keys: the top layer's diff as UpperDir (with its merged and work siblings), the rest, top first,
     * as LowerDir; an image without layers has none. */
    private Map<String, String> graphDriverData(List<String> chainIds) {
        if (chainIds.isEmpty()) return Map.of();
        Path top = layers.diffDir(chainIds.getLast());
        Map<String, String> data = new java.util.LinkedHashMap<>();
        if (chainIds.size() > 1) data.put("LowerDir", String.join(":", chainIds.subList(0, chainIds.size() - 1).reversed()
                .stream().map(c -> layers.diffDir(c).toString()).toList()));
        data.put("MergedDir", top.resolveSibling("merged").toString());
        data.put("UpperDir", top.toString());
        data.put("WorkDir", top.resolveSibling("work").toString());
        return data;
    }

    @Override
    public List<HistoryItem> history(String nameOrId) {
        ImageIndex.Row row = row(nameOrId);
        return ImageHistory.of(row.id(), row.tags(), ImageConfigJson.parse(row.config()),
                i -> index.layer(row.chainIds().get(i)).map(ImageIndex.Layer::size).orElse(0L));
    }

    @Override
    public void tag(String source, String repo, String tag) {
        Reference ref = Reference.of(repo, tag);
        if (ref.name().length() == 64 && Ids.isHexPrefix(ref.name()))
            throw BerthException.invalid("invalid repository name (" + ref.name() + "), cannot specify 64-byte hexadecimal strings");
        locked(() -> {
            index.tag(ref, row(source).id());
            return null;
        });
    }

    @Override
    public List<DeleteItem> remove(String nameOrId, boolean force, boolean noPrune,
                                        Function<String, Optional<ImageUser>> containerUsing) {
        return locked(() -> new ImageRemoval(index, this::deleteFiles, containerUsing).remove(row(nameOrId), nameOrId, force));
    }

    @Override
    public PruneReport prune(boolean all, Predicate<Image> matches, Set<String> inUse) {
        return locked(() -> {
            Map<String, Long> sizes = index.layerSizes();
            List<DeleteItem> items = new ArrayList<>();
            for (ImageIndex.Row row : index.all()) {
                if (inUse.contains(row.id()) || (!all && !row.tags().isEmpty())) continue;
                if (!matches.test(ImageConfigJson.toImage(row))) continue;
                items.addAll(new ImageRemoval(index, this::deleteFiles, id -> Optional.empty()).remove(row, row.id(), true));
            }
            long reclaimed = items.stream().map(DeleteItem::deleted).filter(d -> d != null && sizes.containsKey(d))
                    .mapToLong(sizes::get).sum();
            return new PruneReport(items, reclaimed);
        });
    }

    @Override
    public DiskUsage diskUsage() {
        Map<String, Long> sizes = index.layerSizes();
        Set<String> shared = index.sharedChains();
        Map<String, Long> sharedSizes = new java.util.HashMap<>();
        for (ImageIndex.Row row : index.all())
            sharedSizes.put(row.id(), row.chainIds().stream().distinct().filter(shared::contains)
                    .mapToLong(c -> sizes.getOrDefault(c, 0L)).sum());
        return new DiskUsage(sizes.values().stream().mapToLong(Long::longValue).sum(), sharedSizes);
    }

    /** After the index forgot them: the config blob, then each layer's directory and archive. */
    private void deleteFiles(String imageId, List<ImageIndex.Layer> unused) {
        blobs.delete(Digest.parse(imageId));
        deleteLayerFiles(unused);
    }

    /** Layers the index forgot: their directories, and their archives unless another layer has the same one. */
    private void deleteLayerFiles(List<ImageIndex.Layer> unused) {
        if (unused.isEmpty()) return;
        Set<String> referenced = index.blobs();
        for (ImageIndex.Layer l : unused) {
            layers.delete(l.chainId());
            if (!referenced.contains(l.blob())) blobs.delete(Digest.parse(l.blob()));
            // compressed blobs kept for pushes (pulled, or gzipped once) go with the last layer of their diff ID
            index.forgetLayerSources(l.diffId()).forEach(b -> blobs.delete(Digest.parse(b)));
        }
    }

    @Override
    public Snapshot createSnapshot(String containerId, String imageId) {
        return locked(() -> snapshots.create(containerId, row(imageId)));
    }

    @Override
    public Snapshot snapshot(String containerId) {
        return snapshots.get(containerId);
    }

    @Override
    public void mount(String containerId) {
        locked(() -> {
            snapshots.mount(containerId);
            return null;
        });
    }

    @Override
    public void mount(String containerId, java.util.Optional<Remap> remap) {
        if (remap.isEmpty()) {
            mount(containerId);
            return;
        }
        locked(() -> {
            snapshots.mount(containerId, remap.get());
            return null;
        });
    }

    @Override
    public void unmount(String containerId) {
        locked(() -> {
            snapshots.unmount(containerId);
            return null;
        });
    }

    @Override
    public void removeSnapshot(String containerId) {
        locked(() -> {
            deleteLayerFiles(snapshots.remove(containerId));
            return null;
        });
    }

    @Override
    public long snapshotSize(String containerId) {
        return snapshots.size(containerId);
    }

    @Override
    public List<FileChange> changes(String containerId) {
        try {
            return LayerDiff.of(snapshots.get(containerId), os);
        } catch (IOException e) {
            throw BerthException.fault("cannot read the changes of " + containerId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public RootFs rootFs(String containerId) {
        return RootFs.open(snapshots.get(containerId).mergedDir(), os);
    }

    @Override
    public RootFs rootFs(String containerId, java.util.Optional<berth.common.IdMapping> ids) {
        return RootFs.open(snapshots.get(containerId).mergedDir(), os, ids);
    }

    @Override
    public Image commit(String containerId, CommitSpec spec) {
        List<Reference> tags = spec.reference().isEmpty() ? List.of() : List.of(Reference.parse(spec.reference()));
        var runConfig = Changes.apply(ImageConfigJson.toJson(spec.config()), spec.changes());
        var snapshot = index.snapshot(containerId)
                .orElseThrow(() -> BerthException.notFound("No such container snapshot: " + containerId));
        // The slow part, reading the writable layer, runs without the lock: loads go on meanwhile.
        try (CommittedLayer layer = CommittedLayer.write(snapshots.get(containerId).upperDir(), tmp, os,
                spec.idMapping())) {
            return locked(() -> {
                List<ImageIndex.Layer> stack = new ArrayList<>();
                for (String chain : snapshot.chainIds())
                    stack.add(index.layer(chain).orElseThrow(() -> BerthException.fault("layer " + chain + " is gone", null)));
                String parentChain = stack.isEmpty() ? "" : stack.getLast().chainId();
                stack.add(layer(LayerStore.chainId(parentChain, layer.diffId()), layer.diffId(), layer::open));
                var parent = index.row(snapshot.imageId()).map(r -> ImageConfigJson.parse(r.config()))
                        .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                byte[] config = ImageConfigJson.forCommit(parent, runConfig,
                        stack.stream().map(ImageIndex.Layer::diffId).toList(), now, spec, containerId);
                String id = blobs.ingest(config).toString();
                index.add(id, config, nanos(now), stack, tags);
                return get(id);
            });
        }
    }

    @Override
    public void close() {
        index.close();
    }

    private <T> T locked(java.util.function.Supplier<T> work) {
        writer.lock();
        try {
            return work.get();
        } finally {
            writer.unlock();
        }
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
