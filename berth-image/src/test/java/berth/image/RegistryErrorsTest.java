package berth.image;

import berth.common.BerthException;
import berth.registry.ImageReference;
import berth.registry.RegistryException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryErrorsTest {

    private static RegistryException error(int status, String code, String detail) {
        return new RegistryException(status, code, detail, null);
    }

    @Test
    void dockerHubDenialsAreNotFoundWithDockersMessage() {
        var e = RegistryErrors.pull(error(401, "UNAUTHORIZED", "authentication required"), ImageReference.parse("nosuch"), "");
        assertThat(e).isInstanceOf(BerthException.NotFound.class).hasMessage("pull access denied for nosuch, repository does not exist "
                + "or may require 'docker login': denied: requested access to the resource is denied");
        var tag = RegistryErrors.pull(error(404, "MANIFEST_UNKNOWN", "manifest unknown"), ImageReference.parse("busybox:nope"), "");
        assertThat(tag).isInstanceOf(BerthException.NotFound.class).hasMessage("manifest for busybox:nope not found: manifest unknown: manifest unknown");
    }

    @Test
    void otherRegistriesNameTheRequest() {
        var repo = RegistryErrors.pull(error(404, "NAME_UNKNOWN", "repository name not known to registry"),
                ImageReference.parse("localhost:5000/x:1"), "");
        assertThat(repo).isInstanceOf(BerthException.NotFound.class)
                .hasMessage("repository localhost:5000/x not found: name unknown: repository name not known to registry");
        var auth = RegistryErrors.pull(error(401, "UNAUTHORIZED", "authentication required"), ImageReference.parse("localhost:5000/x:1"),
                "http://localhost:5000/v2/x/manifests/1");
        assertThat(auth).isInstanceOf(BerthException.SystemFault.class)
                .hasMessage("Get \"http://localhost:5000/v2/x/manifests/1\": unauthorized: authentication required");
    }
}
