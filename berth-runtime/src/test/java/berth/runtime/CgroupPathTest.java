package berth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import berth.runtime.cgroup.CgroupReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stats and top find a container's cgroup by the same rule the OCI spec gives it to the runtime. */
class CgroupPathTest {

    @Test
    void readersUseTheSpecsCgroupPath() {
        for (String parent : List.of("", "/berth", "berth-it-1", "/a/b/", "/x")) {
            var spec = new BundleSpec("c0ffee", Path.of("/r"), Path.of("/l"),
                    new ProcessSpec(List.of("sh"), List.of(), "/", "", false, false, false, false), "h", "",
                    BundleSpec.NetworkMode.NONE, List.of(), false, parent, Map.of());
            assertThat(CgroupReader.containerPath(parent, "c0ffee")).isEqualTo(OciSpecWriter.cgroupsPath(spec));
        }
    }
}
