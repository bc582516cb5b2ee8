package berth.runtime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/** crun, through the generated wrapper where the host's cgroup layout is hybrid. */
class CrunRuntimeTest extends ContainerRuntimeContract {
    @BeforeAll
    static void crunInstalled() {
        assumeTrue(RuntimeBinary.find("crun").isPresent(), "crun not installed");
    }

    @Override String runtimeName() { return "crun"; }
}
