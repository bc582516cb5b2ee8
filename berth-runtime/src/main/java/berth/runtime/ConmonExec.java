package berth.runtime;

import berth.sys.Os;
import berth.sys.OsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** An exec run by its own conmon in {@code dir}: the exit code comes as conmon's second sync reply. */
final class ConmonExec implements ExecProcess {
    private static final int SIGKILL = 9;
    private final int pid;
    private final AttachStream stream;
    private final SyncReplies replies;
    private final Path dir;
    private final Os os;

    ConmonExec(int pid, AttachStream stream, SyncReplies replies, Path dir, Os os) {
        this.pid = pid;
        this.stream = stream;
        this.replies = replies;
        this.dir = dir;
        this.os = os;
    }

    @Override
    public AttachStream stream() {
        return stream;
    }

    @Override
    public int pid() {
        return pid;
    }

    /** The reply is {"data": code}; conmon reports a death by signal N as 128+N. The exec's files go. */
    @Override
    public int waitFor() throws InterruptedException {
        int code = replies.exit().map(Conmon::parse).map(n -> n.path("data").asInt(-1)).orElse(-1);
        deleteTree(dir);
        return code < 0 ? 137 : code;
    }

    @Override
    public void resize(int height, int width) {
        os.writeFifo(dir.resolve("ctl"), ("1 " + height + " " + width + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void kill() {
        try {
            os.kill(pid, SIGKILL);
        } catch (OsException e) {
            // already gone
        }
    }

    static void deleteTree(Path dir) {
        try {
            berth.common.FileTrees.delete(dir);
        } catch (IOException e) {
            // a leftover goes with the container's bundle
        }
    }
}
