package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.PruneType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static berth.tests.Containers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GET /containers/json with its filters, rename, and POST /containers/prune. */
@ExtendWith(BerthExtension.class)
class ListRenamePruneTest {

    private static List<String> ids(List<Container> containers) {
        return containers.stream().map(Container::getId).toList();
    }

    @Test
    void listFilters(DockerClient client) {
        var tag = uniqueName("suite");
        var runningName = uniqueName("up");
        var running = client.createContainerCmd(IMAGE).withName(runningName).withCmd("sleep", "300")
                .withLabels(Map.of("suite", tag, "role", "web")).exec().getId();
        client.startContainerCmd(running).exec();
        var exited = client.createContainerCmd(IMAGE).withName(uniqueName("down")).withCmd("sh", "-c", "exit 3")
                .withLabels(Map.of("suite", tag)).exec().getId();
        client.startContainerCmd(exited).exec();
        assertThat(waitExit(client, exited)).isEqualTo(3);
        var created = client.createContainerCmd(IMAGE).withName(uniqueName("new")).withCmd("true")
                .withLabels(Map.of("suite", tag)).exec().getId();

        var suite = Map.of("suite", tag);
        assertThat(ids(client.listContainersCmd().withLabelFilter(suite).exec())).containsExactly(running);
        assertThat(ids(client.listContainersCmd().withShowAll(true).withLabelFilter(suite).exec()))
                .containsExactlyInAnyOrder(running, exited, created);
        assertThat(ids(client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("role", "web")).exec()))
                .contains(running).doesNotContain(exited, created);
        assertThat(ids(client.listContainersCmd().withShowAll(true).withLabelFilter(suite)
                .withStatusFilter(List.of("exited")).exec())).containsExactly(exited);
        assertThat(ids(client.listContainersCmd().withShowAll(true).withLabelFilter(suite)
                .withStatusFilter(List.of("created")).exec())).containsExactly(created);
        assertThat(ids(client.listContainersCmd().withShowAll(true).withLabelFilter(suite)
                .withExitedFilter(3).exec())).containsExactly(exited);
        assertThat(ids(client.listContainersCmd().withShowAll(true).withNameFilter(List.of(runningName)).exec()))
                .containsExactly(running);
        assertThat(ids(client.listContainersCmd().withShowAll(true).withLabelFilter(suite)
                .withAncestorFilter(List.of("busybox")).exec())).containsExactlyInAnyOrder(running, exited, created);
        assertThat(ids(client.listContainersCmd().withShowAll(true).withIdFilter(List.of(running.substring(0, 12))).exec()))
                .containsExactly(running);

        var summary = client.listContainersCmd().withNameFilter(List.of(runningName)).exec().getFirst();
        assertThat(summary.getNames()).containsExactly("/" + runningName);
        assertThat(summary.getImage()).isIn("busybox", IMAGE);
        assertThat(summary.getState()).isEqualTo("running");
        assertThat(summary.getStatus()).startsWith("Up ");
        assertThat(summary.getCommand()).isEqualTo("sleep 300");
        for (var id : List.of(running, exited, created)) {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }

    @Test
    void rename(DockerClient client) {
        var oldName = uniqueName("old");
        var newName = uniqueName("renamed");
        var id = run(client, oldName, "sleep", "300");
        client.renameContainerCmd(id).withName(newName).exec();
        assertThat(client.inspectContainerCmd(newName).exec().getName()).isEqualTo("/" + newName);
        assertThatThrownBy(() -> client.inspectContainerCmd(oldName).exec()).isInstanceOf(NotFoundException.class);

        var other = client.createContainerCmd(IMAGE).withName(uniqueName("other")).withCmd("true").exec().getId();
        assertThatThrownBy(() -> client.renameContainerCmd(other).withName(newName).exec())
                .isInstanceOf(ConflictException.class);
        client.removeContainerCmd(id).withForce(true).exec();
        client.removeContainerCmd(other).exec();
    }

    @Test
    void pruneRemovesStoppedContainersOnly(DockerClient client) {
        var running = run(client, uniqueName("keep"), "sleep", "300");
        var exited = run(client, uniqueName("done"), "true");
        assertThat(waitExit(client, exited)).isZero();
        var created = client.createContainerCmd(IMAGE).withName(uniqueName("idle")).withCmd("true").exec().getId();

        client.pruneCmd(PruneType.CONTAINERS).exec();
        assertThat(exists(client, exited)).isFalse();
        assertThat(exists(client, created)).isFalse();
        assertThat(state(client, running).getStatus()).isEqualTo("running");
        client.removeContainerCmd(running).withForce(true).exec();
    }
}
