package berth.image;

import berth.common.BerthException;
import berth.common.Ids;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Docker's rules for {@code DELETE /images/{name}}. An image's references are its tags and its repo digests.
 * By reference: that reference goes (and with a repository's last tag, that repository's digests); the image
 * goes with its last reference unless a container uses it (without force a Conflict; with force, a running
 * container keeps it and a stopped one does not). By ID: every reference goes with the image; without force,
 * references in more than one name or a stopped container are a Conflict ("must be forced"); an image a running
 * container uses cannot be deleted at all ("cannot be forced").
 */
final class ImageRemoval {
    private final ImageIndex index;
    private final BiConsumer<String, List<ImageIndex.Layer>> deleteFiles;
    private final Function<String, Optional<ImageService.ImageUser>> containerUsing;

    ImageRemoval(ImageIndex index, BiConsumer<String, List<ImageIndex.Layer>> deleteFiles,
                 Function<String, Optional<ImageService.ImageUser>> containerUsing) {
        this.index = index;
        this.deleteFiles = deleteFiles;
        this.containerUsing = containerUsing;
    }

    List<ImageService.DeleteItem> remove(ImageIndex.Row image, String nameOrId, boolean force) {
        Optional<ImageService.ImageUser> user = containerUsing.apply(image.id());
        return named(image, nameOrId)
                .map(ref -> byReference(image, ref, nameOrId, force, user))
                .orElseGet(() -> byId(image, force, user));
    }

    /** The reference of this image that {@code text} names, if it names one rather than the ID. */
    private static Optional<String> named(ImageIndex.Row image, String text) {
        if (isIdPrefix(text, image.id())) return Optional.empty();
        if (text.contains("@")) return berth.registry.ImageReference.tryParse(text)
                .map(r -> r.familiarName() + "@" + r.digest().orElse("")).filter(image.repoDigests()::contains);
        return Reference.tryParse(text).map(Reference::toString).filter(image.tags()::contains);
    }

    private List<ImageService.DeleteItem> byReference(ImageIndex.Row image, String ref, String given, boolean force,
                                                      Optional<ImageService.ImageUser> user) {
        List<String> refs = references(image);
        if (!force && single(refs) && user.isPresent())
            throw BerthException.conflict("conflict: unable to remove repository reference \"" + given
                    + "\" (must force) - " + container(user.get()) + " is using its referenced image "
                    + Ids.shortId(image.id()));
        List<ImageService.DeleteItem> items = new ArrayList<>();
        untag(ref, refs, items);
        String repo = repository(ref);
        if (!isDigest(ref) && refs.stream().noneMatch(r -> !isDigest(r) && repository(r).equals(repo)))
            for (String d : List.copyOf(refs)) if (isDigest(d) && repository(d).equals(repo)) untag(d, refs, items);
        // Once its last reference is gone, the image goes too unless a container holds it: silently kept then.
        boolean held = user.isPresent() && (user.get().running() || !force);
        if (refs.isEmpty() && !held) items.addAll(delete(image));
        return items;
    }

    private List<ImageService.DeleteItem> byId(ImageIndex.Row image, boolean force, Optional<ImageService.ImageUser> user) {
        String shortId = Ids.shortId(image.id());
        List<String> refs = references(image);
        if (user.isPresent() && user.get().running())
            throw BerthException.conflict("conflict: unable to delete " + shortId
                    + " (cannot be forced) - image is being used by running " + container(user.get()));
        if (!force && !refs.isEmpty() && !single(refs))
            throw BerthException.conflict("conflict: unable to delete " + shortId
                    + " (must be forced) - image is referenced in multiple repositories");
        if (!force && user.isPresent())
            throw BerthException.conflict("conflict: unable to delete " + shortId
                    + " (must be forced) - image is being used by stopped " + container(user.get()));
        List<ImageService.DeleteItem> items = new ArrayList<>();
        for (String r : List.copyOf(refs)) untag(r, refs, items);
        items.addAll(delete(image));
        return items;
    }

    /** Tags first, then repo digests. */
    private static List<String> references(ImageIndex.Row image) {
        List<String> refs = new ArrayList<>(image.tags());
        refs.addAll(image.repoDigests());
        return refs;
    }

    /** Docker's "single reference": at most one tag, and every reference in that one repository. */
    private static boolean single(List<String> refs) {
        if (refs.isEmpty() || refs.stream().filter(r -> !isDigest(r)).count() > 1) return false;
        return refs.stream().map(ImageRemoval::repository).distinct().count() == 1;
    }

    private void untag(String ref, List<String> refs, List<ImageService.DeleteItem> items) {
        if (isDigest(ref)) index.removeRepoDigest(ref);
        else index.untag(ref);
        refs.remove(ref);
        items.add(ImageService.DeleteItem.untagged(ref));
    }

    private static boolean isDigest(String ref) {
        return ref.contains("@");
    }

    /** {@code repo:tag} or {@code repo@sha256:...} → {@code repo}. */
    private static String repository(String ref) {
        if (isDigest(ref)) return ref.substring(0, ref.indexOf('@'));
        int colon = ref.lastIndexOf(':');
        return colon > ref.lastIndexOf('/') ? ref.substring(0, colon) : ref;
    }

    /** Deleted: the image, then each layer no one else stacks (top first), as Docker lists them. */
    private List<ImageService.DeleteItem> delete(ImageIndex.Row image) {
        List<ImageIndex.Layer> unused = index.delete(image.id());
        deleteFiles.accept(image.id(), unused);
        List<ImageService.DeleteItem> items = new ArrayList<>(List.of(ImageService.DeleteItem.deleted(image.id())));
        unused.forEach(l -> items.add(ImageService.DeleteItem.deleted(l.chainId())));
        return items;
    }

    /** The predicate form of remove does not name the container. */
    private static String container(ImageService.ImageUser user) {
        return user.containerId().isEmpty() ? "a container" : "container " + Ids.shortId(user.containerId());
    }

    private static boolean isIdPrefix(String text, String id) {
        String hex = text.startsWith("sha256:") ? text.substring(7) : text;
        return Ids.isHexPrefix(hex) && id.substring(7).startsWith(hex);
    }
}
