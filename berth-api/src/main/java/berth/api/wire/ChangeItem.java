package berth.api.wire;

import berth.image.FileChange;

/** One item of {@code GET /containers/{id}/changes}: {@code {"Path": "/a", "Kind": 0|1|2}}. */
public record ChangeItem(String path, int kind) {
    public static ChangeItem of(FileChange c) {
        return new ChangeItem(c.path(), c.kind().ordinal());
    }
}
