package berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A NETLINK_ROUTE socket. It works on the network namespace it was created in, whichever thread uses it
 * later, so a socket made once inside a container's namespace configures that namespace from anywhere.
 * Each request is answered before the next is sent; not thread-safe.
 */
@SuppressWarnings("restricted")
final class Netlink implements AutoCloseable {
    private static final MethodHandle SOCKET = LinuxOs.call("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle SENDTO = LinuxOs.call("sendto", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT,
            ADDRESS, JAVA_INT);
    private static final MethodHandle RECV = LinuxOs.call("recv", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle CLOSE = LinuxOs.call("close", JAVA_INT, JAVA_INT);
    private static final int AF_NETLINK = 16, SOCK_RAW = 3, SOCK_CLOEXEC = 02000000, NETLINK_ROUTE = 0;
    private static final int EINTR = 4, BUFFER = 64 * 1024;
    private final int fd;
    private int seq;

    private Netlink(int fd) {
        this.fd = fd;
    }

    /** A socket on the calling thread's current network namespace. */
    static Netlink open() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LinuxOs.ERRNO_STATE);
            int fd = (int) LinuxOs.invoke(SOCKET, errno, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
            LinuxOs.check(fd, errno, "socket", "AF_NETLINK NETLINK_ROUTE");
            return new Netlink(fd);
        }
    }

    /** Sends a request that wants an acknowledgement; a negative one throws with its errno. */
    void call(NlMessage message, String what) {
        for (ByteBuffer reply : exchange(message)) {
            if (type(reply) == NlMessage.NLMSG_ERROR) {
                int error = reply.getInt(NlMessage.HEADER);
                if (error != 0) throw new OsException("netlink", what, -error, LinuxOs.strerror(-error));
                return;
            }
        }
    }

    /** Sends a get request and returns the reply messages (several for a dump); an error reply throws. */
    List<ByteBuffer> get(NlMessage message, String what) {
        List<ByteBuffer> replies = new ArrayList<>();
        for (ByteBuffer reply : exchange(message)) {
            if (type(reply) == NlMessage.NLMSG_ERROR) {
                int error = reply.getInt(NlMessage.HEADER);
                if (error != 0) throw new OsException("netlink", what, -error, LinuxOs.strerror(-error));
            } else {
                replies.add(reply);
            }
        }
        return replies;
    }

    static int type(ByteBuffer msg) {
        return Short.toUnsignedInt(msg.getShort(4));
    }

    /** Sends one message and reads until its answer is complete: an error/ack, or DONE ending a dump. */
    private List<ByteBuffer> exchange(NlMessage message) {
        int mySeq = ++seq;
        byte[] request = message.bytes(mySeq);
        boolean dump = (Short.toUnsignedInt(ByteBuffer.wrap(request).order(ByteOrder.nativeOrder()).getShort(6))
                & NlMessage.NLM_F_DUMP) == NlMessage.NLM_F_DUMP;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LinuxOs.ERRNO_STATE);
            MemorySegment out = arena.allocate(request.length);
            out.copyFrom(MemorySegment.ofArray(request));
            MemorySegment kernel = arena.allocate(12); // struct sockaddr_nl, pid 0: the kernel
            kernel.set(ValueLayout.JAVA_SHORT, 0, (short) AF_NETLINK);
            long sent = (long) LinuxOs.invoke(SENDTO, errno, fd, out, (long) request.length, 0, kernel, 12);
            LinuxOs.check(sent, errno, "sendto", "netlink");
            MemorySegment in = arena.allocate(BUFFER);
            List<ByteBuffer> replies = new ArrayList<>();
            while (true) {
                long n = (long) LinuxOs.invoke(RECV, errno, fd, in, (long) BUFFER, 0);
                if (n < 0 && LinuxOs.errnoOf(errno) == EINTR) continue;
                LinuxOs.check(n, errno, "recv", "netlink");
                ByteBuffer chunk = ByteBuffer.wrap(in.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE))
                        .order(ByteOrder.nativeOrder());
                for (int pos = 0; pos + NlMessage.HEADER <= n; ) {
                    int len = chunk.getInt(pos);
                    if (len < NlMessage.HEADER) break;
                    ByteBuffer msg = chunk.slice(pos, len).order(ByteOrder.nativeOrder());
                    pos += (len + 3) & ~3;
                    if (msg.getInt(8) != mySeq) continue; // a late answer to an earlier request
                    int type = type(msg);
                    if (type == NlMessage.NLMSG_DONE) return replies;
                    replies.add(msg);
                    if (type == NlMessage.NLMSG_ERROR || !dump) return replies;
                }
            }
        }
    }

    @Override
    public void close() {
        try (Arena arena = Arena.ofConfined()) {
            LinuxOs.invoke(CLOSE, arena.allocate(LinuxOs.ERRNO_STATE), fd);
        }
    }
}
