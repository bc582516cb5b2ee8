package berth.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.BerthException;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

class RouterTest {

    private final Handler noop = (req, res) -> {};
    private final Router router = Router.builder()
            .get("/containers/json", noop)
            .get("/containers/{id}/json", noop)
            .get("/images/json", noop)
            .get("/images/{name...}/json", noop)
            .delete("/images/{name...}", noop)
            .build();

    @Test
    void unversionedPathsGetTheNewestVersion() {
        var m = router.route(HttpMethod.GET, "/containers/json");
        assertThat(m.route().pattern()).isEqualTo("/containers/json");
        assertThat(m.version()).isEqualTo(ApiVersion.MAX);
    }

    @Test
    void versionedPathsKeepTheirVersion() {
        var m = router.route(HttpMethod.GET, "/v1.24/containers/abc/json");
        assertThat(m.version()).isEqualTo(new ApiVersion(1, 24));
        assertThat(m.params()).containsEntry("id", "abc");
    }

    @Test
    void imageNamesSpanSegments() {
        var m = router.route(HttpMethod.GET, "/v1.47/images/localhost:5000/team/app:1/json");
        assertThat(m.params()).containsEntry("name", "localhost:5000/team/app:1");
        assertThat(router.route(HttpMethod.DELETE, "/images/team/app").params()).containsEntry("name", "team/app");
        assertThat(router.route(HttpMethod.GET, "/images/json").route().pattern()).isEqualTo("/images/json");
    }

    @Test
    void unknownPathsAndMethodsAreNotFound() {
        assertThatThrownBy(() -> router.route(HttpMethod.GET, "/nope"))
                .isInstanceOf(BerthException.NotFound.class).hasMessage("page not found");
        assertThatThrownBy(() -> router.route(HttpMethod.POST, "/containers/json"))
                .isInstanceOf(BerthException.NotFound.class);
    }

    @Test
    void versionsOutsideTheRangeAreRefused() {
        assertThatThrownBy(() -> router.route(HttpMethod.GET, "/v1.50/containers/json"))
                .isInstanceOf(BerthException.InvalidArgument.class)
                .hasMessage("client version 1.50 is too new. Maximum supported API version is 1.47");
        assertThatThrownBy(() -> router.route(HttpMethod.GET, "/v1.12/containers/json"))
                .isInstanceOf(BerthException.InvalidArgument.class)
                .hasMessageStartingWith("client version 1.12 is too old. Minimum supported API version is 1.24");
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(ApiVersion.parse("1.9")).isLessThan(ApiVersion.parse("1.10"));
        assertThat(ApiVersion.parse("1.44").atLeast(1, 44)).isTrue();
        assertThat(ApiVersion.parse("1.43").atLeast(1, 44)).isFalse();
    }
}
