package berth.image;

import berth.common.BerthException;
import berth.registry.Descriptor;
import berth.registry.Manifest;
import berth.registry.MediaTypes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestJsonTest {
    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);
    private static final String C = "sha256:" + "c".repeat(64);
    private static final String D = "sha256:" + "d".repeat(64);

    private static Manifest index() {
        String json = """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
                 {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":1,
                  "platform":{"os":"linux","architecture":"arm","variant":"v7"}},
                 {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":1,
                  "platform":{"os":"linux","architecture":"arm64","variant":"v8"}},
                 {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":1,
                  "platform":{"os":"linux","architecture":"amd64"}},
                 {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":1,
                  "platform":{"os":"unknown","architecture":"unknown"}}]}""".formatted(A, B, C, D);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new Manifest(MediaTypes.OCI_INDEX, bytes, berth.common.Digest.sha256(bytes).toString());
    }

    @Test
    void indexEntryForThisHostOrTheAskedPlatform() {
        assertThat(ManifestJson.select(index(), "").digest()).isEqualTo(Platform.architecture().equals("amd64") ? C : B);
        assertThat(ManifestJson.select(index(), "linux/arm64").digest()).isEqualTo(B);
        assertThat(ManifestJson.select(index(), "linux/arm/v7").digest()).isEqualTo(A);
        assertThatThrownBy(() -> ManifestJson.select(index(), "linux/s390x"))
                .isInstanceOf(BerthException.NotFound.class)
                .hasMessage("no matching manifest for linux/s390x in the manifest list entries");
    }

    @Test
    void pushManifestIsDockerSchema2UnlessALayerIsOciTyped() {
        var config = new Descriptor("", A, 10);
        var docker = ManifestJson.forPush(config, List.of(new Descriptor(MediaTypes.DOCKER_LAYER_GZIP, B, 20)));
        assertThat(docker.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(new String(docker.content(), StandardCharsets.UTF_8)).contains(MediaTypes.DOCKER_CONFIG);
        var image = ManifestJson.image(docker);
        assertThat(image.config().digest()).isEqualTo(A);
        assertThat(image.layers()).containsExactly(new Descriptor(MediaTypes.DOCKER_LAYER_GZIP, B, 20));

        var oci = ManifestJson.forPush(config, List.of(new Descriptor(MediaTypes.DOCKER_LAYER_GZIP, B, 20),
                new Descriptor(MediaTypes.OCI_LAYER_ZSTD, C, 30)));
        assertThat(oci.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(new String(oci.content(), StandardCharsets.UTF_8)).contains(MediaTypes.OCI_CONFIG, MediaTypes.OCI_LAYER_ZSTD)
                .contains(MediaTypes.OCI_LAYER_GZIP).doesNotContain("vnd.docker");
        assertThat(oci.digest()).isEqualTo(berth.common.Digest.sha256(oci.content()).toString());
    }

    @Test
    void schemaOneIsRefusedWithDockersNotice() {
        byte[] v1 = "{\"schemaVersion\":1,\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ManifestJson.image(new Manifest("application/json", v1, berth.common.Digest.sha256(v1).toString())))
                .hasMessageStartingWith("[DEPRECATION NOTICE] Docker Image Format v1");
    }
}
