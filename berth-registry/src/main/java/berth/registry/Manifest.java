package berth.registry;

/**
 * A manifest's bytes as the registry serves them (its digest covers exactly these bytes), its media type
 * (from the document, else the Content-Type) and digest.
 */
public record Manifest(String mediaType, byte[] content, String digest) {
    public Manifest {
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public Descriptor descriptor() {
        return new Descriptor(mediaType, digest, content.length);
    }
}
