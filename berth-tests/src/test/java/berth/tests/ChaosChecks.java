package berth.tests;

import berth.tests.ChaosLedger.Entry;
import berth.tests.ChaosLedger.Kind;
import berth.tests.ChaosLedger.State;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What must hold after the chaos, through the API: everything listed can be inspected and has what it stands
 * on (a container its image and writable layer, an image its layer directories, a volume its directory), the
 * lists agree with inspect, everything the clients were told exists is there and works, and nothing confirmed
 * gone came back.
 */
final class ChaosChecks {
    /** Every problem found, one line each, by category (lost, resurrected, half-made, broken). */
    final Map<String, List<String>> problems = new java.util.LinkedHashMap<>();
    private final BerthDaemon daemon;
    private final DockerClient client;

    ChaosChecks(BerthDaemon daemon) {
        this.daemon = daemon;
        this.client = daemon.client();
    }

    void problem(String category, String what) {
        problems.computeIfAbsent(category, k -> new ArrayList<>()).add(what);
    }

    int count(String category) {
        return problems.getOrDefault(category, List.of()).size();
    }

    /** Nothing half-made is visible: each listed object inspects and has its parts on disk. */
    void listedObjectsAreWhole() {
        for (Container c : client.listContainersCmd().withShowAll(true).exec()) {
            guard("half-made", "container " + c.getId(), () -> {
                var inspect = client.inspectContainerCmd(c.getId()).exec();
                client.inspectImageCmd(inspect.getImageId()).exec();
                var upper = daemon.dataRoot().resolve("overlay").resolve(c.getId()).resolve("diff");
                if (!Files.isDirectory(upper)) problem("half-made", "container " + c.getId() + " without its writable layer");
            });
        }
        for (Image i : client.listImagesCmd().withShowAll(true).exec()) {
            guard("half-made", "image " + i.getId(), () -> {
                for (String dir : layerDirs(daemon, i.getId())) {
                    if (!Files.isDirectory(Path.of(dir))) problem("half-made", "image " + i.getId() + " without its layer " + dir);
                }
            });
        }
        for (var v : volumes()) {
            guard("half-made", "volume " + v, () -> {
                var mountpoint = client.inspectVolumeCmd(v).exec().getMountpoint();
                if (!Files.isDirectory(Path.of(mountpoint))) problem("half-made", "volume " + v + " without " + mountpoint);
            });
        }
    }

    /** An image's layer directories, from inspect's GraphDriver (docker-java's model lacks overlay2's keys). */
    static List<String> layerDirs(BerthDaemon daemon, String image) {
        var data = RawApi.get(daemon, "/v" + ChaosWorker.API_VERSION + "/images/" + image + "/json").path("GraphDriver").path("Data");
        List<String> dirs = new ArrayList<>();
        for (String key : List.of("UpperDir", "LowerDir")) {
            if (data.hasNonNull(key)) dirs.addAll(List.of(data.get(key).asText().split(":")));
        }
        return dirs;
    }

    /** The clients' ledger against the daemon: confirmed objects exist, confirmed removals stay removed, and
     * what inspect finds is what the lists show. */
    void ledgerHolds(ChaosLedger ledger) {
        Set<String> containers = client.listContainersCmd().withShowAll(true).exec().stream()
                .map(Container::getId).collect(Collectors.toSet());
        Set<String> images = client.listImagesCmd().withShowAll(true).exec().stream()
                .map(Image::getId).collect(Collectors.toSet());
        Set<String> volumes = Set.copyOf(volumes());
        check(ledger, Kind.CONTAINER, name -> client.inspectContainerCmd(name).exec().getId(), containers);
        check(ledger, Kind.IMAGE, name -> client.inspectImageCmd(name).exec().getId(), images);
        check(ledger, Kind.VOLUME, name -> client.inspectVolumeCmd(name).exec().getName(), volumes);
    }

    private void check(ChaosLedger ledger, Kind kind, Function<String, String> inspect, Set<String> listed) {
        for (Entry e : ledger.all(kind)) {
            String found;
            try {
                found = inspect.apply(e.name);
            } catch (NotFoundException notFound) {
                found = null;
            }
            if (found == null && e.state == State.EXISTS) problem("lost", e + " is missing");
            if (found != null && e.state == State.GONE) problem("resurrected", e + " is back as " + found);
            if (found != null && !listed.contains(found)) problem("half-made", e + " inspects as " + found + " but is not listed");
        }
    }

