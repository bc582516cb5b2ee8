package berth.image;

import berth.common.BerthException;
import berth.common.Ids;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Docker's rules for {@code DELETE /images/{name}}. By tag: untag; the image goes only with its last tag, and
 * not while a container uses it (a Conflict, or with force an untagged image that stays). By ID: every tag
 * goes with it, unless the tags span several repositories or a container uses it (Conflicts without force).
 */
final class ImageRemoval {
    private final ImageIndex index;
    private final BiConsumer<String, List<ImageIndex.Layer>> deleteFiles;
    private final Function<String, Optional<String>> containerUsing;

    ImageRemoval(ImageIndex index, BiConsumer<String, List<ImageIndex.Layer>> deleteFiles,
                 Function<String, Optional<String>> containerUsing) {
        this.index = index;
        this.deleteFiles = deleteFiles;
        this.containerUsing = containerUsing;
    }

    List<ImageService.DeleteItem> remove(ImageIndex.Row image, String nameOrId, boolean force) {
        Optional<Reference> tag = Reference.tryParse(nameOrId)
                .filter(r -> image.tags().contains(r.toString()) && !isIdPrefix(nameOrId, image.id()));
        Optional<String> user = containerUsing.apply(image.id());
        return tag.isPresent() ? byTag(image, tag.get(), nameOrId, force, user) : byId(image, force, user);
    }

    private List<ImageService.DeleteItem> byTag(ImageIndex.Row image, Reference tag, String given, boolean force,
                                                Optional<String> user) {
        boolean last = image.tags().size() == 1;
        if (last && user.isPresent() && !force)
            throw BerthException.conflict("conflict: unable to remove repository reference \"" + given
                    + "\" (must force) - " + container(user.get()) + " is using its referenced image "
                    + Ids.shortId(image.id()));
        index.untag(tag.toString());
        List<ImageService.DeleteItem> items = new ArrayList<>(List.of(ImageService.DeleteItem.untagged(tag.toString())));
        if (last && user.isEmpty()) items.addAll(delete(image));
        return items;
    }

    private List<ImageService.DeleteItem> byId(ImageIndex.Row image, boolean force, Optional<String> user) {
        String shortId = Ids.shortId(image.id());
        if (!force && image.tags().stream().map(t -> t.substring(0, t.lastIndexOf(':'))).distinct().count() > 1)
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
        if (user.isEmpty()) items.addAll(delete(image));
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
    private static String container(String id) {
        return id.isEmpty() ? "a container" : "container " + Ids.shortId(id);
    }

    private static boolean isIdPrefix(String text, String id) {
        String hex = text.startsWith("sha256:") ? text.substring(7) : text;
        return Ids.isHexPrefix(hex) && id.substring(7).startsWith(hex);
    }
}
