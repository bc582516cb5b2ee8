package berth.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Reads conmon's k8s-file logs: {@code <RFC3339Nano> <stdout|stderr> <F|P> <content>\n}. Content is kept
 * as bytes (a container may print anything but newlines); an F record gets its newline back. Follow mode
 * polls, which costs little next to a client's round trip and needs no thread per follower.
 */
final class K8sFileLogReader implements LogReader {
    private static final Duration POLL = Duration.ofMillis(50);

    @Override
    public void read(Path path, boolean follow, BooleanSupplier running, Predicate<LogEntry> sink) {
        try (var tail = new Tail(path)) {
            while (true) {
                boolean wasRunning = follow && running.getAsBoolean();
                if (!tail.drain(sink)) return;
                if (!wasRunning) return;
                Thread.sleep(POLL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new RuntimeFailure("reading log " + path + ": " + e.getMessage(), e);
        }
    }

    /** Parses one record (without its newline); empty for a line that is not one. */
    static Optional<LogEntry> parse(byte[] line) {
        int s1 = indexOf(line, ' ', 0), s2 = indexOf(line, ' ', s1 + 1), s3 = indexOf(line, ' ', s2 + 1);
        if (s1 < 0 || s2 < 0) return Optional.empty();
        String stream = ascii(line, s1 + 1, s2);
        String tag = s3 < 0 ? ascii(line, s2 + 1, line.length) : ascii(line, s2 + 1, s3);
        byte[] content = s3 < 0 ? new byte[0] : Arrays.copyOfRange(line, s3 + 1, line.length);
        try {
            Instant time = OffsetDateTime.parse(ascii(line, 0, s1)).toInstant();
            var kind = stream.equals("stderr") ? LogEntry.Stream.STDERR : LogEntry.Stream.STDOUT;
            return Optional.of(new LogEntry(kind, time, tag.equals("P") ? content : withNewline(content)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] withNewline(byte[] content) {
        byte[] data = Arrays.copyOf(content, content.length + 1);
        data[content.length] = '\n';
        return data;
    }

    private static int indexOf(byte[] bytes, char c, int from) {
        for (int i = Math.max(from, 0); i < bytes.length; i++) if (bytes[i] == c) return i;
        return -1;
    }

    private static String ascii(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
    }

    /** The file read so far; a record is handed on only once its newline is there. */
    private static final class Tail implements AutoCloseable {
        private final Path path;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private InputStream in;

        Tail(Path path) {
            this.path = path;
        }

        /** Feeds every complete record written so far; false when the sink wants no more. */
        boolean drain(Predicate<LogEntry> sink) throws IOException {
            if (in == null && (in = open()) == null) return true;
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                if (!feed(buffer, n, sink)) return false;
            }
            return true;
        }

        private boolean feed(byte[] buffer, int length, Predicate<LogEntry> sink) {
            int start = 0;
            for (int nl = indexOf(buffer, '\n', 0); nl >= 0 && nl < length; nl = indexOf(buffer, '\n', start)) {
                pending.write(buffer, start, nl - start);
                start = nl + 1;
                Optional<LogEntry> entry = parse(pending.toByteArray());
                pending.reset();
                if (entry.isPresent() && !sink.test(entry.get())) return false;
            }
            pending.write(buffer, start, length - start);
            return true;
        }

        private InputStream open() throws IOException {
            try {
                return Files.newInputStream(path);
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        @Override
        public void close() throws IOException {
            if (in != null) in.close();
        }
    }
}
