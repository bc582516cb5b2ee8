package berth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.BerthException;
import berth.engine.model.ContainerMount;
import berth.engine.model.ContainerMount.Kind;
import berth.engine.model.HostConfig;
import berth.engine.model.Mount;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -v}, {@code --mount}, {@code --tmpfs}, {@code --volumes-from} and image VOLUMEs, with Docker's errors. */
class MountParsingTest {

    @Test
    void bindForms() {
        ContainerMount m = Binds.parse("/host/dir/:/data");
        assertThat(m.kind()).isEqualTo(Kind.BIND);
        assertThat(m.source()).isEqualTo("/host/dir");
        assertThat(m.destination()).isEqualTo("/data");
        assertThat(m.rw()).isTrue();
        assertThat(m.propagation()).isEqualTo("rprivate");
        assertThat(Binds.parse("/h:/d:ro").rw()).isFalse();
        assertThat(Binds.parse("/h:/d:rw,Z").rw()).isTrue();
        assertThat(Binds.parse("/h:/d:ro,z").rw()).isFalse();
        assertThat(Binds.parse("/h:/d:rshared").propagation()).isEqualTo("rshared");
    }

    @Test
    void volumeForms() {
        ContainerMount named = Binds.parse("data:/var/lib/db:ro");
        assertThat(named.kind()).isEqualTo(Kind.VOLUME);
        assertThat(named.name()).isEqualTo("data");
        assertThat(named.rw()).isFalse();
        assertThat(named.copyUp()).isTrue();
        assertThat(named.mode()).isEqualTo("ro");
        assertThat(Binds.parse("data:/d").mode()).isEqualTo("z");
        assertThat(Binds.parse("data:/d:nocopy").copyUp()).isFalse();
        ContainerMount anonymous = Binds.parse("/only/here");
        assertThat(anonymous.kind()).isEqualTo(Kind.VOLUME);
        assertThat(anonymous.name()).isEmpty();
        assertThat(anonymous.destination()).isEqualTo("/only/here");
    }

    @Test
    void badBindsAreRefusedWithDockersMessages() {
        assertThatThrownBy(() -> Binds.parse("a:b:c:d")).isInstanceOf(BerthException.InvalidArgument.class)
                .hasMessage("invalid volume specification: 'a:b:c:d'");
        assertThatThrownBy(() -> Binds.parse("data:rel")).hasMessage("invalid volume specification: 'data:rel': "
                + "invalid mount config for type \"volume\": invalid mount path: 'rel' mount path must be absolute");
        assertThatThrownBy(() -> Binds.parse("/h:/d:bogus")).hasMessage("invalid mode: bogus");
        assertThatThrownBy(() -> Binds.parse("/h:/d:ro,rw")).hasMessage("invalid mode: ro,rw");
        assertThatThrownBy(() -> Binds.parse("/h:/d:nocopy")).hasMessage("invalid mode: nocopy");
        assertThatThrownBy(() -> Binds.parse("data:/d:rshared")).hasMessage("invalid mode: rshared");
        assertThatThrownBy(() -> Binds.parse("/h:/")).hasMessage("invalid specification: destination can't be '/'");
        assertThatThrownBy(() -> Binds.parse(":/d")).hasMessage("invalid volume specification: ':/d'");
    }

    private static Mount mount(String type, String source, String target) {
        return new Mount(type, source, target, false, "", null, null, null);
    }

    @Test
    void mountForms(@TempDir Path dir) {
        var bind = MountRequests.parse(new Mount("bind", dir.toString(), "/x", true, "",
                new Mount.BindOptions("rslave", false, false), null, null)).mount();
        assertThat(bind.kind()).isEqualTo(Kind.BIND);
        assertThat(bind.rw()).isFalse();
        assertThat(bind.propagation()).isEqualTo("rslave");
        assertThat(bind.mode()).isEmpty();

        var volume = MountRequests.parse(new Mount("volume", "v1", "/v", false, "", null,
                new Mount.VolumeOptions(true, Map.of("l", "1"), new Mount.DriverConfig("local", Map.of("type", "tmpfs"))), null));
        assertThat(volume.mount().name()).isEqualTo("v1");
        assertThat(volume.mount().copyUp()).isFalse();
        assertThat(volume.labels()).containsEntry("l", "1");
        assertThat(volume.driverOptions()).containsEntry("type", "tmpfs");

        var tmpfs = MountRequests.parse(new Mount("tmpfs", "", "/t", false, "", null, null,
                new Mount.TmpfsOptions(1048576, 01770))).mount();
        assertThat(tmpfs.kind()).isEqualTo(Kind.TMPFS);
        assertThat(tmpfs.tmpfsOptions()).isEqualTo("nosuid,nodev,noexec,size=1048576,mode=1770");
        assertThat(tmpfs.listed()).isTrue();
    }

