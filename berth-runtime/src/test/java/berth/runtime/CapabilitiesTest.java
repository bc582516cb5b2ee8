package berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    @Test
    void defaultSetIsDockersCapEff() {
        assertThat(Long.toHexString(Capabilities.bits(Capabilities.effective(false, List.of(), List.of()))))
                .isEqualTo("a80425fb");
    }

    @Test
    void namesAreNormalizedWithOrWithoutPrefixInAnyCase() {
        assertThat(Capabilities.normalize(List.of("net_admin", "CAP_SYS_TIME", " chown ", "all")))
                .containsExactly("CAP_NET_ADMIN", "CAP_SYS_TIME", "CAP_CHOWN", "ALL");
    }

    @Test
    void unknownCapabilityIsRefusedInDockersWords() {
        assertThatThrownBy(() -> Capabilities.normalize(List.of("foo")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown capability: \"CAP_FOO\"");
    }

    @Test
    void dropThenAdd() {
        List<String> caps = Capabilities.effective(false, List.of("NET_ADMIN"), List.of("chown", "CAP_KILL"));
        assertThat(caps).contains("CAP_NET_ADMIN", "CAP_SETUID").doesNotContain("CAP_CHOWN", "CAP_KILL").hasSize(13);
        assertThat(Long.toHexString(Capabilities.bits(caps))).isEqualTo("a80435da");
    }

    @Test
    void allInDropKeepsOnlyTheAdded() {
        assertThat(Capabilities.effective(false, List.of("chown"), List.of("ALL"))).containsExactly("CAP_CHOWN");
        assertThat(Capabilities.effective(false, List.of(), List.of("all"))).isEmpty();
    }

    @Test
    void allInAddGivesEverythingTheDaemonHoldsButTheDropped() {
        List<String> caps = Capabilities.effective(false, List.of("ALL"), List.of("SYS_ADMIN"));
        assertThat(caps).doesNotContain("CAP_SYS_ADMIN").contains("CAP_NET_ADMIN", "CAP_CHOWN");
        assertThat(caps).hasSize(Capabilities.ALL.size() - 1);
    }

    @Test
    void privilegedGetsAllIgnoringDrops() {
        assertThat(Capabilities.effective(true, List.of(), List.of("ALL"))).isEqualTo(Capabilities.ALL);
        assertThat(Capabilities.ALL).contains("CAP_SYS_ADMIN", "CAP_NET_ADMIN", "CAP_CHOWN");
    }
}
