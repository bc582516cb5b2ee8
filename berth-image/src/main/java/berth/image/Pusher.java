package berth.image;

import berth.common.BerthException;
import berth.common.Digest;
import berth.registry.Descriptor;
import berth.registry.ImageReference;
import berth.registry.Manifest;
import berth.registry.MediaTypes;
import berth.registry.RegistryClient;
import berth.registry.RegistryException;
import berth.registry.Repository;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.zip.GZIPOutputStream;

/**
 * One {@code docker push}: per layer (five at a time, as Docker), a blob the registry already has is
 * skipped, one it has in another repository is mounted, others are uploaded: the compressed blob a pull
 * brought if there is one, else the layer gzipped once and kept for the next push. Then the config, then
 * the manifest under the tag.
 */
final class Pusher {
    private static final int PARALLEL = 5;
    private final RegistryClient registry;
    private final StoreParts store;
    private final Path tmp;
    private final PushRequest request;
    private final Progress progress;

    Pusher(RegistryClient registry, StoreParts store, Path tmp, PushRequest request, Progress progress) {
        this.registry = registry;
        this.store = store;
        this.tmp = tmp;
        this.request = request;
        this.progress = progress;
    }

    void push() {
        ImageReference repoRef = ImageReference.parse(request.name());
        if (!request.tag().isEmpty() && repoRef.tag().isEmpty()) repoRef = repoRef.withTag(request.tag());
        List<ImageReference> targets = targets(repoRef);
        progress.emit(Progress.Event.line("The push refers to repository [" + repoRef.domain() + "/" + repoRef.path() + "]"));
        for (ImageReference target : targets) pushOne(target);
    }

    /** The tag given, or every local tag of the repository (the CLI's {@code push -a} sends no tag). */
    private List<ImageReference> targets(ImageReference ref) {
        String familiar = ref.familiarName();
        List<ImageReference> targets = ref.tag().isPresent() ? List.of(ref)
                : store.index().all().stream().flatMap(r -> r.tags().stream())
                        .filter(t -> t.startsWith(familiar + ":") && t.lastIndexOf(':') == familiar.length())
                        .map(ImageReference::parse).toList();
        for (ImageReference t : targets)
            if (store.index().idByTag(Reference.of(t)).isEmpty()) targets = List.of();
        if (targets.isEmpty()) throw BerthException.notFound("An image does not exist locally with the tag: " + familiar);
        return targets;
    }

    private void pushOne(ImageReference ref) {
        String id = store.index().idByTag(Reference.of(ref)).orElseThrow();
        ImageIndex.Row row = store.index().row(id).orElseThrow(() -> BerthException.notFound("No such image: " + ref));
        List<String> diffIds = ImageConfigJson.diffIds(ImageConfigJson.parse(row.config()));
        List<String> mountFrom = mountCandidates(ref, diffIds);
        Repository repo = registry.repository(ref, request.credentials(), RegistryClient.Access.PUSH, mountFrom);
        try {
            List<Descriptor> layers = layers(repo, ref, row, diffIds);
            byte[] config = row.config();
            Descriptor configDesc = new Descriptor(MediaTypes.DOCKER_CONFIG, id, config.length);
            if (repo.blobSize(id).isEmpty()) repo.upload(configDesc, () -> new java.io.ByteArrayInputStream(config), n -> {});
            Manifest manifest = ManifestJson.forPush(configDesc, layers);
            String digest = repo.putManifest(ref.tag().orElseThrow(), manifest);
            store.index().addRepoDigest(ref.familiarName() + "@" + digest, id);
            progress.emit(Progress.Event.line(ref.tag().orElseThrow() + ": digest: " + digest + " size: " + manifest.content().length));
            progress.pushed(new Progress.PushResult(ref.tag().orElseThrow(), digest, manifest.content().length));
        } catch (RegistryException e) {
            throw RegistryErrors.other(e, "");
        }
    }

    private List<String> mountCandidates(ImageReference ref, List<String> diffIds) {
        return diffIds.stream().flatMap(d -> store.index().layerSources(d).stream())
                .filter(s -> s.registry().equals(ref.domain()) && !s.repository().equals(ref.path()))
                .map(ImageIndex.LayerSource::repository).distinct().limit(3).toList();
    }

