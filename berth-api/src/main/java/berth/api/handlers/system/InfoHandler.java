package berth.api.handlers.system;

import berth.api.ApiServer;
import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.api.wire.InfoReport;
import berth.engine.Engine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code GET /info}. */
public record InfoHandler(Engine engine, ApiServer.Options opts) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var i = engine.info();
        res.json(new InfoReport(daemonId(i.dataRoot()), i.containers(), i.running(), i.paused(), i.stopped(),
                i.images(), "overlay2", i.dataRoot(), Host.memTotal(), Runtime.getRuntime().availableProcessors(),
                Host.operatingSystem(), "linux", Host.arch(), Host.kernelVersion(), i.cgroupDriver(),
                i.cgroupVersion(), i.runtime(), Map.of(i.runtime(), Map.of("path", i.runtime())), opts.version(),
                Host.hostname(), List.of(), securityOptions(i.cgroupVersion(), i.securityOptions()), List.of()));
    }

    /**
     * As dockerd reports them: the default seccomp profile is on; containers get a cgroup namespace on v2;
     * then the engine's own (name=userns with --userns-remap).
     */
    private static List<String> securityOptions(String cgroupVersion, List<String> engine) {
        var options = new java.util.ArrayList<>(List.of("name=seccomp,profile=builtin"));
        if (cgroupVersion.equals("2")) options.add("name=cgroupns");
        options.addAll(engine);
        return List.copyOf(options);
    }

    /** Stable for a data root, distinct between daemons side by side. */
    private static String daemonId(String dataRoot) {
        return UUID.nameUUIDFromBytes(dataRoot.getBytes(StandardCharsets.UTF_8)).toString().toUpperCase();
    }
}
