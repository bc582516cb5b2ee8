package berth.api.wire;

import berth.engine.events.Event;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One message of {@code GET /events}. API versions before 1.52 also carry the legacy {@code status},
 * {@code id} and (for containers) {@code from} fields, which docker-py and older clients still read;
 * berth serves up to 1.47, so they are always there for containers and images.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventMessage(
        @JsonProperty("status") String status,
        @JsonProperty("id") String id,
        @JsonProperty("from") String from,
        String type,
        String action,
        Actor actor,
        @JsonProperty("scope") String scope,
        @JsonProperty("time") long time,
        @JsonProperty("timeNano") long timeNano) {

    public record Actor(@JsonProperty("ID") String id, Map<String, String> attributes) {}

    public static EventMessage of(Event e) {
        boolean legacy = e.type() == Event.Type.CONTAINER || e.type() == Event.Type.IMAGE;
        String from = e.type() == Event.Type.CONTAINER ? e.attributes().get("image") : null;
        return new EventMessage(legacy ? e.action() : null, legacy ? e.actorId() : null, from, e.type().wire(),
                e.action(), new Actor(e.actorId(), e.attributes()), "local", e.time().getEpochSecond(), e.timeNanos());
    }
}
