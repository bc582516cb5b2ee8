package berth.image;

import berth.common.BerthException;
import berth.common.Ids;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Docker's rules for {@code DELETE /images/{name}}. By tag: untag; the image goes with its last tag unless a
 * container uses it (without force a Conflict; with force only the tag goes while a container runs it, and the
 * image goes too when the container is stopped). By ID: every tag goes with the image; without force, an image
 * with several tags or used by a stopped container is a Conflict ("must be forced"); an image a running
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
        Optional<Reference> tag = Reference.tryParse(nameOrId)
                .filter(r -> image.tags().contains(r.toString()) && !isIdPrefix(nameOrId, image.id()));
        Optional<ImageService.ImageUser> user = containerUsing.apply(image.id());
        return tag.isPresent() ? byTag(image, tag.get(), nameOrId, force, user) : byId(image, force, user);
    }

    private List<ImageService.DeleteItem> byTag(ImageIndex.Row image, Reference tag, String given, boolean force,
                                                Optional<ImageService.ImageUser> user) {
        boolean last = image.tags().size() == 1;
        if (last && user.isPresent() && !force)
            throw BerthException.conflict("conflict: unable to remove repository reference \"" + given
                    + "\" (must force) - " + container(user.get()) + " is using its referenced image "
                    + Ids.shortId(image.id()));
        index.untag(tag.toString());
        List<ImageService.DeleteItem> items = new ArrayList<>(List.of(ImageService.DeleteItem.untagged(tag.toString())));
        // Once its last name is gone, the image goes too unless a container holds it: silently kept then.
        boolean held = user.isPresent() && (user.get().running() || !force);
        if (last && !held) items.addAll(delete(image));
        return items;
    }

    private List<ImageService.DeleteItem> byId(ImageIndex.Row image, boolean force, Optional<ImageService.ImageUser> user) {
        String shortId = Ids.shortId(image.id());
        if (user.isPresent() && user.get().running())
            throw BerthException.conflict("conflict: unable to delete " + shortId
                    + " (cannot be forced) - image is being used by running " + container(user.get()));
        if (!force && image.tags().size() > 1)
            throw BerthException.conflict("conflict: unable to delete " + shortId
                    + " (must be forced) - image is referenced in multiple repositories");
        if (!force && user.isPresent())
            throw BerthException.conflict("conflict: unable to delete " + shortId
                    + " (must be forced) - image is being used by stopped " + container(user.get()));
        List<ImageService.DeleteItem> items = new ArrayList<>();
        for (String t : image.tags()) {
            index.untag(t);
            items.add(ImageService.DeleteItem.untagged(t));
        }
        items.addAll(delete(image));
        return items;
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
