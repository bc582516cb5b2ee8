package berth.engine.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFilterTest {
    private static final String ID = "4f2a9c" + "0".repeat(58);
    private static final Event START = new Event(Event.Type.CONTAINER, "start", ID,
            Map.of("name", "web", "image", "busybox:latest", "com.example.tier", "front"), Instant.EPOCH);
    private static final Event EXEC = new Event(Event.Type.CONTAINER, "exec_start: sh -c true", ID,
            Map.of("name", "web", "execID", "e1"), Instant.EPOCH);
    private static final Event TAG = new Event(Event.Type.IMAGE, "tag", "sha256:" + "b".repeat(64),
            Map.of("name", "app:1"), Instant.EPOCH);

    private static boolean passes(Event e, String key, String... values) {
        return new EventFilter(Map.of(key, List.of(values))).test(e);
    }

    @Test
    void typeAndEventAreExact() {
        assertThat(passes(START, "type", "container")).isTrue();
        assertThat(passes(TAG, "type", "container")).isFalse();
        assertThat(passes(START, "event", "stop", "start")).isTrue();
        assertThat(passes(START, "event", "sta")).isFalse();
    }

    @Test
    void execActionsMatchWithoutTheirCommand() {
        assertThat(passes(EXEC, "event", "exec_start")).isTrue();
        assertThat(passes(EXEC, "event", "exec_create")).isFalse();
    }

    @Test
    void containersMatchByNameOrIdPrefix() {
        assertThat(passes(START, "container", "web")).isTrue();
        assertThat(passes(START, "container", "4f2a")).isTrue();
        assertThat(passes(START, "container", "db")).isFalse();
    }

    @Test
    void imagesMatchTheirNameOrTheImageOfAContainer() {
        assertThat(passes(START, "image", "busybox")).isTrue();
        assertThat(passes(START, "image", "busybox:latest")).isTrue();
        assertThat(passes(TAG, "image", "app")).isTrue();
        assertThat(passes(TAG, "image", "sha256:" + "b".repeat(64))).isTrue();
        assertThat(passes(TAG, "image", "busybox")).isFalse();
    }

    @Test
    void labelsNeedEveryKeyAndValue() {
        assertThat(passes(START, "label", "com.example.tier")).isTrue();
        assertThat(passes(START, "label", "com.example.tier=front")).isTrue();
        assertThat(passes(START, "label", "com.example.tier=back")).isFalse();
        assertThat(passes(START, "label", "com.example.tier", "other")).isFalse();
    }

    @Test
    void keysCombineWithAnd() {
        var f = new EventFilter(Map.of("type", List.of("container"), "event", List.of("die")));
        assertThat(f.test(START)).isFalse();
        assertThat(EventFilter.all().test(START)).isTrue();
    }

    @Test
    void stripTagKeepsTheFamiliarName() {
        assertThat(EventFilter.stripTag("docker.io/library/busybox:1.36")).isEqualTo("busybox");
        assertThat(EventFilter.stripTag("localhost:5000/team/app:1")).isEqualTo("localhost:5000/team/app");
        assertThat(EventFilter.stripTag("localhost:5000/app")).isEqualTo("localhost:5000/app");
    }
}