    @Test
    void badMountsAreRefusedWithDockersMessages() {
        assertThatThrownBy(() -> MountRequests.parse(mount("bind", "/does/not/exist", "/x")))
                .isInstanceOf(BerthException.InvalidArgument.class)
                .hasMessage("invalid mount config for type \"bind\": bind source path does not exist: /does/not/exist");
        assertThatThrownBy(() -> MountRequests.parse(mount("bind", "", "/x")))
                .hasMessage("invalid mount config for type \"bind\": field Source must not be empty");
        assertThatThrownBy(() -> MountRequests.parse(mount("volume", "v", "")))
                .hasMessage("invalid mount config for type \"volume\": field Target must not be empty");
        assertThatThrownBy(() -> MountRequests.parse(mount("tmpfs", "src", "/t")))
                .hasMessage("invalid mount config for type \"tmpfs\": field Source must not be specified");
        assertThatThrownBy(() -> MountRequests.parse(mount("nfs", "", "/t")))
                .hasMessage("invalid mount config for type \"nfs\": mount type unknown");
        assertThatThrownBy(() -> MountRequests.parse(mount("volume", "v", "rel")))
                .hasMessage("invalid mount config for type \"volume\": invalid mount path: 'rel' mount path must be absolute");
        assertThatThrownBy(() -> MountRequests.parse(new Mount("volume", "v", "/x", false, "",
                new Mount.BindOptions("rshared", false, false), null, null)))
                .hasMessage("invalid mount config for type \"volume\": field BindOptions must not be specified");
    }

    @Test
    void tmpfsFlagKeepsDockersDefaultsUnlessTurnedOff() {
        assertThat(MountRequests.tmpfs("/run", "").mount().tmpfsOptions()).isEqualTo("nosuid,nodev,noexec");
        var exec = MountRequests.tmpfs("/run", "exec,size=64m").mount();
        assertThat(exec.tmpfsOptions()).isEqualTo("nosuid,nodev,size=64m");
        assertThat(exec.listed()).isFalse();
        assertThat(MountRequests.tmpfs("/run", "ro").mount().rw()).isFalse();
    }

    private static HostConfig host(List<String> binds, List<Mount> mounts, Map<String, String> tmpfs, List<String> from) {
        HostConfig d = HostConfig.defaults();
        return new HostConfig(binds, d.networkMode(), false, d.restartPolicy(), false, false, Map.of(), List.of(),
                List.of(), d.logConfig(), List.of(), List.of(), false, mounts, tmpfs, from,
                0, 0, 0, null, 0, 0, 0, 0, "", "", null, 0, List.of(), 0, null, null,
                List.of(), List.of(), List.of(), List.of(), List.of(), "", 0);
    }

    @Test
    void imageVolumesGetAnonymousVolumesUnlessAMountCoversThem() {
        var plan = MountPlanner.plan(host(List.of("named:/data"), List.of(), Map.of(), List.of()),
                Set.of("/data", "/cache/"), ref -> { throw new AssertionError(); });
        assertThat(plan).hasSize(2);
        assertThat(plan.get(0).mount().name()).isEqualTo("named");
        assertThat(plan.get(1).mount().name()).isEmpty();
        assertThat(plan.get(1).mount().destination()).isEqualTo("/cache");
    }

    @Test
    void aPathMountedTwiceIsADuplicate() {
        var tmpfs = new LinkedHashMap<String, String>();
        tmpfs.put("/data", "");
        assertThatThrownBy(() -> MountPlanner.plan(host(List.of("v:/data"), List.of(), tmpfs, List.of()), Set.of(),
                ref -> null)).hasMessage("Duplicate mount point: /data");
        assertThatThrownBy(() -> MountPlanner.plan(host(List.of("v:/data", "/h:/data/"), List.of(), Map.of(), List.of()),
                Set.of(), ref -> null)).hasMessage("Duplicate mount point: /data");
    }

    @Test
    void volumesFromCopiesBindsAndVolumesWithTheModeGiven() {
        Container source = ContainerFactoryTest.container().withMounts(List.of(
                ContainerMount.volume("v1", "/data", "z", true, true).withVolume("v1", "/root/v1/_data"),
                ContainerMount.bind("/h", "/h", "", true, "rprivate"),
                ContainerMount.tmpfs("/t", "nosuid", true, true)));
        var plan = MountPlanner.plan(host(List.of("/other:/h"), List.of(), Map.of(), List.of("src:ro")), Set.of(),
                ref -> { assertThat(ref).isEqualTo("src"); return source; });
        assertThat(plan).extracting(w -> w.mount().destination()).containsExactly("/data", "/h");
        assertThat(plan.get(0).mount().rw()).isFalse();
        assertThat(plan.get(0).mount().name()).isEqualTo("v1");
        assertThat(plan.get(1).mount().source()).as("a bind of the new container wins").isEqualTo("/other");
        assertThatThrownBy(() -> MountPlanner.plan(host(List.of(), List.of(), Map.of(), List.of("src:xx")), Set.of(),
                ref -> source)).isInstanceOf(BerthException.InvalidArgument.class);
    }
}
