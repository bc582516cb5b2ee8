package berth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import berth.common.BerthException;
import berth.engine.events.Event;
import berth.engine.events.EventFilter;
import berth.image.Image;
import berth.image.ImageService;
import berth.image.ImageService.ImageUser;
import berth.image.Snapshot;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Image operations publish Docker's image events, named by image ID, once they succeed. */
class ImageEventsTest {
    private static final String ID = "sha256:" + "a".repeat(64);
    private static final String LAYER = "sha256:" + "c".repeat(64);

    private final Stub stub = new Stub();
    private final EngineEvents events = new EngineEvents(new ContainerIndex(), stub);
    private final ImageEvents images = new ImageEvents(stub, events);

    private List<Event> published() {
        return events.bus.subscribe(Optional.of(Instant.EPOCH), Optional.empty(), EventFilter.all()).backlog();
    }

    private static List<String> actionsAndNames(List<Event> events) {
        return events.stream().map(e -> e.action() + " " + e.actorId().substring(0, 8) + " " + e.attributes().get("name")).toList();
    }

    @Test
    void importTagsThenReportsTheImport() {
        images.importTar(InputStream.nullInputStream(), "app:1", List.of(), "");
        assertThat(actionsAndNames(published())).containsExactly("tag sha256:a app:1", "import sha256:a " + ID);
        assertThat(published().getFirst().attributes()).containsEntry("team", "x"); // the image's labels
    }

    @Test
    void loadReportsEachImageOnce() {
        stub.loaded = List.of("Loaded image: app:1", "Loaded image: app:2", "Loaded image ID: " + LAYER);
        images.load(InputStream.nullInputStream());
        assertThat(actionsAndNames(published())).containsExactly("load sha256:a " + ID, "load sha256:c " + LAYER);
    }

    @Test
    void tagNamesTheNewReference() {
        stub.tags.add("app:1");
        images.tag("app:1", "localhost:5000/app", "");
        assertThat(actionsAndNames(published())).containsExactly("tag sha256:a localhost:5000/app:latest");
    }

    @Test
    void removalReportsUntagAndDeleteOfTheImageButNotItsLayers() {
        images.remove("app:1", false, false, id -> Optional.empty());
        assertThat(actionsAndNames(published())).containsExactly("untag sha256:a " + ID, "delete sha256:a " + ID);
    }

    @Test
    void aFailedOperationReportsNothing() {
        stub.fail = true;
        try {
            images.tag("app:1", "x", "1");
        } catch (BerthException.NotFound expected) {
            // as the API would answer
        }
        assertThat(published()).isEmpty();
    }

    /** One image, ID, whose tags change as tag() is called. */
    private static final class Stub implements ImageService {
        List<String> loaded = List.of();
        final List<String> tags = new ArrayList<>();
        boolean fail;

        @Override
        public Image get(String nameOrId) {
            if (fail) throw BerthException.notFound("No such image: " + nameOrId);
            if (nameOrId.equals(LAYER)) throw BerthException.notFound("No such image: " + nameOrId);
            return new Image(ID, tags, List.of(), "", "", Instant.EPOCH, "", "amd64", "linux", 1,
                    new Image.ImageConfig("", List.of(), List.of(), List.of(), "", Map.of("team", "x"), List.of(),
                            List.of(), "", List.of()), List.of());
        }

        @Override
        public Image importTar(InputStream tar, String reference, List<String> changes, String message) {
            tags.add(reference);
            return get(ID);
        }

        @Override public List<String> load(InputStream archive) { return loaded; }

        @Override public void tag(String source, String repo, String tag) { get(source); tags.add(repo + ":latest"); }

        @Override
        public List<DeleteItem> remove(String n, boolean force, boolean noPrune, Function<String, Optional<ImageUser>> using) {
            return List.of(DeleteItem.untagged("app:1"), DeleteItem.deleted(ID), DeleteItem.deleted(LAYER));
        }

        @Override public List<Image> list(boolean all, Map<String, List<String>> filters) { return List.of(); }
        @Override public Snapshot createSnapshot(String containerId, String imageId) { throw new UnsupportedOperationException(); }
        @Override public Snapshot snapshot(String containerId) { throw new UnsupportedOperationException(); }
        @Override public void mount(String containerId) {}
        @Override public void unmount(String containerId) {}
        @Override public void removeSnapshot(String containerId) {}
        @Override public long snapshotSize(String containerId) { return 0; }
        @Override public List<berth.image.FileChange> changes(String containerId) { return List.of(); }
        @Override public berth.image.RootFs rootFs(String containerId) { throw new UnsupportedOperationException(); }
        @Override public Image commit(String containerId, berth.image.CommitSpec spec) { throw new UnsupportedOperationException(); }
    }
}
