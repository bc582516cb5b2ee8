package berth.tests;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The multiplexed frames of a logs or exec stream, with their stream type kept. */
final class Frames extends ResultCallback.Adapter<Frame> {

    private final List<Frame> frames = new ArrayList<>();

    @Override
    public synchronized void onNext(Frame frame) {
        frames.add(frame);
    }

    synchronized String stdout() {
        return text(StreamType.STDOUT);
    }

    synchronized String stderr() {
        return text(StreamType.STDERR);
    }

    /** Every frame's payload in order, whatever its stream (a TTY gives one RAW stream). */
    synchronized String all() {
        var out = new StringBuilder();
        frames.forEach(f -> out.append(new String(f.getPayload(), StandardCharsets.UTF_8)));
        return out.toString();
    }

    synchronized List<StreamType> types() {
        return frames.stream().map(Frame::getStreamType).distinct().toList();
    }

    private String text(StreamType type) {
        var out = new StringBuilder();
        frames.stream().filter(f -> f.getStreamType() == type)
                .forEach(f -> out.append(new String(f.getPayload(), StandardCharsets.UTF_8)));
        return out.toString();
    }

    Frames await() {
        try {
            if (!awaitCompletion(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("stream did not end within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** All of a container's logs, both streams, optionally only the last {@code tail} lines. */
    static Frames logs(DockerClient client, String id, int tail, boolean timestamps) {
        var cmd = client.logContainerCmd(id).withStdOut(true).withStdErr(true).withTimestamps(timestamps);
        cmd = tail < 0 ? cmd.withTailAll() : cmd.withTail(tail);
        return cmd.exec(new Frames()).await();
    }

    static Frames logs(DockerClient client, String id) {
        return logs(client, id, -1, false);
    }
}
