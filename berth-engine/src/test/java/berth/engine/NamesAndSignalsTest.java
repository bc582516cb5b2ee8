package berth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.BerthException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamesAndSignalsTest {

    @Test
    void acceptsDockerNamesAndStripsTheSlash() {
        assertThat(Names.validate("/web.1_a-b")).isEqualTo("web.1_a-b");
        assertThat(Names.validate("ab")).isEqualTo("ab");
    }

    @Test
    void refusesNamesDockerRefuses() {
        for (String bad : new String[] {"a", "bad!name", "-lead", "_lead", "with space", ""})
            assertThatThrownBy(() -> Names.validate(bad)).isInstanceOf(BerthException.InvalidArgument.class)
                    .hasMessageContaining("Invalid container name");
    }

    @Test
    void generatedNamesAreValidAndAvoidTakenOnes() {
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String n = Names.generate(taken::contains);
            assertThat(n).matches("[a-z]+_[a-z]+\\d?");
            assertThat(taken.add(n)).isTrue();
        }
    }

    @Test
    void parsesSignalsByNameNumberAndPrefix() {
        assertThat(Signals.parse("TERM", 0)).isEqualTo(15);
        assertThat(Signals.parse("SIGKILL", 0)).isEqualTo(9);
        assertThat(Signals.parse("sigusr1", 0)).isEqualTo(10);
        assertThat(Signals.parse("2", 0)).isEqualTo(2);
        assertThat(Signals.parse("RTMIN+3", 0)).isEqualTo(37);
        assertThat(Signals.parse("", 15)).isEqualTo(15);
        assertThatThrownBy(() -> Signals.parse("NOPE", 0)).hasMessage("Invalid signal: NOPE");
        assertThatThrownBy(() -> Signals.parse("99", 0)).hasMessage("Invalid signal: 99");
    }
}