    /** Every listed volume mounts in a container, which sees what was last written to it (or one in doubt). */
    void volumesWork(ChaosLedger ledger) {
        for (String name : volumes()) {
            var entry = ledger.find(Kind.VOLUME, name);
            guard("broken", "volume " + name, () -> {
                var out = runBusybox(List.of("sh", "-c", "cat /data/marker 2>/dev/null; true"),
                        HostConfig.newHostConfig().withBinds(new Bind(name, new Volume("/data"))));
                if (entry == null) problem("half-made", "volume " + name + " that no client made");
                else if (!entry.markers.contains(out.strip()))
                    problem("lost", "volume " + name + " holds '" + out.strip() + "', expected one of " + entry.markers);
            });
        }
    }

    /** Every listed image runs {@code true}. */
    void imagesRun() {
        for (Image i : client.listImagesCmd().withShowAll(true).exec()) {
            guard("broken", "image " + i.getId() + " " + Arrays.toString(i.getRepoTags()),
                    () -> runImage(i.getId(), List.of("true"), HostConfig.newHostConfig()));
        }
    }

    /** Every listed container starts; a sleeper then runs {@code true} by exec, a writer exits 0. */
    void containersRun() {
        for (Container c : client.listContainersCmd().withShowAll(true).exec()) {
            guard("broken", "container " + c.getId() + " " + Arrays.toString(c.getNames()), () -> {
                try {
                    client.startContainerCmd(c.getId()).exec();
                } catch (NotModifiedException alreadyRunning) {
                    // a sleeper that kept running through the chaos
                }
                if ("writer".equals(c.getLabels().get("chaos"))) {
                    int code = client.waitContainerCmd(c.getId()).exec(new WaitContainerResultCallback())
                            .awaitStatusCode(60, TimeUnit.SECONDS);
                    if (code != 0) problem("broken", "writer " + c.getId() + " exited " + code);
                    return;
                }
                var exec = client.execCreateCmd(c.getId()).withCmd("true").exec().getId();
                client.execStartCmd(exec).exec(new ResultCallback.Adapter<>()).awaitCompletion(60, TimeUnit.SECONDS);
                Long code = client.inspectExecCmd(exec).exec().getExitCodeLong();
                if (!Objects.equals(code, 0L)) problem("broken", "exec true in " + c.getId() + " exited " + code);
            });
        }
    }

    /** Removes every container (with its anonymous volumes), every image but busybox, every volume. */
    void removeEverything() {
        for (Container c : client.listContainersCmd().withShowAll(true).exec())
            guard("broken", "removal of container " + c.getId(),
                    () -> client.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
        String busybox = client.inspectImageCmd(Containers.IMAGE).exec().getId();
        for (Image i : client.listImagesCmd().withShowAll(true).exec()) {
            if (!i.getId().equals(busybox))
                guard("broken", "removal of image " + i.getId(), () -> client.removeImageCmd(i.getId()).withForce(true).exec());
        }
        for (String v : volumes()) guard("broken", "removal of volume " + v, () -> client.removeVolumeCmd(v).exec());
    }

    private List<String> volumes() {
        var list = client.listVolumesCmd().exec().getVolumes();
        return list == null ? List.of() : list.stream().map(v -> v.getName()).toList();
    }

    private String runBusybox(List<String> cmd, HostConfig host) {
        return runImage(Containers.IMAGE, cmd, host);
    }

    /** Creates, starts, waits for and removes a container; its exit must be 0; returns its output. */
    private String runImage(String image, List<String> cmd, HostConfig host) {
        String id = client.createContainerCmd(image).withCmd(cmd).withHostConfig(host).exec().getId();
        try {
            client.startContainerCmd(id).exec();
            int code = client.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode(60, TimeUnit.SECONDS);
            if (code != 0) throw new IllegalStateException(cmd + " in " + image + " exited " + code);
            return Frames.logs(client, id).stdout();
        } finally {
            client.removeContainerCmd(id).withForce(true).exec();
        }
    }

    private void guard(String category, String what, ThrowingRunnable check) {
        try {
            check.run();
        } catch (Exception e) {
            problem(category, what + ": " + e);
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
