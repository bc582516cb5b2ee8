package berth.engine;

import berth.engine.events.Event;
import berth.engine.events.EventBus;
import berth.image.ImageService;
import java.util.HashMap;
import java.util.Map;

/**
 * Publishes the engine's events with Docker's attributes, so that the parts of the engine each say what
 * happened in one line: a container event carries its labels, {@code image} (as the user named it) and
 * {@code name}; an image event carries the image's labels (while it exists) and {@code name}.
 */
final class EngineEvents {
    final EventBus bus = new EventBus();
    private final ContainerIndex index;
    private final ImageService images;

    EngineEvents(ContainerIndex index, ImageService images) {
        this.index = index;
        this.images = images;
    }

    void container(Container c, String action) {
        container(c, action, Map.of());
    }

    void container(Container c, String action, Map<String, String> extra) {
        Map<String, String> attributes = new HashMap<>();
        if (c.config().labels() != null) attributes.putAll(c.config().labels());
        if (c.config().image() != null && !c.config().image().isEmpty()) attributes.put("image", c.config().image());
        attributes.put("name", c.name());
        attributes.putAll(extra);
        bus.publish(new Event(Event.Type.CONTAINER, action, c.id(), attributes, java.time.Instant.EPOCH));
    }

    /** For callers that hold only an ID; a container already gone is not reported. */
    void container(String id, String action, Map<String, String> extra) {
        index.find(id).filter(c -> c.id().equals(id)).ifPresent(c -> container(c, action, extra));
    }

    /** Docker's "prune" image event: no actor, the bytes reclaimed as an attribute. */
    void imagePrune(long reclaimed) {
        bus.publish(new Event(Event.Type.IMAGE, "prune", "", Map.of("reclaimed", Long.toString(reclaimed)),
                java.time.Instant.EPOCH));
    }

    void image(String imageId, String name, String action) {
        Map<String, String> attributes = new HashMap<>();
        try {
            attributes.putAll(images.get(imageId).config().labels());
        } catch (berth.common.BerthException.NotFound deleted) {
            // a deleted image has no labels left to report, as in Docker
        }
        attributes.put("name", name);
        bus.publish(new Event(Event.Type.IMAGE, action, imageId, attributes, java.time.Instant.EPOCH));
    }

    void volume(String name, String action, Map<String, String> attributes) {
        bus.publish(new Event(Event.Type.VOLUME, action, name, attributes, java.time.Instant.EPOCH));
    }
}
