package berth.image;

import java.util.List;

/**
 * What {@code docker commit} asks for besides the container: the run config the image will carry (the
 * container's, with the request's merged in), Dockerfile instructions applied on top ({@code changes}),
 * an optional reference to tag ({@code ""} for none), the history entry's comment, author and
 * created-by, and the id map of a remapped container (its files are stored with host ids; the layer gets
 * the container's, as Docker's does).
 */
public record CommitSpec(Image.ImageConfig config, List<String> changes, String reference, String comment,
                         String author, String createdBy, java.util.Optional<berth.common.IdMapping> idMapping) {
    public CommitSpec {
        changes = List.copyOf(changes);
    }

    public CommitSpec(Image.ImageConfig config, List<String> changes, String reference, String comment,
                      String author, String createdBy) {
        this(config, changes, reference, comment, author, createdBy, java.util.Optional.empty());
    }

    public CommitSpec withIdMapping(java.util.Optional<berth.common.IdMapping> mapping) {
        return new CommitSpec(config, changes, reference, comment, author, createdBy, mapping);
    }
}
