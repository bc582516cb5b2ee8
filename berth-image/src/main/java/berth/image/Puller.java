package berth.image;

import berth.common.BerthException;
import berth.common.Digest;
import berth.registry.Descriptor;
import berth.registry.DigestMismatchException;
import berth.registry.ImageReference;
import berth.registry.Manifest;
import berth.registry.MediaTypes;
import berth.registry.RegistryClient;
import berth.registry.RegistryException;
import berth.registry.Repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * One {@code docker pull}. The image is indexed only when every layer is in (the commit point). Before
 * that, each finished blob and each unpacked layer is indexed on its own, so that an interrupted pull
 * leaves no image but the next one downloads and unpacks only what was missing.
 */
final class Puller {
    /** Docker's default max-concurrent-downloads. */
    private static final int PARALLEL = 3;
    private static final int DOWNLOAD_ATTEMPTS = 3;
    private final RegistryClient registry;
    private final StoreParts store;
    private final PullRequest request;
    private final Progress progress;

    Puller(RegistryClient registry, StoreParts store, PullRequest request, Progress progress) {
        this.registry = registry;
        this.store = store;
        this.request = request;
        this.progress = progress;
    }

    void pull() {
        ImageReference ref = ImageReference.parse(request.reference());
        if (request.allTags() && ref.tag().isEmpty() && ref.digest().isEmpty()) {
            pullAll(ref);
            return;
        }
        if (ref.digest().isEmpty()) ref = ref.withTag(ref.tagOrDefault().orElseThrow());
        boolean updated = pullOne(ref);
        progress.emit(Progress.Event.line(status(updated, ref.toString())));
    }

    private void pullAll(ImageReference ref) {
        Repository repo = repository(ref);
        List<String> tags;
        try {
            tags = repo.tags();
        } catch (RegistryException e) {
            throw RegistryErrors.pull(e, ref, url(ref, "/tags/list"));
        }
        boolean updated = false;
        for (String tag : tags) updated |= pullOne(ref.withTag(tag));
        progress.emit(Progress.Event.line(status(updated, ref.familiarName())));
    }

    private static String status(boolean updated, String name) {
        return "Status: " + (updated ? "Downloaded newer image for " : "Image is up to date for ") + name;
    }

    private Repository repository(ImageReference ref) {
        return registry.repository(ref, request.credentials(), RegistryClient.Access.PULL);
    }

    /** Pulls one tag or digest; true when something changed here (a new image, or a tag that moved). */
    private boolean pullOne(ImageReference ref) {
        Repository repo = repository(ref);
        Manifest top = fetchManifest(repo, ref, ref.manifestReference());
        Manifest manifest = MediaTypes.isIndex(top.mediaType())
                ? fetchManifest(repo, ref, ManifestJson.select(top, request.platform()).digest()) : top;
        progress.emit(Progress.Event.of(ref.tag().orElse(ref.manifestReference()), "Pulling from " + ref.path()));
        ManifestJson.Image image = ManifestJson.image(manifest);
        String id = image.config().digest();
        byte[] config = config(repo, image.config());
        List<String> diffIds = ImageConfigJson.diffIds(ImageConfigJson.parse(config));
        if (diffIds.size() != image.layers().size())
            throw BerthException.invalid("invalid image: " + diffIds.size() + " diff IDs but " + image.layers().size() + " layers");
        boolean known = store.index().row(id).isPresent();
        List<ImageIndex.Layer> layers = known ? List.of() : layers(repo, ref, image.layers(), diffIds);
        String repoDigest = ref.familiarName() + "@" + top.digest();
        boolean updated = store.locked(() -> commit(ref, id, config, layers, repoDigest, known));
        progress.emit(Progress.Event.line("Digest: " + top.digest()));
        return updated;
    }

    private Manifest fetchManifest(Repository repo, ImageReference ref, String reference) {
        try {
            return repo.manifest(reference);
        } catch (RegistryException e) {
            throw RegistryErrors.pull(e, ref, url(ref, "/manifests/" + reference));
        }
    }

    private String url(ImageReference ref, String tail) {
        return registry.baseUri(ref.endpoint()) + "/v2/" + ref.path() + tail;
    }

    private byte[] config(Repository repo, Descriptor config) {
        Digest digest = Digest.parse(config.digest());
        if (store.blobs().exists(digest)) return store.blobs().read(digest);
        try (InputStream in = repo.blob(config)) {
            return in.readAllBytes();
        } catch (DigestMismatchException e) {
            throw BerthException.invalid(e.getMessage());
        } catch (IOException e) {
            throw BerthException.fault("cannot read the config " + config.digest() + ": " + e.getMessage(), e);
        }
    }

    /** The commit point: config blob, then image row with its layers, tag and repo digest, in one transaction. */
    private boolean commit(ImageReference ref, String id, byte[] config, List<ImageIndex.Layer> layers, String repoDigest,
                           boolean known) {
        Optional<Reference> tag = ref.digest().isEmpty() && ref.tag().isPresent() ? Optional.of(Reference.of(ref)) : Optional.empty();
        boolean moved = tag.map(t -> !store.index().idByTag(t).equals(Optional.of(id))).orElse(false);
        boolean newDigest = !store.index().idByRepoDigest(repoDigest).equals(Optional.of(id));
        if (!known) {
            store.blobs().ingest(new java.io.ByteArrayInputStream(config), Optional.of(Digest.parse(id)));
            var json = ImageConfigJson.parse(config);
            var created = ImageConfigJson.created(json);
            store.index().add(id, config, created.getEpochSecond() * 1_000_000_000L + created.getNano(), layers,
                    tag.map(List::of).orElse(List.of()));
        } else {
            tag.ifPresent(t -> store.index().tag(t, id));
        }
        store.index().addRepoDigest(repoDigest, id);
        return !known || moved || (tag.isEmpty() && newDigest);
    }

