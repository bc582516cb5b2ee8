package berth.api;

import berth.api.handlers.container.*;
import berth.api.handlers.exec.*;
import berth.api.handlers.image.*;
import berth.api.handlers.network.*;
import berth.api.handlers.system.*;
import berth.api.handlers.volume.*;
import berth.api.http.Route.Mode;
import berth.api.http.Router;
import berth.engine.Engine;
import io.netty.handler.codec.http.HttpMethod;

/** Every endpoint berth serves, in one table. More specific patterns come first. */
public final class Routes {
    private Routes() {}

    public static Router of(Engine e, ApiServer.Options opts) {
        return Router.builder()
                .get("/_ping", new PingHandler())
                .head("/_ping", new PingHandler())
                .get("/version", new VersionHandler(opts))
                .get("/info", new InfoHandler(e, opts))
                .get("/events", new EventsHandler(e))
                .get("/system/df", new SystemDfHandler(e))
                .post("/auth", new AuthHandler(e))
                // containers
                .post("/containers/create", new ContainerCreateHandler(e))
                .get("/containers/json", new ContainerListHandler(e))
                .post("/containers/prune", new ContainerPruneHandler(e))
                .get("/containers/{id}/json", new ContainerInspectHandler(e))
                .post("/containers/{id}/start", new ContainerStartHandler(e))
                .post("/containers/{id}/stop", new ContainerStopHandler(e))
                .post("/containers/{id}/restart", new ContainerRestartHandler(e))
                .post("/containers/{id}/kill", new ContainerKillHandler(e))
                .post("/containers/{id}/pause", new ContainerPauseHandler(e))
                .post("/containers/{id}/unpause", new ContainerUnpauseHandler(e))
                .post("/containers/{id}/wait", new ContainerWaitHandler(e))
                .post("/containers/{id}/rename", new ContainerRenameHandler(e))
                .post("/containers/{id}/update", new ContainerUpdateHandler(e))
                .post("/containers/{id}/resize", new ContainerResizeHandler(e))
                .get("/containers/{id}/logs", new ContainerLogsHandler(e))
                .get("/containers/{id}/top", new ContainerTopHandler(e))
                .get("/containers/{id}/stats", new ContainerStatsHandler(e))
                .add(HttpMethod.POST, "/containers/{id}/attach", Mode.HIJACK, new ContainerAttachHandler(e))
                .delete("/containers/{id}", new ContainerDeleteHandler(e))
                // the container's files: diff, cp, export, commit
                .get("/containers/{id}/changes", new ContainerChangesHandler(e))
                .head("/containers/{id}/archive", new ContainerArchiveStatHandler(e))
                .get("/containers/{id}/archive", new ContainerArchiveGetHandler(e))
                .add(HttpMethod.PUT, "/containers/{id}/archive", Mode.STREAMING_BODY, new ContainerArchivePutHandler(e))
                .get("/containers/{id}/export", new ContainerExportHandler(e))
                .post("/commit", new CommitHandler(e))
                // exec
                .post("/containers/{id}/exec", new ExecCreateHandler(e))
                .add(HttpMethod.POST, "/exec/{id}/start", Mode.HIJACK, new ExecStartHandler(e))
                .get("/exec/{id}/json", new ExecInspectHandler(e))
                .post("/exec/{id}/resize", new ExecResizeHandler(e))
                // images: names contain slashes, so {name...} spans segments
                .get("/images/json", new ImageListHandler(e))
                .add(HttpMethod.POST, "/images/load", Mode.STREAMING_BODY, new ImageLoadHandler(e))
                .add(HttpMethod.POST, "/images/create", Mode.STREAMING_BODY, new ImageCreateHandler(e))
                .get("/images/get", new ImagesGetHandler(e))
                .post("/images/prune", new ImagePruneHandler(e))
                .get("/images/{name...}/json", new ImageInspectHandler(e))
                .get("/images/{name...}/get", new ImageGetHandler(e))
                .get("/images/{name...}/history", new ImageHistoryHandler(e))
                .post("/images/{name...}/tag", new ImageTagHandler(e))
                .post("/images/{name...}/push", new ImagePushHandler(e))
                .delete("/images/{name...}", new ImageDeleteHandler(e))
                // networks
                .get("/networks", new NetworkListHandler(e))
                .post("/networks/create", new NetworkCreateHandler(e))
                .post("/networks/prune", new NetworkPruneHandler(e))
                .get("/networks/{id}", new NetworkInspectHandler(e))
                .delete("/networks/{id}", new NetworkDeleteHandler(e))
                .post("/networks/{id}/connect", new NetworkConnectHandler(e))
                .post("/networks/{id}/disconnect", new NetworkDisconnectHandler(e))
                // volumes
                .get("/volumes", new VolumeListHandler(e))
                .post("/volumes/create", new VolumeCreateHandler(e))
                .post("/volumes/prune", new VolumePruneHandler(e))
                .get("/volumes/{name}", new VolumeInspectHandler(e))
                .delete("/volumes/{name}", new VolumeDeleteHandler(e))
                .build();
    }
}
