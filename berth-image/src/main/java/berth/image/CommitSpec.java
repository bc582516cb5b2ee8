package berth.image;

import java.util.List;

/**
 * What {@code docker commit} asks for besides the container: the run config the image will carry (the
 * container's, with the request's merged in), Dockerfile instructions applied on top ({@code changes}),
 * an optional reference to tag ({@code ""} for none), and the history entry's comment, author and
 * created-by.
 */
public record CommitSpec(Image.ImageConfig config, List<String> changes, String reference, String comment,
                         String author, String createdBy) {
    public CommitSpec {
        changes = List.copyOf(changes);
    }
}
