package berth.registry;

/** A blob or manifest as a manifest points at it: media type, digest, size in bytes. */
public record Descriptor(String mediaType, String digest, long size) {}
