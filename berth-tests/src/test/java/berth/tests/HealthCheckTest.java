package berth.tests;

import static berth.tests.Containers.IMAGE;
import static berth.tests.Containers.uniqueName;
import static berth.tests.RestartPolicyTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Health checks, --init and the stop signal with the real runtime: a probe (an exec) makes the container
 * healthy, then unhealthy when it starts failing, with Docker's events, ps status and filter; a probe over
 * its timeout is killed and logged as Docker logs it; an image's HEALTHCHECK applies; Health stays after the
 * exit. With --init, tini is PID 1 and reaps orphans (without it, a PID 1 that never waits leaves zombies).
 */
class HealthCheckTest {
    private static final long MS = 1_000_000L;

    private static String run(DockerClient client, String image, HealthCheck health, String... cmd) {
        var id = client.createContainerCmd(image).withName(uniqueName("health")).withHealthcheck(health)
                .withCmd(cmd).exec().getId();
        client.startContainerCmd(id).exec();
        return id;
    }

    private static String exec(DockerClient client, String id, String... cmd) throws InterruptedException {
        var exec = client.execCreateCmd(id).withCmd(cmd).withAttachStdout(true).withAttachStderr(true).exec().getId();
        var frames = client.execStartCmd(exec).exec(new Frames()).await();
        return frames.stdout() + frames.stderr();
    }

    private static String health(DockerClient client, String id) {
        var h = client.inspectContainerCmd(id).exec().getState().getHealth();
        return h == null ? "none" : h.getStatus();
    }

    @Test
    void healthyThenUnhealthyWithEventsStatusAndFilter() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var since = Instant.now();
            var id = run(client, IMAGE, new HealthCheck().withTest(List.of("CMD-SHELL", "cat /tmp/ok"))
                    .withInterval(300 * MS).withRetries(2), "sh", "-c", "echo fine > /tmp/ok; sleep 300");
            await(client, id, "healthy", i -> "healthy".equals(i.getState().getHealth().getStatus()));
            var row = client.listContainersCmd().withIdFilter(List.of(id)).exec().getFirst();
            assertThat(row.getStatus()).matches("Up .* \\(healthy\\)");
            assertThat(client.inspectContainerCmd(id).exec().getState().getHealth().getLog().getLast().getOutput())
                    .isEqualTo("fine\n");

            exec(client, id, "rm", "/tmp/ok");
            var sick = await(client, id, "unhealthy", i -> "unhealthy".equals(i.getState().getHealth().getStatus()));
            var h = sick.getState().getHealth();
            assertThat(h.getFailingStreak()).isGreaterThanOrEqualTo(2);
            assertThat(h.getLog()).hasSizeLessThanOrEqualTo(5);
            assertThat(h.getLog().getLast().getExitCodeLong()).isEqualTo(1);
            assertThat(h.getLog().getLast().getOutput()).contains("No such file");
            var unhealthy = client.listContainersCmd().withFilter("health", List.of("unhealthy")).exec();
            assertThat(unhealthy).extracting(c -> c.getId()).containsExactly(id);
            assertThat(client.listContainersCmd().withFilter("health", List.of("healthy")).exec()).isEmpty();

