package berth.store;

import berth.common.BerthException;
import berth.common.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentStoreTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
    private Path root;
    private ContentStore store;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createTempDirectory("berth-cs");
        store = ContentStore.open(root);
    }

    @AfterEach
    void tearDown() throws IOException {
        TempDir.delete(root);
    }

    @Test
    void ingestStoresByDigest() throws IOException {
        Digest d = store.ingest(new ByteArrayInputStream(HELLO));
        assertThat(d).isEqualTo(Digest.sha256(HELLO));
        assertThat(root.resolve("blobs/sha256/" + d.hex())).hasBinaryContent(HELLO);
        assertThat(store.exists(d)).isTrue();
        assertThat(store.size(d)).isEqualTo(5);
        try (var in = store.open(d)) {
            assertThat(in.readAllBytes()).isEqualTo(HELLO);
        }
    }

    @Test
    void digestMismatchIsRefusedAndNothingIsStored() throws IOException {
        Digest wrong = Digest.sha256("other".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.ingest(new ByteArrayInputStream(HELLO), Optional.of(wrong)))
                .isInstanceOf(BerthException.InvalidArgument.class)
                .hasMessageContaining("digest mismatch");
        try (var files = Files.list(root.resolve("blobs/sha256"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void expectedDigestAccepted() {
        assertThat(store.ingest(new ByteArrayInputStream(HELLO), Optional.of(Digest.sha256(HELLO))))
                .isEqualTo(Digest.sha256(HELLO));
    }

    @Test
    void ingestTwiceKeepsOneBlob() throws IOException {
        store.ingest(HELLO);
        store.ingest(HELLO);
        try (var files = Files.list(root.resolve("blobs/sha256"))) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void deleteAndMissing() {
        Digest d = store.ingest(HELLO);
        assertThat(store.delete(d)).isTrue();
        assertThat(store.exists(d)).isFalse();
        assertThatThrownBy(() -> store.open(d)).isInstanceOf(BerthException.NotFound.class);
        assertThatThrownBy(() -> store.size(d)).isInstanceOf(BerthException.NotFound.class);
    }

    @Test
    void openRemovesLeftoverTemps() throws IOException {
        Path leftover = Files.createFile(root.resolve("blobs/sha256/" + AtomicFiles.TEMP_PREFIX + "crash"));
        ContentStore.open(root);
        assertThat(leftover).doesNotExist();
    }
}
