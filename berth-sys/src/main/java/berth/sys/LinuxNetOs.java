package berth.sys;

import static berth.sys.NlMessage.*;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * {@link NetOs} through rtnetlink and FFM: a container's network costs a few netlink messages and one hop to
 * the namespace thread, and no process. Calls that only talk to netlink run on the caller (they return in
 * microseconds, so pinning a virtual thread's carrier is harmless); namespace switches run on
 * {@link NetnsThread}.
 */
@SuppressWarnings("restricted")
public final class LinuxNetOs implements NetOs {
    private static final MethodHandle MOUNT = LinuxOs.call("mount", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS);
    private static final MethodHandle UMOUNT2 = LinuxOs.call("umount2", JAVA_INT, ADDRESS, JAVA_INT);
    private static final int ENODEV = 19, EINVAL = 22;
    private static final int LOOPBACK_INDEX = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final java.util.Optional<Path> userns;

    /** Network namespaces owned by the host's user namespace. */
    public LinuxNetOs() {
        this(java.util.Optional.empty());
    }

    /**
     * Network namespaces owned by the user namespace pinned at {@code userns} ({@code --userns-remap}): a
     * container that joins that user namespace (and an exec into it) may then join its network namespace, which
     * it could not if the host's user namespace owned it.
     */
    public LinuxNetOs(java.util.Optional<Path> userns) {
        this.userns = userns;
    }

    @Override
    public void createNetns(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) Files.createFile(file);
        } catch (IOException e) {
            throw new OsException("create", file.toString(), OsException.ENOENT, e.getMessage());
        }
        try {
            if (userns.isPresent()) {
                createNetnsIn(userns.get(), file);
                NetnsThread.inNamespace(file, LinuxNetOs::loopbackUp);
                return;
            }
            NetnsThread.inNewNamespace(() -> {
                bindMount(Path.of("/proc/thread-self/ns/net"), file);
                return loopbackUp();
            });
        } catch (RuntimeException e) {
            deleteNetns(file);
            throw e;
        }
    }

    private static Void loopbackUp() {
        try (Netlink nl = Netlink.open()) {
            nl.call(new NlMessage(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK)
                    .ifinfo(AF_UNSPEC, LOOPBACK_INDEX, IFF_UP, IFF_UP), "lo up");
        }
        return null;
    }

    /** A helper enters the user namespace and unshares a network namespace there, which we pin at {@code file}. */
    private static void createNetnsIn(Path userns, Path file) {
        Process helper = Helpers.start(java.util.List.of("nsenter", "--user=" + userns, "--", "unshare", "--net", "--",
                "sleep", "60"));
        try {
            Path ns = Path.of("/proc", Long.toString(helper.pid()), "ns", "net");
            Helpers.awaitOtherNamespace(ns, Path.of("/proc/self/ns/net"), helper);
            bindMount(ns, file);
        } catch (IOException e) {
            throw new OsException("netns", file.toString(), 0, e.getMessage());
        } finally {
            helper.destroyForcibly();
        }
    }

    @Override
    public void deleteNetns(Path file) {
        if (!Files.exists(file)) return;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LinuxOs.ERRNO_STATE);
            int rc = (int) LinuxOs.invoke(UMOUNT2, errno, LinuxOs.str(arena, file), Os.MNT_DETACH);
            if (rc < 0 && LinuxOs.errnoOf(errno) != EINVAL) LinuxOs.check(rc, errno, "umount2", file.toString());
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new OsException("unlink", file.toString(), OsException.EBUSY, e.getMessage());
        }
    }

    @Override
    public void ensureBridge(String name, Inet4Address address, int prefix) {
        try (Netlink nl = Netlink.open()) {
            if (index(nl, name).isEmpty()) {
                nl.call(new NlMessage(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL)
                        .ifinfo(AF_UNSPEC, 0, 0, 0)
                        .attr(IFLA_IFNAME, name)
                        // a fixed MAC: else the bridge takes its lowest port's, and changes it as ports come and go
                        .attr(IFLA_ADDRESS, randomMac())
                        .begin(IFLA_LINKINFO).attr(IFLA_INFO_KIND, "bridge").end(), "create bridge " + name);
            }
            int index = index(nl, name).orElseThrow(() -> new OsException("netlink", name, ENODEV, "no such device"));
            try {
                nl.call(address(index, address, prefix), "address " + address.getHostAddress() + " on " + name);
            } catch (OsException e) {
                if (e.errno() != OsException.EEXIST) throw e;
            }
            nl.call(up(index), "up " + name);
        }
    }

    @Override
    public boolean linkExists(String name) {
        try (Netlink nl = Netlink.open()) {
            return index(nl, name).isPresent();
        }
    }

    @Override
    public void addVeth(String hostName, String bridge, Path netns, String peerName, byte[] mac) {
        int nsFd = NetnsThread.open(netns);
        try (Netlink nl = Netlink.open()) {
            int master = index(nl, bridge).orElseThrow(() -> new OsException("netlink", bridge, ENODEV, "no such bridge"));
            nl.call(new NlMessage(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL)
                    .ifinfo(AF_UNSPEC, 0, IFF_UP, IFF_UP)
                    .attr(IFLA_IFNAME, hostName)
                    .attr(IFLA_MASTER, master)
                    .begin(IFLA_LINKINFO).attr(IFLA_INFO_KIND, "veth")
                    .begin(IFLA_INFO_DATA).begin(VETH_INFO_PEER)
                    .ifinfo(AF_UNSPEC, 0, 0, 0)
                    .attr(IFLA_IFNAME, peerName)
                    .attr(IFLA_ADDRESS, mac)
                    .attr(IFLA_NET_NS_FD, nsFd)
                    .end().end().end(), "veth " + hostName + " on " + bridge);
            hairpin(nl, hostName);
        } finally {
            NetnsThread.close(nsFd);
        }
    }

    @Override
    public void configureInterface(Path netns, String ifname, Inet4Address address, int prefix, Optional<Inet4Address> gateway) {
        try (Netlink nl = NetnsThread.inNamespace(netns, Netlink::open)) {
            int index = index(nl, ifname).orElseThrow(() -> new OsException("netlink", ifname, ENODEV, "no such device"));
            nl.call(address(index, address, prefix), "address " + address.getHostAddress() + " on " + ifname);
            nl.call(up(index), "up " + ifname);
            if (gateway.isPresent()) {
                nl.call(new NlMessage(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL)
                        .rtmsg(AF_INET, 0)
                        .attr(RTA_GATEWAY, gateway.get().getAddress())
                        .attr(RTA_OIF, index), "default route via " + gateway.get().getHostAddress());
            }
        }
    }

    @Override
    public void sysctl(String key, String value) {
        Path file = Path.of("/proc/sys", key.replace('.', '/'));
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new OsException("write", file.toString(), OsException.EPERM, String.valueOf(e.getMessage()));
        }
    }

    /** From /proc/net/route: destination and mask in hex, in the kernel's (little-endian) byte order. */
    @Override
    public List<Route> routes() {
        try {
            List<Route> routes = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/net/route")).stream().skip(1).toList()) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 8) continue;
                int dest = Integer.reverseBytes(Integer.parseUnsignedInt(f[1], 16));
                int mask = Integer.reverseBytes(Integer.parseUnsignedInt(f[7], 16));
                routes.add(new Route(f[0], (Inet4Address) java.net.InetAddress.getByAddress(
                        ByteBuffer.allocate(4).putInt(dest).array()), Integer.bitCount(mask)));
            }
            return routes;
        } catch (IOException e) {
            throw new OsException("read", "/proc/net/route", OsException.ENOENT, String.valueOf(e.getMessage()));
        }
    }

    @Override
    public void deleteLink(String name) {
        try (Netlink nl = Netlink.open()) {
            nl.call(new NlMessage(RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK).ifinfo(AF_UNSPEC, 0, 0, 0)
                    .attr(IFLA_IFNAME, name), "delete " + name);
        } catch (OsException e) {
            if (e.errno() != ENODEV) throw e;
        }
    }

    @Override
    public List<String> linksOf(String bridge) {
        try (Netlink nl = Netlink.open()) {
            OptionalInt master = index(nl, bridge);
            if (master.isEmpty()) return List.of();
            List<String> names = new ArrayList<>();
            for (ByteBuffer msg : nl.get(new NlMessage(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP)
                    .ifinfo(AF_UNSPEC, 0, 0, 0), "list links")) {
                if (Netlink.type(msg) != RTM_NEWLINK) continue;
                int attrs = HEADER + 16;
                int m = findAttr(msg, attrs, msg.limit(), IFLA_MASTER);
                int n = findAttr(msg, attrs, msg.limit(), IFLA_IFNAME);
                if (m >= 0 && n >= 0 && msg.getInt(m) == master.getAsInt()) names.add(stringAttr(msg, n));
            }
            return names;
        }
    }

    /**
     * Hairpin mode on the bridge port: with br_netfilter loaded, a container's packet to its own published
     * port is DNATed back to it and bridged out of the port it came in by, which a bridge refuses otherwise.
     */
    private static void hairpin(Netlink nl, String port) {
        int index = index(nl, port).orElseThrow(() -> new OsException("netlink", port, ENODEV, "no such device"));
        nl.call(new NlMessage(RTM_SETLINK, NLM_F_REQUEST | NLM_F_ACK).ifinfo(AF_BRIDGE, index, 0, 0)
                .begin(IFLA_PROTINFO | NLA_F_NESTED).attrByte(IFLA_BRPORT_MODE, 1).end(), "hairpin on " + port);
    }

    private static OptionalInt index(Netlink nl, String name) {
        try {
            List<ByteBuffer> replies = nl.get(new NlMessage(RTM_GETLINK, NLM_F_REQUEST).ifinfo(AF_UNSPEC, 0, 0, 0)
                    .attr(IFLA_IFNAME, name), "find " + name);
            return replies.isEmpty() ? OptionalInt.empty() : OptionalInt.of(replies.getFirst().getInt(HEADER + 4));
        } catch (OsException e) {
            if (e.errno() == ENODEV) return OptionalInt.empty();
            throw e;
        }
    }

    private static NlMessage address(int index, Inet4Address address, int prefix) {
        byte[] ip = address.getAddress();
        int bits = ByteBuffer.wrap(ip).getInt();
        int broadcast = prefix == 0 ? -1 : bits | (int) (0xffffffffL >>> prefix);
        return new NlMessage(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL)
                .ifaddr(AF_INET, prefix, 0, index)
                .attr(IFA_LOCAL, ip)
                .attr(IFA_ADDRESS, ip)
                .attr(IFA_BROADCAST, ByteBuffer.allocate(4).putInt(broadcast).array());
    }

    private static NlMessage up(int index) {
        return new NlMessage(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK).ifinfo(AF_UNSPEC, index, IFF_UP, IFF_UP);
    }

    private static void bindMount(Path source, Path target) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(LinuxOs.ERRNO_STATE);
            int rc = (int) LinuxOs.invoke(MOUNT, errno, LinuxOs.str(arena, source), LinuxOs.str(arena, target),
                    arena.allocateFrom("none"), Os.MS_BIND, MemorySegment.NULL);
            LinuxOs.check(rc, errno, "mount", source + " on " + target);
        }
    }

    /** A random unicast, locally administered MAC address. */
    private static byte[] randomMac() {
        byte[] mac = new byte[6];
        RANDOM.nextBytes(mac);
        mac[0] = (byte) ((mac[0] & 0xfe) | 0x02);
        return mac;
    }
}
