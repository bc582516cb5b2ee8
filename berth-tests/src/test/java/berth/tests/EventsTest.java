package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static berth.tests.Containers.*;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /events through docker-java: replay with since/until, filters, Docker's attributes, the live stream. */
@ExtendWith(BerthExtension.class)
class EventsTest {

    /** Collects events until the stream ends (until in the past) or a latch is released. */
    static final class Collected extends ResultCallback.Adapter<Event> {
        final List<Event> events = new CopyOnWriteArrayList<>();
        final CountDownLatch first = new CountDownLatch(1);

        @Override
        public void onNext(Event e) {
            events.add(e);
            first.countDown();
        }

        List<String> actions() {
            return events.stream().map(Event::getAction).toList();
        }

        Event one(String action) {
            return events.stream().filter(e -> e.getAction().equals(action)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + action + " event in " + actions()));
        }
    }

    static String seconds(Instant t) {
        return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
    }

    /** The remembered events of one container between two instants (the stream ends at until). */
    private static Collected past(DockerClient client, Instant since, String container) throws InterruptedException {
        var until = Instant.now().plusMillis(50);
        BerthDaemon.sleep(Duration.ofMillis(100));
        var collected = client.eventsCmd().withSince(seconds(since)).withUntil(seconds(until))
                .withContainerFilter(container).exec(new Collected());
        assertThat(collected.awaitCompletion(20, TimeUnit.SECONDS)).as("stream ends at until").isTrue();
        return collected;
    }

    @Test
    void aContainersLifeIsReportedWithDockersAttributes(DockerClient client) throws Exception {
        var since = Instant.now();
        var name = uniqueName("ev");
        var id = client.createContainerCmd(IMAGE).withName(name).withLabels(Map.of("tier", "front"))
                .withCmd("sh", "-c", "exit 3").exec().getId();
        client.startContainerCmd(id).exec();
        assertThat(waitExit(client, id)).isEqualTo(3);
        client.removeContainerCmd(id).exec();

        var events = past(client, since, id);
        assertThat(events.actions()).containsExactly("create", "start", "die", "destroy");
        var die = events.one("die");
        assertThat(die.getType()).isEqualTo(EventType.CONTAINER);
        assertThat(die.getActor().getId()).isEqualTo(id);
        assertThat(die.getActor().getAttributes()).containsEntry("exitCode", "3").containsEntry("name", name)
                .containsEntry("image", IMAGE).containsEntry("tier", "front");
        // the fields docker-py and older clients read
        assertThat(die.getStatus()).isEqualTo("die");
        assertThat(die.getId()).isEqualTo(id);
        assertThat(die.getFrom()).isEqualTo(IMAGE);
        assertThat(die.getTimeNano()).isBetween(since.getEpochSecond() * 1_000_000_000L, Instant.now().getEpochSecond() * 1_000_000_000L + 999_999_999L);
        assertThat(die.getTime()).isEqualTo(die.getTimeNano() / 1_000_000_000L);
    }

    @Test
    void stopPauseRenameAndExecAreReported(DockerClient client) throws Exception {
        var since = Instant.now();
        var name = uniqueName("ev2");
        var id = run(client, name, "sleep", "300");
        client.pauseContainerCmd(id).exec();
        client.unpauseContainerCmd(id).exec();
        client.renameContainerCmd(id).withName(name + "-b").exec();
        var exec = client.execCreateCmd(id).withCmd("sh", "-c", "exit 4").withAttachStdout(true).exec().getId();
        client.execStartCmd(exec).exec(new Frames()).await();
        client.stopContainerCmd(id).withTimeout(1).exec();
        client.removeContainerCmd(id).exec();

        var events = past(client, since, id);
        assertThat(events.actions()).containsSubsequence("create", "start", "pause", "unpause", "rename",
                "exec_create: sh -c exit 4", "exec_start: sh -c exit 4", "exec_die", "kill", "die", "stop", "destroy");
        assertThat(events.one("rename").getActor().getAttributes()).containsEntry("oldName", "/" + name)
                .containsEntry("name", name + "-b");
        assertThat(events.one("exec_die").getActor().getAttributes()).containsEntry("exitCode", "4").containsEntry("execID", exec);
        // sleep as PID 1 ignores SIGTERM: TERM first, KILL after the timeout
        assertThat(events.events.stream().filter(e -> e.getAction().equals("kill"))
                .map(e -> e.getActor().getAttributes().get("signal"))).containsExactly("15", "9");
    }

    @Test
    void liveEventsArriveAsTheyHappen(DockerClient client) throws Exception {
        var name = uniqueName("live");
        try (var live = client.eventsCmd().withContainerFilter(name).withEventFilter("start").exec(new Collected())) {
            BerthDaemon.sleep(Duration.ofMillis(300)); // let the subscription reach the daemon
            var id = run(client, name, "true");
            assertThat(live.first.await(10, TimeUnit.SECONDS)).as("start event within 10 s").isTrue();
            assertThat(live.events.getFirst().getActor().getId()).isEqualTo(id);
            waitExit(client, id);
            client.removeContainerCmd(id).exec();
        }
    }

    @Test
    void imageTagAndUntagAreReported(DockerClient client) throws Exception {
        var since = Instant.now();
        var repo = uniqueName("evimg");
        var imageId = client.inspectImageCmd(IMAGE).exec().getId();
        client.tagImageCmd(IMAGE, repo, "v1").exec();
        client.removeImageCmd(repo + ":v1").exec();
        BerthDaemon.sleep(Duration.ofMillis(100));
        var events = client.eventsCmd().withSince(seconds(since)).withUntil(seconds(Instant.now()))
                .withEventTypeFilter(EventType.IMAGE).withImageFilter(imageId).exec(new Collected());
        assertThat(events.awaitCompletion(20, TimeUnit.SECONDS)).isTrue();
        assertThat(events.actions()).containsExactly("tag", "untag");
        assertThat(events.one("tag").getActor().getAttributes()).containsEntry("name", repo + ":v1");
        assertThat(events.one("untag").getActor().getId()).isEqualTo(imageId);
    }
}
