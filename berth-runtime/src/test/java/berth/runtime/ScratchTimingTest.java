package berth.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTimingTest {
    @TempDir Path tmp;

    @Test
    void timing() throws Exception {
        Path rootfs = BusyboxRootfs.create(tmp.resolve("rootfs"));
        var rt = ContainerRuntime.open(new RuntimeConfig(tmp.resolve("exec"), System.getProperty("rt", "runc"), new ShellOs()));
        for (int i = 0; i < 3; i++) {
            String id = "timing" + i;
            var latch = new CountDownLatch(1);
            rt.onExit((cid, code) -> { if (cid.equals(id)) latch.countDown(); });
            var spec = new BundleSpec(id, rootfs, tmp.resolve(id + ".log"), new ProcessSpec(List.of("true"), List.of(), "/", "", false, false, false),
                    id, "", BundleSpec.NetworkMode.NONE, List.of(), false, "/berth-timing", Map.of());
            long t0 = System.nanoTime();
            rt.start(spec);
            long t1 = System.nanoTime();
            latch.await();
            long t2 = System.nanoTime();
            rt.delete(id);
            long t3 = System.nanoTime();
            System.out.printf("start %d ms, exit seen %d ms, delete %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        }
        rt.close();
        for (var c : java.nio.file.Files.list(Path.of("/sys/fs/cgroup")).toList()) java.nio.file.Files.deleteIfExists(c.resolve("berth-timing"));
    }
}