    /** Downloads what is missing, three at a time, and unpacks each layer in order as soon as it is in. */
    private List<ImageIndex.Layer> layers(Repository repo, ImageReference ref, List<Descriptor> blobs, List<String> diffIds) {
        List<String> chains = LayerStore.chainIds(diffIds);
        List<Optional<ImageIndex.Layer>> present = new ArrayList<>();
        for (int i = 0; i < blobs.size(); i++) {
            String chain = chains.get(i);
            Optional<ImageIndex.Layer> layer = store.index().layer(chain).filter(l -> store.layers().exists(chain));
            present.add(layer);
            progress.emit(Progress.Event.of(shortId(blobs.get(i)), layer.isPresent() ? "Already exists" : "Pulling fs layer"));
        }
        Semaphore slots = new Semaphore(PARALLEL);
        Map<String, Future<Digest>> downloads = new HashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (int i = 0; i < blobs.size(); i++) {
                    if (present.get(i).isPresent()) continue;
                    Descriptor blob = blobs.get(i);
                    String diffId = diffIds.get(i);
                    downloads.computeIfAbsent(blob.digest(), d -> pool.submit(() -> download(repo, ref, blob, diffId, slots)));
                }
                List<ImageIndex.Layer> result = new ArrayList<>();
                for (int i = 0; i < blobs.size(); i++) {
                    if (present.get(i).isPresent()) {
                        result.add(present.get(i).get());
                        continue;
                    }
                    Digest blob = await(downloads.get(blobs.get(i).digest()));
                    result.add(extract(blobs.get(i), blob, chains.get(i), diffIds.get(i)));
                }
                return result;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static Digest await(Future<Digest> download) {
        try {
            return download.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw BerthException.fault("download failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BerthException.fault("pull interrupted", e);
        }
    }

    private Digest download(Repository repo, ImageReference ref, Descriptor blob, String diffId, Semaphore slots)
            throws InterruptedException {
        String id = shortId(blob);
        Digest digest = Digest.parse(blob.digest());
        if (!store.blobs().exists(digest)) {
            if (!slots.tryAcquire()) {
                progress.emit(Progress.Event.of(id, "Waiting"));
                slots.acquire();
            }
            try {
                fetch(repo, ref, blob, digest);
            } finally {
                slots.release();
            }
        }
        // Recorded as soon as it is whole, so a restart keeps it and a push can send it again as it came.
        store.index().addLayerSource(new ImageIndex.LayerSource(diffId, blob.digest(), layerType(blob),
                ref.domain(), ref.path()));
        progress.emit(Progress.Event.of(id, "Download complete"));
        return digest;
    }

    private void fetch(Repository repo, ImageReference ref, Descriptor blob, Digest digest) {
        String id = shortId(blob);
        for (int attempt = 1; ; attempt++) {
            try (InputStream in = repo.blob(blob)) {
                var counted = new ProgressInputStream(in, progress, id, "Downloading", blob.size());
                store.blobs().ingest(counted, Optional.of(digest));
                progress.emit(Progress.Event.of(id, "Verifying Checksum"));
                return;
            } catch (RegistryException e) {
                throw RegistryErrors.other(e, url(ref, "/blobs/" + blob.digest()));
            } catch (BerthException.SystemFault e) {
                if (!(e.getCause() instanceof IOException io) || io instanceof DigestMismatchException || attempt >= DOWNLOAD_ATTEMPTS)
                    throw refusedOr(e, blob);
            } catch (IOException e) {
                if (attempt >= DOWNLOAD_ATTEMPTS) throw BerthException.fault("cannot download " + blob.digest() + ": " + e.getMessage(), e);
            }
        }
    }

    /** A digest mismatch surfaces from the store's copy as its cause: report it as Docker does, refused. */
    private static BerthException refusedOr(BerthException.SystemFault e, Descriptor blob) {
        if (e.getCause() instanceof DigestMismatchException)
            return BerthException.invalid("filesystem layer verification failed for digest " + blob.digest());
        return e;
    }

    private ImageIndex.Layer extract(Descriptor blob, Digest digest, String chainId, String diffId) {
        String id = shortId(blob);
        long size = store.blobs().size(digest);
        LayerStore.Unpacked unpacked;
        try (InputStream in = store.blobs().open(digest)) {
            unpacked = store.layers().unpack(new ProgressInputStream(in, progress, id, "Extracting", size));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!unpacked.diffId().equals(diffId)) {
            store.layers().discard(unpacked.tempDir());
            store.index().removeLayerSource(blob.digest());
            store.blobs().delete(digest);
            throw BerthException.invalid("invalid layer " + blob.digest() + ": diff ID " + unpacked.diffId()
                    + " does not match " + diffId);
        }
        var layer = new ImageIndex.Layer(chainId, diffId, unpacked.size(), blob.digest());
        store.locked(() -> {
            store.layers().commit(unpacked, chainId);
            store.index().addLayer(layer);
            return null;
        });
        progress.emit(Progress.Event.of(id, "Pull complete"));
        return store.index().layer(chainId).orElse(layer);
    }

    /** Docker's layer IDs in progress lines: the first 12 hex digits of the blob digest. */
    static String shortId(Descriptor blob) {
        String hex = blob.digest().substring(blob.digest().indexOf(':') + 1);
        return hex.substring(0, Math.min(12, hex.length()));
    }

    private static String layerType(Descriptor blob) {
        return blob.mediaType().isEmpty() ? MediaTypes.DOCKER_LAYER_GZIP : blob.mediaType();
    }
}
