package berth.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.BerthException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryTest {

    private static Query of(String name, String value) {
        return new Query(Map.of(name, List.of(value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "True", "TRUE", "yes", "anything"})
    void trueForms(String value) {
        assertThat(of("all", value).bool("all")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "false", "False", "no", "none", " 0 "})
    void falseForms(String value) {
        assertThat(of("all", value).bool("all")).isFalse();
    }

    @Test
    void absentBoolsUseTheDefault() {
        assertThat(Query.empty().bool("all")).isFalse();
        assertThat(Query.empty().bool("stdout", true)).isTrue();
        assertThat(of("stdout", "").bool("stdout", true)).isTrue();
        assertThat(of("stdout", "0").bool("stdout", true)).isFalse();
    }

    @Test
    void integers() {
        assertThat(of("t", "5").integer("t")).hasValue(5);
        assertThat(Query.empty().integer("t")).isEmpty();
        assertThatThrownBy(() -> of("t", "x").integer("t")).isInstanceOf(BerthException.InvalidArgument.class);
    }

    @Test
    void filtersAsLists() {
        var f = of("filters", "{\"status\":[\"running\",\"paused\"],\"label\":[\"a=b\"]}").filters();
        assertThat(f).containsEntry("status", List.of("running", "paused")).containsEntry("label", List.of("a=b"));
    }

    @Test
    void filtersInTheOldMapForm() {
        var f = of("filters", "{\"status\":{\"running\":true,\"exited\":false}}").filters();
        assertThat(f).containsEntry("status", List.of("running"));
    }

    @Test
    void emptyAndBadFilters() {
        assertThat(Query.empty().filters()).isEmpty();
        assertThat(of("filters", "").filters()).isEmpty();
        assertThatThrownBy(() -> of("filters", "{nope").filters()).isInstanceOf(BerthException.InvalidArgument.class);
    }

    @Test
    void repeatedParameters() {
        var q = new Query(Map.of("changes", List.of("CMD [\"sh\"]", "ENV A=1")));
        assertThat(q.all("changes")).hasSize(2);
        assertThat(q.string("changes")).hasValue("ENV A=1");
    }
}
