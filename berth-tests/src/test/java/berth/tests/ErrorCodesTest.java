package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static berth.tests.Containers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Docker's status codes: 404, 409, 304, 400, each with a Docker-shaped message. */
@ExtendWith(BerthExtension.class)
class ErrorCodesTest {

    @Test
    void missingContainerIs404(DockerClient client) {
        assertThatThrownBy(() -> client.inspectContainerCmd("it-no-such-container").exec())
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("No such container");
        assertThatThrownBy(() -> client.startContainerCmd("it-no-such-container").exec())
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.removeContainerCmd("it-no-such-container").exec())
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void removingARunningContainerIs409(DockerClient client) {
        var id = run(client, uniqueName("busy"), "sleep", "300");
        assertThatThrownBy(() -> client.removeContainerCmd(id).exec())
                .isInstanceOf(ConflictException.class)
                .hasMessageMatching("(?s).*(stop the container before removing|cannot remove).*");
        assertThat(state(client, id).getRunning()).isTrue();
        client.removeContainerCmd(id).withForce(true).exec();
        assertThat(exists(client, id)).isFalse();
    }

    @Test
    void startingTwiceAndStoppingTwiceIs304(DockerClient client) {
        var id = run(client, uniqueName("twice"), "sleep", "300");
        assertThatThrownBy(() -> client.startContainerCmd(id).exec()).isInstanceOf(NotModifiedException.class);
        client.stopContainerCmd(id).withTimeout(1).exec();
        assertThatThrownBy(() -> client.stopContainerCmd(id).exec()).isInstanceOf(NotModifiedException.class);
        client.removeContainerCmd(id).exec();
    }

    @Test
    void badNameIs400AndNameInUseIs409(DockerClient client) {
        assertThatThrownBy(() -> client.createContainerCmd(IMAGE).withName("bad!name").exec())
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Invalid container name");
        var name = uniqueName("dup");
        var id = client.createContainerCmd(IMAGE).withName(name).exec().getId();
        assertThatThrownBy(() -> client.createContainerCmd(IMAGE).withName(name).exec())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already in use");
        client.removeContainerCmd(id).exec();
    }

    @Test
    void pausingTwiceIs409AndUnpausingARunningContainerIsRefused(DockerClient client) {
        var id = run(client, uniqueName("unp"), "sleep", "300");
        // moby answers a plain error (500) here and its swagger lists no 409 for unpause:
        // the refusal and its message are the contract, the status code is not checked
        assertThatThrownBy(() -> client.unpauseContainerCmd(id).exec())
                .isInstanceOf(DockerException.class)
                .hasMessageContaining("is not paused");
        assertThat(state(client, id).getStatus()).isEqualTo("running");

        client.pauseContainerCmd(id).exec();
        assertThatThrownBy(() -> client.pauseContainerCmd(id).exec())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("is already paused");
        client.removeContainerCmd(id).withForce(true).exec();
        assertThat(exists(client, id)).isFalse();
    }
}
