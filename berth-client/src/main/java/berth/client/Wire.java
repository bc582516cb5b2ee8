package berth.client;

import berth.common.tls.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** One connection to the daemon: a socket channel (unix or plain TCP) or a TLS socket. */
sealed interface Wire extends AutoCloseable {

    InputStream input();

    OutputStream output();

    /** Half-close: our side is done writing, the answer keeps coming. */
    void shutdownOutput() throws IOException;

    @Override
    void close();

    static Wire open(DockerHost host) throws IOException {
        return switch (host) {
            case DockerHost.Unix(var socket) -> Plain.open(StandardProtocolFamily.UNIX, UnixDomainSocketAddress.of(socket));
            case DockerHost.Tcp(var name, var port, var tls) when tls.isPresent() -> Tls.open(name, port, tls.get());
            case DockerHost.Tcp(var name, var port, var tls) -> Plain.open(StandardProtocolFamily.INET, new InetSocketAddress(name, port));
        };
    }

    /** Blocking streams over a socket channel (see {@link ChannelStreams}). */
    record Plain(SocketChannel channel) implements Wire {
        static Plain open(StandardProtocolFamily family, SocketAddress address) throws IOException {
            SocketChannel ch = SocketChannel.open(family);
            try {
                ch.connect(address);
                return new Plain(ch);
            } catch (IOException e) {
                ch.close();
                throw e;
            }
        }

        @Override
        public InputStream input() { return ChannelStreams.input(channel); }

        @Override
        public OutputStream output() { return ChannelStreams.output(channel); }

        @Override
        public void shutdownOutput() throws IOException { channel.shutdownOutput(); }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a socket we no longer need: nothing to recover
            }
        }
    }

    /**
     * TLS 1.2+ with the daemon's certificate checked against the CA and the host name (or IP address) we
     * dialled, as docker's CLI checks it. The handshake runs at connect so that its failure is reported as such.
     */
    record Tls(SSLSocket socket) implements Wire {
        static Tls open(String host, int port, TlsMaterial tls) throws IOException {
            Socket raw = new Socket();
            try {
                raw.connect(new InetSocketAddress(host, port));
                SSLSocket s = (SSLSocket) tls.clientContext().getSocketFactory().createSocket(raw, host, port, true);
                SSLParameters params = s.getSSLParameters();
                params.setProtocols(TlsMaterial.PROTOCOLS);
                params.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(params);
                s.startHandshake();
                return new Tls(s);
            } catch (IOException e) {
                raw.close();
                throw e;
            }
        }

        @Override
        public InputStream input() {
            try {
                return socket.getInputStream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public OutputStream output() {
            try {
                return socket.getOutputStream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /**
         * Why a write or read failed, when the daemon said so: with TLS 1.3 it judges our certificate after
         * our side of the handshake is done, and a request written meanwhile meets a closed socket (EPIPE)
         * while the alert that explains it waits unread.
         */
        Optional<SSLException> alert() {
            try {
                socket.setSoTimeout(1000);
                socket.getInputStream().read();
            } catch (SSLException e) {
                return Optional.of(e);
            } catch (IOException ignored) {
                // nothing more to learn
            }
            return Optional.empty();
        }

        /** Sends close_notify; TLS 1.3 lets the daemon keep answering after it. */
        @Override
        public void shutdownOutput() throws IOException { socket.shutdownOutput(); }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
