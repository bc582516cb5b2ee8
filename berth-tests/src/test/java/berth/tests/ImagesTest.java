package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;

import static berth.tests.Containers.IMAGE;
import static berth.tests.Containers.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The imported busybox image: list, inspect, tag, remove. */
@ExtendWith(BerthExtension.class)
class ImagesTest {

    private static boolean tagged(DockerClient client, String reference) {
        return client.listImagesCmd().exec().stream()
                .map(Image::getRepoTags).filter(tags -> tags != null)
                .flatMap(Arrays::stream).anyMatch(reference::equals);
    }

    @Test
    void listAndInspectTheImportedImage(DockerClient client) {
        assertThat(tagged(client, IMAGE)).isTrue();
        var image = client.inspectImageCmd("busybox").exec();
        assertThat(image.getId()).matches("sha256:[0-9a-f]{64}");
        assertThat(image.getRepoTags()).contains(IMAGE);
        assertThat(image.getOs()).isEqualTo("linux");
        assertThat(image.getArch()).isEqualTo("amd64");
        assertThat(image.getConfig().getCmd()).containsExactly("sh");
        assertThat(image.getSize()).isPositive();
        assertThat(client.inspectImageCmd(image.getId()).exec().getId()).isEqualTo(image.getId());
    }

    @Test
    void tagAndRemoveTag(DockerClient client) {
        var repo = uniqueName("img");
        var id = client.inspectImageCmd(IMAGE).exec().getId();
        client.tagImageCmd(IMAGE, repo, "v1").exec();
        assertThat(client.inspectImageCmd(repo + ":v1").exec().getId()).isEqualTo(id);
        assertThat(tagged(client, repo + ":v1")).isTrue();

        client.removeImageCmd(repo + ":v1").exec();
        assertThatThrownBy(() -> client.inspectImageCmd(repo + ":v1").exec()).isInstanceOf(NotFoundException.class);
        assertThat(tagged(client, repo + ":v1")).isFalse();
        assertThat(client.inspectImageCmd(IMAGE).exec().getId()).isEqualTo(id);
    }

    @Test
    void missingImageIsNotFound(DockerClient client) {
        assertThatThrownBy(() -> client.inspectImageCmd("no-such-image:1").exec()).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.removeImageCmd("no-such-image:1").exec()).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.createContainerCmd("no-such-image:1").exec()).isInstanceOf(NotFoundException.class);
    }
}
