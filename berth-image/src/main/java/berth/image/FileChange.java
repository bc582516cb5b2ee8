package berth.image;

/** One line of {@code docker diff}: a path in the container and how it differs from the image. */
public record FileChange(String path, Kind kind) {
    /** In Docker's order: the wire value is the ordinal (0 modified, 1 added, 2 deleted). */
    public enum Kind {
        MODIFIED("C"), ADDED("A"), DELETED("D");

        private final String letter;

        Kind(String letter) {
            this.letter = letter;
        }

        /** The letter {@code docker diff} prints. */
        public String letter() {
            return letter;
        }
    }
}
