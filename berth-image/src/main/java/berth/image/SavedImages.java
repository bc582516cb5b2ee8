package berth.image;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Images chosen for {@code docker save}, with their files held open: a deletion after the choice cannot take
 * a layer away from the archive being written. Close it when done (written or not).
 */
public interface SavedImages extends AutoCloseable {

    /** The IDs of the images in the archive, in the order asked. */
    List<String> imageIds();

    /**
     * Writes the archive Docker 25+ writes, readable as both a docker-archive and an OCI layout:
     * {@code blobs/sha256/<hex>} for configs, uncompressed layers (named by diff ID, each once) and OCI
     * manifests; {@code manifest.json}, {@code repositories}, {@code oci-layout}, {@code index.json}.
     */
    void writeTo(OutputStream out) throws IOException;

    @Override
    void close();
}
