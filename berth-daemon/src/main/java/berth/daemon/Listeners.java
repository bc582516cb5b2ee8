package berth.daemon;

import berth.api.Endpoint;
import berth.common.BerthException;
import berth.common.tls.TlsMaterial;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * berthd's {@code -H} list turned into endpoints, with dockerd's rules: unix sockets get the socket group
 * ({@code -G}; the default group missing is a warning, a named one an error); TCP only with
 * {@code --tlsverify} and its three files, since a plain TCP listener gives root to anyone who can reach it.
 */
final class Listeners {
    private static final Logger LOG = Logger.getLogger(Listeners.class.getName());
    static final String DEFAULT_GROUP = "berth";
    static final int DEFAULT_TLS_PORT = 2376;

    /** What the flags said, before any file is read. */
    record Spec(List<String> hosts, Path defaultSocket, String group, boolean tlsVerify, Path ca, Path cert, Path key) {}

    private Listeners() {}

    static List<Endpoint> endpoints(Spec spec) {
        List<String> hosts = spec.hosts().isEmpty() ? List.of("unix://" + spec.defaultSocket()) : spec.hosts();
        Optional<GroupPrincipal> group = hosts.stream().anyMatch(h -> !isTcp(h)) ? socketGroup(spec.group()) : Optional.empty();
        Optional<TlsMaterial> tls = Optional.empty();
        List<Endpoint> endpoints = new ArrayList<>();
        for (String host : hosts) {
            if (isTcp(host)) {
                if (tls.isEmpty()) tls = Optional.of(tls(spec, host));
                endpoints.add(tcp(host, tls.get()));
            } else {
                endpoints.add(new Endpoint.Unix(unixPath(host, spec.defaultSocket()), group));
            }
        }
        return List.copyOf(endpoints);
    }

    /** dockerd reads a host without a scheme as TCP. */
    static boolean isTcp(String host) {
        return host.startsWith("tcp://") || !host.contains("://");
    }

    static Path unixPath(String host, Path defaultSocket) {
        if (!host.startsWith("unix://")) {
            throw BerthException.invalid("invalid -H " + host + ": only unix:// and tcp:// are supported");
        }
        String path = host.substring("unix://".length());
        return path.isEmpty() ? defaultSocket : Path.of(path);
    }

    /** {@code tcp://HOST:PORT}, {@code tcp://:PORT} (127.0.0.1), {@code tcp://HOST} (2376), IPv6 in brackets. */
    static Endpoint.Tcp tcp(String host, TlsMaterial tls) {
        String addr = host.startsWith("tcp://") ? host.substring("tcp://".length()) : host;
        if (addr.endsWith("/")) addr = addr.substring(0, addr.length() - 1);
        if (addr.contains("/")) throw BerthException.invalid("invalid -H " + host + ": a TCP address has no path");
        String name = addr;
        int port = DEFAULT_TLS_PORT;
        int colon = addr.lastIndexOf(':');
        if (colon >= 0 && addr.indexOf(']') < colon) {
            name = addr.substring(0, colon);
            port = port(addr.substring(colon + 1), host);
        }
        if (name.startsWith("[") && name.endsWith("]")) name = name.substring(1, name.length() - 1);
        return new Endpoint.Tcp(name.isEmpty() ? "127.0.0.1" : name, port, tls);
    }

    private static int port(String text, String host) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) throw new NumberFormatException();
            return port;
        } catch (NumberFormatException e) {
            throw BerthException.invalid("invalid -H " + host + ": invalid port '" + text + "'");
        }
    }

    private static TlsMaterial tls(Spec spec, String host) {
        if (!spec.tlsVerify()) {
            throw BerthException.invalid("refusing to listen on " + host + " without TLS: anyone who can reach a"
                    + " plain TCP port gets root on this host; add --tlsverify --tlscacert --tlscert --tlskey"
                    + " (clients then need a certificate signed by that CA)");
        }
        try {
            return TlsMaterial.fromPem(read(spec.ca(), "--tlscacert"), read(spec.cert(), "--tlscert"),
                    read(spec.key(), "--tlskey"),
                    List.of(spec.ca().toString(), spec.cert().toString(), spec.key().toString()));
        } catch (IllegalArgumentException e) {
            throw BerthException.invalid("TLS: " + e.getMessage());
        }
    }

    private static String read(Path file, String flag) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw BerthException.invalid("cannot read " + flag + " " + file + ": " + e.getMessage());
        }
    }

    /** The socket's group, as dockerd: the default group may be missing (then root's, and a warning). */
    static Optional<GroupPrincipal> socketGroup(String name) {
        if (name.isEmpty()) return Optional.empty();
        try {
            return Optional.of(FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(name));
        } catch (UserPrincipalNotFoundException e) {
            if (!name.equals(DEFAULT_GROUP)) throw BerthException.invalid("group " + name + " not found (-G)");
            LOG.warning("could not change the socket's group to " + name + ": group not found; the socket is root:root 0660"
                    + " (create the group with: groupadd -r " + name + ")");
            return Optional.empty();
        } catch (IOException e) {
            throw BerthException.fault("cannot look up group " + name + ": " + e.getMessage(), e);
        }
    }
}
