package berth.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** The body of {@code POST /containers/create} for a run/create command line, as docker builds it. */
final class CreateBody {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CreateBody() {}

    static ObjectNode of(ContainerSpec spec) {
        ObjectNode config = JSON.objectNode();
        spec.hostname().ifPresent(h -> config.put("Hostname", h));
        spec.user().ifPresent(u -> config.put("User", u));
        config.put("AttachStdin", spec.interactive() && spec.attached())
                .put("AttachStdout", spec.attached())
                .put("AttachStderr", spec.attached())
                .put("Tty", spec.tty())
                .put("OpenStdin", spec.interactive())
                .put("StdinOnce", spec.interactive() && spec.attached());
        putList(config, "Env", spec.env());
        if (!spec.command().isEmpty()) {
            putList(config, "Cmd", spec.command());
        }
        config.put("Image", spec.image());
        exposedPorts(spec.net()).ifPresent(p -> config.set("ExposedPorts", p));
        anonymousVolumes(spec.volumes()).ifPresent(v -> config.set("Volumes", v));
        spec.workdir().ifPresent(w -> config.put("WorkingDir", w));
        // --entrypoint "" clears the image's entrypoint: docker sends [""] for it
        spec.entrypoint().ifPresent(e -> putList(config, "Entrypoint", List.of(e)));
        labels(spec.labels()).ifPresent(l -> config.set("Labels", l));
        spec.stopSignal().ifPresent(s -> config.put("StopSignal", s));
        spec.stopTimeout().ifPresent(t -> config.put("StopTimeout", t));
        ObjectNode host = hostConfig(spec);
        spec.lifecycle().apply(config, host);
        config.set("HostConfig", host);
        networkingConfig(spec).ifPresent(n -> config.set("NetworkingConfig", n));
        return config;
    }

    private static ObjectNode hostConfig(ContainerSpec spec) {
        ObjectNode host = JSON.objectNode();
        List<String> binds = spec.volumes().stream().filter(v -> v.contains(":")).toList();
        if (!binds.isEmpty()) {
            putList(host, "Binds", binds);
        }
        host.put("NetworkMode", spec.network().orElse("default"));
        host.put("AutoRemove", spec.autoRemove());
        networkHostConfig(host, spec.net());
        storageHostConfig(host, spec.storage());
        securityHostConfig(host, spec.security());
        host.setAll(spec.resources().hostFields());
        spec.userns().ifPresent(u -> host.put("UsernsMode", u));
        return host;
    }

    /** --privileged, --cap-add/--cap-drop, --security-opt, --group-add, --device: only what was given. */
    private static void securityHostConfig(ObjectNode host, SecurityOptions.SecuritySpecs security) {
        if (security.privileged()) host.put("Privileged", true);
        if (!security.capAdd().isEmpty()) putList(host, "CapAdd", security.capAdd());
        if (!security.capDrop().isEmpty()) putList(host, "CapDrop", security.capDrop());
        if (!security.securityOpt().isEmpty()) putList(host, "SecurityOpt", security.securityOpt());
        if (!security.groupAdd().isEmpty()) putList(host, "GroupAdd", security.groupAdd());
        if (security.unconfinedSystemPaths()) {
            host.putArray("MaskedPaths");
            host.putArray("ReadonlyPaths");
        }
        if (!security.devices().isEmpty()) {
            ArrayNode devices = host.putArray("Devices");
            security.devices().forEach(d -> devices.addObject().put("PathOnHost", d.pathOnHost())
                    .put("PathInContainer", d.pathInContainer()).put("CgroupPermissions", d.cgroupPermissions()));
        }
    }

    /** --mount, --tmpfs, --volumes-from, --read-only: only what was given. */
    private static void storageHostConfig(ObjectNode host, MountOptions.MountSpecs storage) {
        if (!storage.mounts().isEmpty()) {
            ArrayNode mounts = host.putArray("Mounts");
            storage.mounts().forEach(m -> mounts.add(MountFlags.parse(m)));
        }
        if (!storage.tmpfs().isEmpty()) {
            ObjectNode tmpfs = host.putObject("Tmpfs");
            for (String t : storage.tmpfs()) {
                int colon = t.indexOf(':');
                tmpfs.put(colon < 0 ? t : t.substring(0, colon), colon < 0 ? "" : t.substring(colon + 1));
            }
        }
        if (!storage.volumesFrom().isEmpty()) putList(host, "VolumesFrom", storage.volumesFrom());
        if (storage.readOnly()) host.put("ReadonlyRootfs", true);
    }

    /** -p, -P, --dns*, --add-host: only what was given, so a plain run's body stays as docker's. */
    private static void networkHostConfig(ObjectNode host, NetworkSpec net) {
        PortSpecs ports = PortSpecs.parse(net.publish(), net.expose());
        if (!ports.bindings().isEmpty()) {
            ObjectNode bindings = host.putObject("PortBindings");
            ports.bindings().forEach((key, list) -> {
                ArrayNode array = bindings.putArray(key);
                list.forEach(b -> array.addObject().put("HostIp", b.get("HostIp")).put("HostPort", b.get("HostPort")));
            });
        }
        if (net.publishAll()) host.put("PublishAllPorts", true);
        if (!net.dns().isEmpty()) putList(host, "Dns", net.dns());
        if (!net.dnsSearch().isEmpty()) putList(host, "DnsSearch", net.dnsSearch());
        if (!net.dnsOptions().isEmpty()) putList(host, "DnsOptions", net.dnsOptions());
        if (!net.addHosts().isEmpty()) putList(host, "ExtraHosts", net.addHosts());
    }

    private static Optional<ObjectNode> exposedPorts(NetworkSpec net) {
        ObjectNode p = JSON.objectNode();
        PortSpecs.parse(net.publish(), net.expose()).exposed().forEach(k -> p.set(k, JSON.objectNode()));
        return p.isEmpty() ? Optional.empty() : Optional.of(p);
    }

    /** Aliases, --ip and --mac-address go to the endpoint on the container's network (API 1.44+). */
    private static Optional<ObjectNode> networkingConfig(ContainerSpec spec) {
        NetworkSpec net = spec.net();
        if (!net.hasEndpointSettings()) return Optional.empty();
        ObjectNode root = JSON.objectNode();
        ObjectNode endpoint = root.putObject("EndpointsConfig").putObject(spec.network().orElse("default"));
        net.ip().ifPresent(ip -> endpoint.putObject("IPAMConfig").put("IPv4Address", ip));
        if (!net.aliases().isEmpty()) putList(endpoint, "Aliases", net.aliases());
        net.macAddress().ifPresent(m -> endpoint.put("MacAddress", m));
        return Optional.of(root);
    }

    /** {@code -v /data} (no source) is an anonymous volume: Config.Volumes, not a bind. */
    private static Optional<ObjectNode> anonymousVolumes(List<String> volumes) {
        ObjectNode v = JSON.objectNode();
        volumes.stream().filter(s -> !s.contains(":")).forEach(s -> v.set(s, JSON.objectNode()));
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** {@code -l k=v}; a bare {@code -l k} is an empty label. */
    private static Optional<ObjectNode> labels(List<String> labels) {
        ObjectNode l = JSON.objectNode();
        for (String label : labels) {
            int eq = label.indexOf('=');
            l.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
        }
        return l.isEmpty() ? Optional.empty() : Optional.of(l);
    }

    private static void putList(ObjectNode node, String field, List<String> values) {
        ArrayNode array = node.putArray(field);
        values.forEach(array::add);
    }
}
