package berth.sys;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake {@link NetOs} for unit tests: each call is recorded as one line ({@code "veth vethab12 berth0 /ns eth0
 * 02:42:0a:00:00:02"}) and remembered (links, their masters, namespaces), so that later calls see earlier
 * ones. Preset failures make calls starting with a prefix throw. Thread-safe.
 */
public final class RecordingNetOs implements NetOs {
    private final List<String> calls = new ArrayList<>();
    private final Map<String, String> masters = new LinkedHashMap<>();
    private final Set<Path> namespaces = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final List<Route> routes = new ArrayList<>();

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public RecordingNetOs failWith(String prefix, int errno) {
        failures.put(prefix, errno);
        return this;
    }

    public RecordingNetOs clearFailures() {
        failures.clear();
        return this;
    }

    /** The namespaces created and not deleted. */
    public Set<Path> namespaces() {
        return Set.copyOf(namespaces);
    }

    /** The links that exist now, with their bridge ("" for none). */
    public synchronized Map<String, String> links() {
        return Map.copyOf(masters);
    }

    @Override
    public void createNetns(Path file) {
        record("netns add " + file);
        namespaces.add(file);
        try { // the file exists as with the real bind mount, so that directory listings agree
            java.nio.file.Files.createDirectories(file.getParent());
            if (!java.nio.file.Files.exists(file)) java.nio.file.Files.createFile(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void deleteNetns(Path file) {
        if (!namespaces.contains(file) && !java.nio.file.Files.exists(file)) return;
        record("netns del " + file);
        namespaces.remove(file);
        try {
            java.nio.file.Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void ensureBridge(String name, Inet4Address address, int prefix) {
        record("bridge " + name + " " + address.getHostAddress() + "/" + prefix);
        masters.putIfAbsent(name, "");
    }

    @Override
    public synchronized boolean linkExists(String name) {
        return masters.containsKey(name);
    }

    @Override
    public synchronized void addVeth(String hostName, String bridge, Path netns, String peerName, byte[] mac) {
        record("veth " + hostName + " " + bridge + " " + netns + " " + peerName + " "
                + HexFormat.ofDelimiter(":").formatHex(mac));
        if (masters.containsKey(hostName)) throw new OsException("veth", hostName, OsException.EEXIST, "File exists");
        masters.put(hostName, bridge);
    }

    @Override
    public void configureInterface(Path netns, String ifname, Inet4Address address, int prefix, Optional<Inet4Address> gateway) {
        record("configure " + netns + " " + ifname + " " + address.getHostAddress() + "/" + prefix
                + gateway.map(g -> " via " + g.getHostAddress()).orElse(""));
    }

    @Override
    public void sysctl(String key, String value) {
        record("sysctl " + key + "=" + value);
    }

    @Override
    public synchronized List<Route> routes() {
        return List.copyOf(routes);
    }

    /** Pretends the host has this route. */
    public synchronized RecordingNetOs withRoute(Route route) {
        routes.add(route);
        return this;
    }

    @Override
    public synchronized void deleteLink(String name) {
        record("link del " + name);
        masters.remove(name);
    }

    @Override
    public synchronized List<String> linksOf(String bridge) {
        return masters.entrySet().stream().filter(e -> e.getValue().equals(bridge)).map(Map.Entry::getKey).toList();
    }

    private synchronized void record(String line) {
        calls.add(line);
        failures.forEach((prefix, errno) -> {
            if (line.startsWith(prefix)) throw new OsException(line, "(preset failure)", errno, "errno " + errno);
        });
    }

    /** Adds a link as if someone else made it (a leftover to sweep). */
    public synchronized RecordingNetOs withLink(String name, String bridge) {
        masters.put(name, bridge);
        return this;
    }
}
