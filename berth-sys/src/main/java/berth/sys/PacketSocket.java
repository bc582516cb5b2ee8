package berth.sys;

/**
 * A connected {@code SOCK_SEQPACKET} unix socket: each {@link #read} returns one packet, each write sends
 * whole packets. Reads and writes block, so callers keep them on platform threads (a native call pins a
 * virtual thread's carrier). {@link #shutdown} wakes a blocked reader; {@link #close} does too, and waits
 * for the calls in flight before it frees anything.
 */
public interface PacketSocket extends AutoCloseable {

    /** Reads one packet into {@code buf}; returns its length, or -1 at end of stream. */
    int read(byte[] buf);

    /** Sends {@code len} bytes from {@code buf}, as packets of at most {@link #MAX_PACKET} bytes. */
    void write(byte[] buf, int off, int len);

    /** Half-close: the peer reads end of stream, we can still read. */
    void shutdownOutput();

    /** Ends both directions; a thread blocked in {@link #read} returns -1. */
    void shutdown();

    @Override
    void close();

    /** conmon reads at most this much per packet. */
    int MAX_PACKET = 8192;
}
