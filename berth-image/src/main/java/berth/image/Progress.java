package berth.image;

/**
 * Where a pull or push reports what it does, as Docker's JSON progress messages: {@code id} is a layer's
 * short ID, a tag, or empty for lines of the whole image; {@code current}/{@code total} are bytes (negative
 * when the line has no bar). Called from several threads at once: implementations synchronise.
 */
@FunctionalInterface
public interface Progress {
    void emit(Event event);

    /** The end of a push of one tag: Docker sends it as an {@code aux} message after the digest line,
     * and clients (docker-py, the docker CLI's content trust) read the digest from it. */
    default void pushed(PushResult result) {}

    /** What a push of one tag made: the manifest's digest and size in bytes. */
    record PushResult(String tag, String digest, long size) {}

    /** One message. */
    record Event(String id, String status, long current, long total) {
        public static Event of(String id, String status) {
            return new Event(id, status, -1, -1);
        }

        public static Event line(String status) {
            return new Event("", status, -1, -1);
        }

        public boolean hasBar() {
            return current >= 0;
        }
    }
}