    /** Pushes the layers (top first in the output, as Docker lists them); returns their descriptors bottom first. */
    private List<Descriptor> layers(Repository repo, ImageReference ref, ImageIndex.Row row, List<String> diffIds) {
        List<ImageIndex.Layer> stack = row.chainIds().stream()
                .map(c -> store.index().layer(c).orElseThrow(() -> BerthException.fault("layer " + c + " is gone", null))).toList();
        for (int i = stack.size() - 1; i >= 0; i--) progress.emit(Progress.Event.of(shortId(diffIds.get(i)), "Preparing"));
        Semaphore slots = new Semaphore(PARALLEL);
        List<Future<Descriptor>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (int i = stack.size() - 1; i >= 0; i--) {
                    ImageIndex.Layer layer = stack.get(i);
                    futures.addFirst(pool.submit(() -> pushLayer(repo, ref, layer, slots)));
                }
                List<Descriptor> out = new ArrayList<>();
                for (Future<Descriptor> f : futures) out.add(await(f));
                return out;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private Descriptor pushLayer(Repository repo, ImageReference ref, ImageIndex.Layer layer, Semaphore slots)
            throws InterruptedException {
        String id = shortId(layer.diffId());
        if (!slots.tryAcquire()) {
            progress.emit(Progress.Event.of(id, "Waiting"));
            slots.acquire();
        }
        try {
            List<ImageIndex.LayerSource> sources = store.index().layerSources(layer.diffId()).stream()
                    .filter(s -> s.registry().equals(ref.domain())).toList();
            for (ImageIndex.LayerSource s : sources) {
                Descriptor d = new Descriptor(s.mediaType(), s.blob(), -1);
                if (s.repository().equals(ref.path())) {
                    var size = repo.blobSize(s.blob());
                    if (size.isPresent()) return done(id, "Layer already exists", new Descriptor(s.mediaType(), s.blob(), size.getAsLong()));
                } else if (repo.mount(s.blob(), s.repository())) {
                    var size = repo.blobSize(s.blob());
                    record(layer, d, ref);
                    return done(id, "Mounted from " + s.repository(), new Descriptor(s.mediaType(), s.blob(), size.orElse(0)));
                }
            }
            Descriptor blob = compressedBlob(layer);
            if (repo.blobSize(blob.digest()).isPresent()) {
                record(layer, blob, ref);
                return done(id, "Layer already exists", blob);
            }
            Digest digest = Digest.parse(blob.digest());
            repo.upload(blob, () -> store.blobs().open(digest), throttled(id, blob.size()));
            record(layer, blob, ref);
            return done(id, "Pushed", blob);
        } finally {
            slots.release();
        }
    }

    /** "Pushing" lines at most every 512 KiB or 150 ms, and at the end, as for downloads. */
    private java.util.function.LongConsumer throttled(String id, long total) {
        long[] last = {-1, System.nanoTime()};
        return sent -> {
            long now = System.nanoTime();
            if (sent == total || last[0] < 0 || sent - last[0] >= 512 * 1024 || now - last[1] >= 150_000_000L) {
                last[0] = sent;
                last[1] = now;
                progress.emit(new Progress.Event(id, "Pushing", sent, total));
            }
        };
    }

    private void record(ImageIndex.Layer layer, Descriptor blob, ImageReference ref) {
        store.index().addLayerSource(new ImageIndex.LayerSource(layer.diffId(), blob.digest(), blob.mediaType(), ref.domain(), ref.path()));
    }

    private Descriptor done(String id, String status, Descriptor d) {
        progress.emit(Progress.Event.of(id, status));
        return d;
    }

    /**
     * A compressed blob of the layer: one a pull or push recorded (any registry), the stored archive when it
     * is gzip or zstd already, else the layer gzipped now (kept, and recorded against no registry).
     */
    private Descriptor compressedBlob(ImageIndex.Layer layer) {
        for (ImageIndex.LayerSource s : store.index().layerSources(layer.diffId())) {
            Digest d = Digest.parse(s.blob());
            if (store.blobs().exists(d)) return new Descriptor(s.mediaType(), s.blob(), store.blobs().size(d));
        }
        Digest stored = Digest.parse(layer.blob());
        Compression compression;
        try (var in = new BufferedInputStream(store.blobs().open(stored))) {
            compression = Compression.detect(in);
        } catch (IOException e) {
            throw BerthException.fault("cannot read layer " + layer.diffId(), e);
        }
        if (compression == Compression.GZIP)
            return new Descriptor(MediaTypes.DOCKER_LAYER_GZIP, layer.blob(), store.blobs().size(stored));
        if (compression == Compression.ZSTD)
            return new Descriptor(MediaTypes.OCI_LAYER_ZSTD, layer.blob(), store.blobs().size(stored));
        Digest gz = gzip(stored);
        store.index().addLayerSource(new ImageIndex.LayerSource(layer.diffId(), gz.toString(), MediaTypes.DOCKER_LAYER_GZIP, "", ""));
        return new Descriptor(MediaTypes.DOCKER_LAYER_GZIP, gz.toString(), store.blobs().size(gz));
    }

    private Digest gzip(Digest plain) {
        try {
            Files.createDirectories(tmp);
            Path file = Files.createTempFile(tmp, "push-", ".gz");
            try {
                try (InputStream in = Compression.decompressed(store.blobs().open(plain));
                     OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 64 * 1024)) {
                    in.transferTo(out);
                }
                try (InputStream in = Files.newInputStream(file)) {
                    return store.blobs().ingest(in);
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw BerthException.fault("cannot compress layer " + plain + ": " + e.getMessage(), e);
        }
    }

    private static Descriptor await(Future<Descriptor> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RegistryException re) throw RegistryErrors.other(re, "");
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw BerthException.fault("push failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BerthException.fault("push interrupted", e);
        }
    }

    private static String shortId(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return hex.substring(0, Math.min(12, hex.length()));
    }

}
