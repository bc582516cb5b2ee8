package berth.api.wire;

import berth.engine.Engine;

/** {@code POST /containers/{id}/wait}: Error is null unless the wait itself went wrong. */
public record WaitResponse(long statusCode, WaitError error) {

    public record WaitError(String message) {}

    public static WaitResponse of(Engine.WaitResult result) {
        return new WaitResponse(result.statusCode(),
                result.error() == null || result.error().isEmpty() ? null : new WaitError(result.error()));
    }
}
