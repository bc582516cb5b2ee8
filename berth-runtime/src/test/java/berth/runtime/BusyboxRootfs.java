package berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A minimal root filesystem: static busybox with its applets as symlinks, and a passwd/group. */
final class BusyboxRootfs {
    private static final Path BUSYBOX = Path.of("/usr/bin/busybox");

    private BusyboxRootfs() {}

    static Path create(Path dir) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(BUSYBOX, bin.resolve("busybox"));
        for (String applet : applets()) {
            Path link = bin.resolve(applet);
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(link, Path.of("busybox"));
        }
        for (String d : List.of("proc", "sys", "dev", "etc", "tmp", "root", "home/alice")) Files.createDirectories(dir.resolve(d));
        Files.writeString(dir.resolve("etc/passwd"), """
                root:x:0:0:root:/root:/bin/sh
                alice:x:1001:1002:Alice:/home/alice:/bin/sh
                """);
        Files.writeString(dir.resolve("etc/group"), """
                root:x:0:
                alice:x:1002:
                audio:x:29:alice
                video:x:44:bob,alice
                """);
        return dir;
    }

    private static List<String> applets() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(BUSYBOX.toString(), "--list").start();
        List<String> names = new String(p.getInputStream().readAllBytes()).lines().filter(s -> !s.isBlank()).toList();
        p.waitFor();
        return names;
    }
}
