package berth.tests;

import static berth.tests.Containers.IMAGE;
import static berth.tests.Containers.uniqueName;
import static berth.tests.Containers.waitExit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.PruneType;
import com.github.dockerjava.api.model.TmpfsOptions;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.VolumeOptions;
import com.github.dockerjava.api.model.Volumes;
import com.github.dockerjava.api.model.VolumesFrom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Volumes and mounts with the real runtime: named volumes keep data across container removal, a daemon
 * restart and a kill -9; an image's content is copied into a new volume; anonymous volumes go with
 * {@code rm -v} and AutoRemove; a volume in use cannot be removed; read-only mounts and roots refuse
 * writes; tmpfs, bind-like volumes and --volumes-from work; nothing stays mounted after cleanup.
 */
class VolumesTest {

    /** Runs {@code cmd} in a busybox-based {@code image} with {@code host}; returns the container's ID (kept). */
    private static String runToEnd(DockerClient client, String image, HostConfig host, String... cmd) {
        var id = client.createContainerCmd(image).withName(uniqueName("vol")).withHostConfig(host).withCmd(cmd)
                .exec().getId();
        client.startContainerCmd(id).exec();
        waitExit(client, id);
        return id;
    }

    private static String output(DockerClient client, String id) {
        var frames = Frames.logs(client, id);
        return frames.stdout() + frames.stderr();
    }

    /** Runs, prints, removes (with its anonymous volumes). */
    private static String outputOf(DockerClient client, String image, HostConfig host, String... cmd) {
        var id = runToEnd(client, image, host, cmd);
        var out = output(client, id);
        client.removeContainerCmd(id).withRemoveVolumes(true).exec();
        return out;
    }

    private static HostConfig binds(Bind... binds) {
        return HostConfig.newHostConfig().withBinds(binds);
    }

    private static boolean volumeExists(DockerClient client, String name) {
        try {
            client.inspectVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static boolean awaitVolumeGone(DockerClient client, String name, Duration timeout) {
        var deadline = java.time.Instant.now().plus(timeout);
        while (java.time.Instant.now().isBefore(deadline)) {
            if (!volumeExists(client, name)) return true;
            BerthDaemon.sleep(Duration.ofMillis(50));
        }
        return false;
    }

    private static List<String> mountsUnder(Path dir) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.contains(dir.toString())).toList();
    }

    @Test
    void namedVolumeKeepsDataAcrossRemovalRestartAndKillNine() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var name = uniqueName("keep");
            var created = client.createVolumeCmd().withName(name).withLabels(Map.of("app", "db")).exec();
            assertThat(created.getMountpoint()).isEqualTo(daemon.dataRoot().resolve("volumes/" + name + "/_data").toString());
            var writer = runToEnd(client, IMAGE, binds(new Bind(name, new Volume("/data"))), "sh", "-c", "echo kept > /data/f");
            client.removeContainerCmd(writer).withRemoveVolumes(true).exec();
            assertThat(outputOf(client, IMAGE, binds(new Bind(name, new Volume("/data"))), "cat", "/data/f")).isEqualTo("kept\n");
            var df = RawApi.get(daemon, "/v1.47/system/df?type=volume");
            assertThat(df.has("Images")).isFalse();
            var usage = java.util.stream.StreamSupport.stream(df.path("Volumes").spliterator(), false)
                    .filter(v -> v.path("Name").asText().equals(name)).findFirst().orElseThrow().path("UsageData");
            assertThat(usage.path("Size").asLong()).isEqualTo(5);
            assertThat(usage.path("RefCount").asLong()).isZero();

            daemon.stop();
            daemon.restart();
            client = daemon.client();
            assertThat(client.inspectVolumeCmd(name).exec().getLabels()).containsEntry("app", "db");
            var sleeper = client.createContainerCmd(IMAGE).withHostConfig(binds(new Bind(name, new Volume("/data"))))
                    .withCmd("sh", "-c", "echo more >> /data/f; sleep 300").exec().getId();
            client.startContainerCmd(sleeper).exec();

