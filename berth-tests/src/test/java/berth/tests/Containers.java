package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Small steps the tests repeat: unique names, create+start, wait, state. */
final class Containers {

    static final String IMAGE = "busybox:latest";

    private Containers() {}

    static String uniqueName(String what) {
        return "it-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates and starts a busybox container running {@code cmd}; returns its ID. */
    static String run(DockerClient client, String name, String... cmd) {
        var id = client.createContainerCmd(IMAGE).withName(name).withCmd(cmd).exec().getId();
        client.startContainerCmd(id).exec();
        return id;
    }

    static int waitExit(DockerClient client, String id) {
        return client.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode(60, TimeUnit.SECONDS);
    }

    static InspectContainerResponse.ContainerState state(DockerClient client, String id) {
        return client.inspectContainerCmd(id).exec().getState();
    }

    static boolean exists(DockerClient client, String id) {
        try {
            client.inspectContainerCmd(id).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Polls until the container is gone (AutoRemove happens after the exit is recorded). */
    static boolean awaitGone(DockerClient client, String id, Duration timeout) {
        var deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!exists(client, id)) {
                return true;
            }
            BerthDaemon.sleep(Duration.ofMillis(100));
        }
        return false;
    }
}
