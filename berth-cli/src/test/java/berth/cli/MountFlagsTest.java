package berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.Json;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --mount} in docker's CSV syntax, and the storage flags of run in the create body. */
class MountFlagsTest {

    @Test
    void bindWithPropagationAndReadonly() {
        assertThat(MountFlags.parse("type=bind,src=/h,dst=/c,readonly,bind-propagation=rshared").toString())
                .isEqualTo("{\"Type\":\"bind\",\"Source\":\"/h\",\"Target\":\"/c\",\"ReadOnly\":true,"
                        + "\"BindOptions\":{\"Propagation\":\"rshared\"}}");
    }

    @Test
    void volumeIsTheDefaultTypeAndCarriesItsOptions() {
        assertThat(MountFlags.parse("source=v,target=/d,volume-nocopy,volume-opt=type=tmpfs,volume-opt=device=tmpfs,"
                + "volume-label=a=b,ro=false").toString())
                .isEqualTo("{\"Type\":\"volume\",\"Source\":\"v\",\"Target\":\"/d\",\"VolumeOptions\":{\"NoCopy\":true,"
                        + "\"DriverConfig\":{\"Options\":{\"type\":\"tmpfs\",\"device\":\"tmpfs\"}},\"Labels\":{\"a\":\"b\"}},"
                        + "\"ReadOnly\":false}");
    }

    @Test
    void tmpfsSizeAndOctalMode() {
        var m = MountFlags.parse("type=tmpfs,destination=/t,tmpfs-size=64m,tmpfs-mode=1770");
        assertThat(m.at("/TmpfsOptions/SizeBytes").asLong()).isEqualTo(64L * 1024 * 1024);
        assertThat(m.at("/TmpfsOptions/Mode").asInt()).isEqualTo(01770);
    }

    @Test
    void badFieldsAreUsageErrors() {
        assertThatThrownBy(() -> MountFlags.parse("type=bind,src=/h")).isInstanceOf(CliException.class)
                .hasMessageStartingWith("invalid argument \"type=bind,src=/h\" for \"--mount\" flag: target is required");
        assertThatThrownBy(() -> MountFlags.parse("dst=/x,color=red")).hasMessageContaining("unexpected key 'color'");
        assertThatThrownBy(() -> MountFlags.parse("dst=/x,src")).hasMessageContaining("invalid field 'src' must be a key=value pair");
        assertThatThrownBy(() -> MountFlags.parse("dst=/x,type=tmpfs,tmpfs-size=lots")).hasMessageContaining("invalid size");
        assertThatThrownBy(() -> MountFlags.parse("dst=/x,readonly=maybe")).hasMessageContaining("invalid value for readonly");
        assertThat(((CliException) catchThrowable(() -> MountFlags.parse("src=x"))).exitCode()).isEqualTo(125);
    }

    private static Throwable catchThrowable(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void runFlagsLandInHostConfig() throws Exception {
        var s = RunOptionsTest.session(new ByteArrayOutputStream(), new ByteArrayOutputStream());
        RunCommand run = new RunCommand(s);
        new CommandLine(run).setStopAtPositional(true).parseArgs("--mount", "type=tmpfs,dst=/m", "--tmpfs", "/run:size=1m",
                "--tmpfs", "/cache", "--volumes-from", "db:ro", "--read-only", "busybox");
        var host = Json.docker().readTree(Json.docker().writeValueAsString(CreateBody.of(run.options.spec(run.detach, s))))
                .get("HostConfig");
        assertThat(host.get("Mounts").toString()).isEqualTo("[{\"Type\":\"tmpfs\",\"Target\":\"/m\"}]");
        assertThat(host.get("Tmpfs").toString()).isEqualTo("{\"/run\":\"size=1m\",\"/cache\":\"\"}");
        assertThat(host.get("VolumesFrom").toString()).isEqualTo("[\"db:ro\"]");
        assertThat(host.get("ReadonlyRootfs").asBoolean()).isTrue();
    }
}