            client.stopContainerCmd(id).withTimeout(1).exec();
            assertThat(health(client, id)).as("Health stays after the exit").isEqualTo("unhealthy");
            var events = new EventsTest.Collected();
            client.eventsCmd().withSince(EventsTest.seconds(since)).withUntil(EventsTest.seconds(Instant.now()))
                    .withContainerFilter(id).exec(events).awaitCompletion(20, TimeUnit.SECONDS);
            assertThat(events.actions().stream().filter(a -> a.startsWith("health_status")))
                    .containsExactly("health_status: healthy", "health_status: unhealthy");
            assertThat(events.actions()).anyMatch(a -> a.startsWith("exec_start: /bin/sh -c cat /tmp/ok"));
        }
    }

    @Test
    void aProbeOverItsTimeoutIsKilledAndTheImagesHealthcheckApplies() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var base = client.createContainerCmd(IMAGE).withCmd("true").exec().getId();
            String changes = URLEncoder.encode("HEALTHCHECK --interval=300ms --timeout=500ms --retries=1 CMD sleep 30",
                    StandardCharsets.UTF_8);
            var imageId = RawApi.call(daemon, com.github.dockerjava.transport.DockerHttpClient.Request.Method.POST,
                    "/v1.41/commit?container=" + base + "&repo=it-health&tag=slow&changes=" + changes, 201)
                    .path("Id").asText();
            assertThat(client.inspectImageCmd(imageId).exec().getConfig().getHealthcheck().getTest())
                    .containsExactly("CMD-SHELL", "sleep 30");

            var id = run(client, "it-health:slow", null, "sleep", "300");
            var sick = await(client, id, "unhealthy", i -> i.getState().getHealth() != null
                    && "unhealthy".equals(i.getState().getHealth().getStatus()));
            var last = sick.getState().getHealth().getLog().getLast();
            assertThat(last.getExitCodeLong()).isEqualTo(-1);
            assertThat(last.getOutput()).isEqualTo("Health check exceeded timeout (500ms)");
            // probes run one after another: if timed-out ones were not killed, they would pile up
            await(client, id, "probed three times", i -> i.getState().getHealth().getLog().size() >= 3);
            String ps = exec(client, id, "ps", "-o", "args");
            assertThat(ps.lines().filter(l -> l.equals("sleep 30")).count()).as("probes alive in " + ps).isLessThanOrEqualTo(1);

            var none = client.createContainerCmd("it-health:slow").withCmd("sleep", "300")
                    .withHealthcheck(new HealthCheck().withTest(List.of("NONE"))).exec().getId();
            client.startContainerCmd(none).exec();
            BerthDaemon.sleep(Duration.ofSeconds(1));
            assertThat(health(client, none)).isEqualTo("none");
        }
    }

    @Test
    void initIsPidOneAndReapsOrphans() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            // an orphan is reparented to PID 1; a PID 1 that never waits (sleep) leaves it a zombie
            String[] orphanMaker = {"sh", "-c", "(sleep 1 &); exec sleep 300"};
            var withInit = client.createContainerCmd(IMAGE).withHostConfig(HostConfig.newHostConfig().withInit(true))
                    .withCmd(orphanMaker).exec().getId();
            var without = client.createContainerCmd(IMAGE).withCmd(orphanMaker).exec().getId();
            client.startContainerCmd(withInit).exec();
            client.startContainerCmd(without).exec();
            assertThat(client.inspectContainerCmd(withInit).exec().getHostConfig().getInit()).isTrue();
            assertThat(exec(client, withInit, "cat", "/proc/1/cmdline").replace('\0', ' '))
                    .isEqualTo("/sbin/docker-init -- sh -c (sleep 1 &); exec sleep 300 ");

            awaitPs(client, without, "a zombie under a PID 1 without init", ps -> ps.contains(" Z "));
            awaitPs(client, withInit, "the orphan reaped by tini", ps -> !ps.matches("(?s).*\\ssleep 1\\n.*") && !ps.contains(" Z "));
        }
    }

    private static void awaitPs(DockerClient client, String id, String what, java.util.function.Predicate<String> ok)
            throws InterruptedException {
        var deadline = Instant.now().plusSeconds(30);
        String ps = "";
        while (Instant.now().isBefore(deadline)) {
            ps = exec(client, id, "ps", "-o", "pid,stat,args");
            if (ok.test(ps)) return;
            BerthDaemon.sleep(Duration.ofMillis(200));
        }
        throw new AssertionError("never saw " + what + ":\n" + ps);
    }

    @Test
    void stopUsesTheStopSignal() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var id = client.createContainerCmd(IMAGE).withStopSignal("SIGUSR1")
                    .withCmd("sh", "-c", "trap 'echo got usr1; exit 7' USR1; while true; do sleep 0.1; done").exec().getId();
            client.startContainerCmd(id).exec();
            BerthDaemon.sleep(Duration.ofMillis(300)); // let the shell set its trap
            client.stopContainerCmd(id).withTimeout(30).exec();
            assertThat(client.inspectContainerCmd(id).exec().getState().getExitCodeLong()).isEqualTo(7);
            assertThat(Frames.logs(client, id).stdout()).isEqualTo("got usr1\n");
        }
    }
}