            daemon.kill9();
            daemon.restart();
            client = daemon.client();
            client.removeContainerCmd(sleeper).withForce(true).withRemoveVolumes(true).exec();
            assertThat(outputOf(client, IMAGE, binds(new Bind(name, new Volume("/data"))), "cat", "/data/f"))
                    .isEqualTo("kept\nmore\n");
            client.removeVolumeCmd(name).exec();
            assertThat(volumeExists(client, name)).isFalse();
            assertThat(daemon.dataRoot().resolve("volumes/" + name)).doesNotExist();
        }
    }

    @Test
    void imageContentIsCopiedIntoANewVolumeOnce() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var maker = runToEnd(client, IMAGE, HostConfig.newHostConfig(), "sh", "-c",
                    "mkdir -p /data/sub && echo from-image > /data/sub/file && ln -s /etc/passwd /data/link"
                            + " && chown 12:34 /data/sub/file && chmod 0751 /data/sub");
            var image = uniqueName("withvol") + ":1";
            client.commitCmd(maker).withRepository(image.split(":")[0]).withTag("1")
                    .withVolumes(new Volumes(new Volume("/data"))).withCmd("sh").exec();
            client.removeContainerCmd(maker).exec();

            var anonymous = runToEnd(client, image, HostConfig.newHostConfig(), "sh", "-c",
                    "cat /data/sub/file; stat -c '%u:%g %a' /data/sub/file /data/sub; readlink /data/link; echo new > /data/new");
            assertThat(output(client, anonymous)).isEqualTo("from-image\n12:34 644\n0:0 751\n/etc/passwd\n");
            var mount = client.inspectContainerCmd(anonymous).exec().getMounts().getFirst();
            assertThat(mount.getDestination().getPath()).isEqualTo("/data");
            assertThat(mount.getDriver()).isEqualTo("local");
            assertThat(mount.getName()).matches("[0-9a-f]{64}");
            var volume = mount.getName();
            var hostFile = daemon.dataRoot().resolve("volumes/" + volume + "/_data/sub/file");
            assertThat(hostFile).hasContent("from-image");
            assertThat(Files.isSymbolicLink(hostFile.resolveSibling("../link").normalize())).isTrue();

            // a second run of the same container sees its own changes: the copy is made once
            client.startContainerCmd(anonymous).exec();
            waitExit(client, anonymous);
            assertThat(daemon.dataRoot().resolve("volumes/" + volume + "/_data/new")).exists();

            var named = uniqueName("cu");
            assertThat(outputOf(client, image, binds(new Bind(named, new Volume("/data"))), "ls", "/data")).isEqualTo("link\nsub\n");
            var nocopy = uniqueName("nocopy");
            var noCopyMount = new Mount().withType(MountType.VOLUME).withSource(nocopy).withTarget("/data")
                    .withVolumeOptions(new VolumeOptions().withNoCopy(true));
            assertThat(outputOf(client, image, HostConfig.newHostConfig().withMounts(List.of(noCopyMount)), "ls", "/data"))
                    .isEmpty();
            client.removeContainerCmd(anonymous).withRemoveVolumes(true).exec();
            assertThat(volumeExists(client, volume)).isFalse();
            client.removeVolumeCmd(named).exec();
            client.removeVolumeCmd(nocopy).exec();
            client.removeImageCmd(image).exec();
        }
    }

    @Test
    void anonymousVolumesGoWithRmVAndAutoRemoveNamedOnesStay() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var named = uniqueName("named");
            var id = client.createContainerCmd(IMAGE).withVolumes(new Volume("/anon"))
                    .withHostConfig(binds(new Bind(named, new Volume("/named")))).withCmd("true").exec().getId();
            var anonymous = client.inspectContainerCmd(id).exec().getMounts().stream()
                    .filter(m -> m.getDestination().getPath().equals("/anon")).findFirst().orElseThrow().getName();
            assertThat(volumeExists(client, anonymous)).isTrue();
            client.removeContainerCmd(id).withRemoveVolumes(true).exec();
            assertThat(volumeExists(client, anonymous)).isFalse();
            assertThat(volumeExists(client, named)).isTrue();

            var auto = client.createContainerCmd(IMAGE).withVolumes(new Volume("/anon"))
                    .withHostConfig(binds(new Bind(named, new Volume("/named"))).withAutoRemove(true))
                    .withCmd("true").exec().getId();
            var autoAnonymous = client.inspectContainerCmd(auto).exec().getMounts().stream()
                    .filter(m -> m.getDestination().getPath().equals("/anon")).findFirst().orElseThrow().getName();
            client.startContainerCmd(auto).exec();
            assertThat(Containers.awaitGone(client, auto, Duration.ofSeconds(30))).isTrue();
            // the volumes go right after the container record (as in Docker), so poll for them
            assertThat(awaitVolumeGone(client, autoAnonymous, Duration.ofSeconds(30))).isTrue();
            assertThat(volumeExists(client, named)).isTrue();

            var kept = client.createContainerCmd(IMAGE).withVolumes(new Volume("/anon")).withCmd("true").exec().getId();
            var keptVolume = client.inspectContainerCmd(kept).exec().getMounts().getFirst().getName();
            client.removeContainerCmd(kept).exec();
            assertThat(volumeExists(client, keptVolume)).as("rm without -v keeps it").isTrue();
            // API 1.41 (this client): prune takes every unused volume, named ones too
            client.pruneCmd(PruneType.VOLUMES).exec();
            assertThat(volumeExists(client, keptVolume)).isFalse();
            assertThat(volumeExists(client, named)).isFalse();

            // a create that fails after making an anonymous volume leaves none behind
            var anonymousFirst = new Mount().withType(MountType.VOLUME).withTarget("/a");
            var badName = new Mount().withType(MountType.VOLUME).withSource("bad/name").withTarget("/b");
            assertThatThrownBy(() -> client.createContainerCmd(IMAGE).withCmd("true").withHostConfig(
                    HostConfig.newHostConfig().withMounts(List.of(anonymousFirst, badName))).exec())
                    .isInstanceOf(BadRequestException.class).hasMessageContaining("includes invalid characters");
            assertThat(client.listVolumesCmd().exec().getVolumes()).isEmpty();
        }
    }

    @Test
    void aVolumeInUseCannotBeRemovedEvenWithForce() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var name = uniqueName("busy");
            var id = client.createContainerCmd(IMAGE).withHostConfig(binds(new Bind(name, new Volume("/d"))))
                    .withCmd("true").exec().getId();
            assertThatThrownBy(() -> client.removeVolumeCmd(name).exec()).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("remove " + name + ": volume is in use - [" + id + "]");
            var forced = daemon.http();
            var request = com.github.dockerjava.transport.DockerHttpClient.Request.builder()
                    .method(com.github.dockerjava.transport.DockerHttpClient.Request.Method.DELETE)
                    .path("/v1.41/volumes/" + name + "?force=1").build();
            try (var response = forced.execute(request)) {
                assertThat(response.getStatusCode()).isEqualTo(409);
            }
            assertThat(client.pruneCmd(PruneType.VOLUMES).exec().getSpaceReclaimed()).isZero();
            assertThat(volumeExists(client, name)).isTrue();
            client.removeContainerCmd(id).exec();
            client.removeVolumeCmd(name).exec();
            assertThatThrownBy(() -> client.inspectVolumeCmd(name).exec()).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("get " + name + ": no such volume");
        }
    }

    @Test
    void readOnlyMountsAndRootRefuseWrites(@TempDir Path host) throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var name = uniqueName("ro");
            var ro = binds(new Bind(name, new Volume("/v"), AccessMode.ro), new Bind(host.toString(), new Volume("/h"), AccessMode.ro));
            assertThat(outputOf(client, IMAGE, ro, "sh", "-c", "touch /v/x; touch /h/x; echo done"))
                    .isEqualTo("done\ntouch: /v/x: Read-only file system\ntouch: /h/x: Read-only file system\n");
            var root = HostConfig.newHostConfig().withReadonlyRootfs(true);
            assertThat(outputOf(client, IMAGE, root, "sh", "-c", "touch /x; grep -q localhost /etc/hosts && cat /etc/hostname >/dev/null && echo ok"))
                    .isEqualTo("ok\ntouch: /x: Read-only file system\n");
            assertThat(host).isEmptyDirectory();
            client.removeVolumeCmd(name).exec();
        }
    }

    @Test
    void tmpfsMountsAndVolumesAreMountedAndNothingStaysMounted() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var tmpVolume = uniqueName("tmpvol");
            client.createVolumeCmd().withName(tmpVolume)
                    .withDriverOpts(Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=2m")).exec();
            var mount = new Mount().withType(MountType.TMPFS).withTarget("/m")
                    .withTmpfsOptions(new TmpfsOptions().withSizeBytes(1024L * 1024));
            var host = binds(new Bind(tmpVolume, new Volume("/tv"))).withMounts(List.of(mount))
                    .withTmpFs(Map.of("/run/t", "size=3m"));
            var id = client.createContainerCmd(IMAGE).withHostConfig(host)
                    .withCmd("sh", "-c", "grep -E ' /(m|tv|run/t) ' /proc/mounts; echo x > /tv/f; sleep 300").exec().getId();
            client.startContainerCmd(id).exec();
            var volumes = daemon.dataRoot().resolve("volumes");
            BerthDaemon.sleep(Duration.ofMillis(500));
            assertThat(mountsUnder(volumes)).as("the tmpfs volume is mounted on the host while used").hasSize(1);
            var out = output(client, id);
            client.removeContainerCmd(id).withForce(true).exec();
            assertThat(out).contains("tmpfs /m tmpfs rw,nosuid,nodev,noexec,relatime,size=1024k")
                    .contains("tmpfs /run/t tmpfs rw,nosuid,nodev,noexec,relatime,size=3072k")
                    .contains("tmpfs /tv tmpfs rw,relatime,size=2048k");
            assertThat(mountsUnder(volumes)).as("unmounted after its last user").isEmpty();
            var inspect = client.inspectContainerCmd(
                    client.createContainerCmd(IMAGE).withHostConfig(host).withCmd("true").exec().getId()).exec();
            assertThat(inspect.getHostConfig().getTmpFs()).containsEntry("/run/t", "size=3m");
            assertThat(inspect.getMounts()).extracting(m -> m.getDestination().getPath()).containsExactlyInAnyOrder("/tv", "/m");
            client.removeContainerCmd(inspect.getId()).exec();
            client.removeVolumeCmd(tmpVolume).exec();
            assertThat(mountsUnder(daemon.dataRoot())).as("only the daemon's own overlay mounts may remain").allMatch(l -> !l.contains("/volumes/"));
        }
    }

    @Test
    void bindLikeVolumeAndVolumesFrom(@TempDir Path hostDir) throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var name = uniqueName("bindlike");
            client.createVolumeCmd().withName(name)
                    .withDriverOpts(Map.of("type", "none", "o", "bind", "device", hostDir.toString())).exec();
            var holder = runToEnd(client, IMAGE, binds(new Bind(name, new Volume("/shared"))), "sh", "-c", "echo via-volume > /shared/f");
            assertThat(hostDir.resolve("f")).hasContent("via-volume");

            var ro = HostConfig.newHostConfig().withVolumesFrom(new VolumesFrom(runToEnd(client, IMAGE, HostConfig.newHostConfig()
                    .withVolumesFrom(new VolumesFrom(holder)), "true"), AccessMode.ro));
            assertThat(outputOf(client, IMAGE, ro, "sh", "-c", "cat /shared/f; touch /shared/g"))
                    .isEqualTo("via-volume\ntouch: /shared/g: Read-only file system\n");
            assertThat(outputOf(client, IMAGE, HostConfig.newHostConfig().withVolumesFrom(new VolumesFrom(holder)),
                    "sh", "-c", "echo more >> /shared/f")).isEmpty();
            assertThat(hostDir.resolve("f")).hasContent("via-volume\nmore");
            assertThatThrownBy(() -> client.createContainerCmd(IMAGE).withHostConfig(HostConfig.newHostConfig()
                    .withVolumesFrom(new VolumesFrom("no-such-container"))).withCmd("true").exec())
                    .isInstanceOf(NotFoundException.class);
            var badBind = new Mount().withType(MountType.BIND).withSource("/no/such/dir").withTarget("/x");
            assertThatThrownBy(() -> client.createContainerCmd(IMAGE).withHostConfig(HostConfig.newHostConfig()
                    .withMounts(List.of(badBind))).withCmd("true").exec()).isInstanceOf(BadRequestException.class)
                    .hasMessageContaining("bind source path does not exist: /no/such/dir");
        }
    }

    @Test
    void volumeEventsCreateMountUnmountDestroy() throws Exception {
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var since = java.time.Instant.now();
            var name = uniqueName("ev");
            var id = runToEnd(client, IMAGE, binds(new Bind(name, new Volume("/d"))), "true");
            client.removeContainerCmd(id).exec();
            client.removeVolumeCmd(name).exec();
            var until = java.time.Instant.now().plusMillis(50);
            BerthDaemon.sleep(Duration.ofMillis(100));
            var collected = client.eventsCmd().withSince(EventsTest.seconds(since)).withUntil(EventsTest.seconds(until))
                    .withEventTypeFilter(com.github.dockerjava.api.model.EventType.VOLUME)
                    .exec(new EventsTest.Collected());
            assertThat(collected.awaitCompletion(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(collected.actions()).containsExactly("create", "mount", "unmount", "destroy");
            var mount = collected.one("mount");
            assertThat(mount.getActor().getId()).isEqualTo(name);
            assertThat(mount.getActor().getAttributes()).containsEntry("container", id).containsEntry("destination", "/d")
                    .containsEntry("driver", "local");
        }
    }

    /** An image whose VOLUME path is a link climbing out of its root: the copy-up resolves it inside the root. */
    @Test
    void copyUpNeverLeavesTheContainersRoot(@TempDir Path hostDir) throws Exception {
        Files.writeString(hostDir.resolve("host-secret"), "secret");
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var maker = runToEnd(client, IMAGE, HostConfig.newHostConfig(), "sh", "-c",
                    "ln -s ../../../../../../../.." + hostDir + " /data && mkdir -p /inroot && echo mine > /inroot/f"
                            + " && ln -s /../../../../../.." + hostDir + " /inroot/abs");
            var repo = uniqueName("escape");
            client.commitCmd(maker).withRepository(repo).withTag("1")
                    .withVolumes(new Volumes(new Volume("/data"), new Volume("/inroot"))).withCmd("sh").exec();
            client.removeContainerCmd(maker).exec();
            var id = runToEnd(client, repo + ":1", HostConfig.newHostConfig(), "true");
            for (var m : client.inspectContainerCmd(id).exec().getMounts()) {
                var data = daemon.dataRoot().resolve("volumes/" + m.getName() + "/_data");
                assertThat(data.resolve("host-secret")).doesNotExist();
                if (m.getDestination().getPath().equals("/inroot")) {
                    assertThat(data.resolve("f")).hasContent("mine");
                    assertThat(Files.isSymbolicLink(data.resolve("abs"))).as("links are copied as links").isTrue();
                } else {
                    assertThat(data).isEmptyDirectory();
                }
            }
            assertThat(hostDir).isDirectoryContaining(p -> p.getFileName().toString().equals("host-secret"));
            client.removeContainerCmd(id).withRemoveVolumes(true).exec();
            client.removeImageCmd(repo + ":1").exec();
        }
    }

    /** {@code -o type=ext4 -o device=/dev/loopN}: mounted with mount(2) at first use, unmounted after the last. */
    @Test
    void deviceVolumeIsMountedWhileUsed(@TempDir Path dir) throws Exception {
        var image = dir.resolve("fs.img");
        Shell.run(List.of("truncate", "-s", "8M", image.toString()));
        Shell.run(List.of("mkfs.ext4", "-q", "-F", image.toString()));
        var loop = Shell.run(List.of("losetup", "-f", "--show", image.toString())).strip();
        try (var daemon = BerthDaemon.start()) {
            var client = daemon.client();
            var name = uniqueName("ext4");
            client.createVolumeCmd().withName(name).withDriverOpts(Map.of("type", "ext4", "device", loop, "o", "noatime")).exec();
            var data = daemon.dataRoot().resolve("volumes/" + name + "/_data");
            var out = outputOf(client, IMAGE, binds(new Bind(name, new Volume("/disk"))),
                    "sh", "-c", "echo on-ext4 > /disk/f; grep ' /disk ' /proc/mounts");
            assertThat(out).startsWith(loop + " /disk ext4 rw,noatime");
            assertThat(mountsUnder(data)).as("unmounted after its last user").isEmpty();
            assertThat(outputOf(client, IMAGE, binds(new Bind(name, new Volume("/disk"))), "cat", "/disk/f"))
                    .isEqualTo("on-ext4\n");
            client.removeVolumeCmd(name).exec();
        } finally {
            Shell.run(List.of("losetup", "-d", loop));
        }
    }
}
