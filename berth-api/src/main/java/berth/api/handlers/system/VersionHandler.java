package berth.api.handlers.system;

import berth.api.ApiServer;
import berth.api.http.ApiVersion;
import berth.api.http.Handler;
import berth.api.http.Request;
import berth.api.http.Response;
import berth.api.wire.VersionReport;
import java.util.List;
import java.util.Map;

/** {@code GET /version}. */
public record VersionHandler(ApiServer.Options opts) implements Handler {

    @Override
    public void handle(Request req, Response res) {
        var java = "java" + Runtime.version().feature();
        var details = Map.of("ApiVersion", ApiVersion.MAX.toString(), "MinAPIVersion", ApiVersion.MIN.toString(),
                "GitCommit", opts.gitCommit(), "GoVersion", java, "Os", "linux", "Arch", Host.arch(),
                "KernelVersion", Host.kernelVersion(), "BuildTime", opts.buildTime(), "Experimental", "false");
        res.json(new VersionReport(new VersionReport.Platform("berth"),
                List.of(new VersionReport.Component("Engine", opts.version(), details)),
                opts.version(), ApiVersion.MAX.toString(), ApiVersion.MIN.toString(), opts.gitCommit(), java,
                "linux", Host.arch(), Host.kernelVersion(), opts.buildTime()));
    }
}
