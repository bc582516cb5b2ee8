package berth.sys;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Network namespaces and links: what container networking needs from the kernel. {@link LinuxNetOs} speaks
 * rtnetlink through FFM (no process is spawned per container); {@link RecordingNetOs} records the calls for
 * unit tests. Kept apart from {@link Os} so that the network calls form one small vocabulary. Failures throw
 * {@link OsException} with the netlink errno.
 */
public interface NetOs {

    /** Makes a new network namespace with its loopback up, pinned by a bind mount on {@code file} (created). */
    void createNetns(Path file);

    /** Unmounts and deletes {@code file}; the namespace goes away with its last process. No-op when absent. */
    void deleteNetns(Path file);

    /** Creates the bridge unless it exists, gives it {@code address/prefix} unless it has it, and brings it up. */
    void ensureBridge(String name, Inet4Address address, int prefix);

    /** Whether a link of that name exists in the daemon's namespace. */
    boolean linkExists(String name);

    /**
     * A veth pair: {@code hostName} stays here, enslaved to {@code bridge} and up; its peer, named
     * {@code peerName} with the MAC address {@code mac}, goes into the namespace pinned at {@code netns}.
     * Throws OsException with EEXIST when {@code hostName} is taken.
     */
    void addVeth(String hostName, String bridge, Path netns, String peerName, byte[] mac);

    /** Inside the namespace at {@code netns}: the address on {@code ifname}, the link up, and the default route
     * through {@code gateway} when present. */
    void configureInterface(Path netns, String ifname, Inet4Address address, int prefix, Optional<Inet4Address> gateway);

    /** Deletes a link (a veth takes its peer along). No-op when it does not exist. */
    void deleteLink(String name);

    /** The names of the links enslaved to {@code bridge}; empty when the bridge does not exist. */
    List<String> linksOf(String bridge);

    /** Writes a kernel setting: {@code key} as sysctl names it ("net.ipv4.ip_forward"). */
    void sysctl(String key, String value);

    /** The daemon's IPv4 routes: which networks are already in use on this host. */
    List<Route> routes();

    /** A route to {@code destination/prefix} through the link {@code device}. */
    record Route(String device, Inet4Address destination, int prefix) {}
}
