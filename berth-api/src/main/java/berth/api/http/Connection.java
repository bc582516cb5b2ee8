package berth.api.http;

/** What a response needs from the connection it answers on. */
interface Connection {

    /** Removes the HTTP codec, sends {@code head} as raw bytes, and routes what the client sends next to
     * the returned stream's stdin. Blocks until done. */
    RawStream hijack(byte[] head);

    /** A response has been sent in full. */
    void responded();
}
