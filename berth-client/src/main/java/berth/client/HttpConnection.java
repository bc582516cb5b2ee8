package berth.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;

/**
 * Minimal HTTP/1.1 over a unix socket, TCP or TLS: one request per connection ({@code Connection: close}), which keeps
 * the client free of pooling and lets long requests (wait, logs -f) run beside short ones.
 */
final class HttpConnection {
    private final DockerHost host;

    HttpConnection(DockerHost host) { this.host = host; }

    /** Sends the request and returns once the response headers are in; the body streams afterwards. */
    Response exchange(Request request) {
        Wire wire = connect();
        try {
            OutputStream out = new BufferedOutputStream(wire.output(), 8192);
            writeHead(out, request);
            writeBody(out, request.body());
            InputStream in = new BufferedInputStream(wire.input(), 8192);
            HttpHead head = HttpHead.read(in);
            return new Response(head, bodyOf(head, in, request), wire);
        } catch (IOException e) {
            // TLS 1.3: a refused client certificate shows after the handshake, as an alert or a broken pipe
            IOException cause = e instanceof SSLException ? e
                    : wire instanceof Wire.Tls tls ? tls.alert().<IOException>map(a -> a).orElse(e) : e;
            wire.close();
            if (cause instanceof SSLException) {
                throw new UncheckedIOException(new SSLException("TLS with " + host.url() + " failed: " + cause.getMessage(), cause));
            }
            throw new UncheckedIOException("talking to the daemon at " + host.url(), e);
        }
    }

    private Wire connect() {
        try {
            return Wire.open(host);
        } catch (SSLException e) {
            throw new UncheckedIOException(new SSLException("TLS handshake with " + host.url() + " failed: "
                    + e.getMessage(), e));
        } catch (IOException e) {
            throw new DaemonUnavailableException(host, e);
        }
    }

    private static void writeHead(OutputStream out, Request request) throws IOException {
        StringBuilder head = new StringBuilder(256)
                .append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n")
                .append("Host: berth\r\nUser-Agent: berth-cli\r\n");
        if (!request.isUpgrade()) {
            head.append("Connection: close\r\n");
        }
        request.headerLines().forEach(h -> head.append(h).append("\r\n"));
        head.append(switch (request.body()) {
            case Body.None() -> request.method().equals("GET") ? "" : "Content-Length: 0\r\n";
            case Body.Bytes(byte[] data, String type) -> contentHeaders(type, data.length);
            case Body.Stream(var in, long length, String type) -> contentHeaders(type, length);
        });
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String contentHeaders(String type, long length) {
        String size = length < 0 ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + length + "\r\n";
        return "Content-Type: " + type + "\r\n" + size;
    }

    private static void writeBody(OutputStream out, Body body) throws IOException {
        switch (body) {
            case Body.None() -> out.flush();
            case Body.Bytes(byte[] data, String type) -> {
                out.write(data);
                out.flush();
            }
            case Body.Stream(InputStream in, long length, String type) when length < 0 -> {
                ChunkedOutputStream chunked = new ChunkedOutputStream(out);
                in.transferTo(chunked);
                chunked.finish();
            }
            case Body.Stream(InputStream in, long length, String type) -> {
                in.transferTo(out);
                out.flush();
            }
        }
    }

    private static InputStream bodyOf(HttpHead head, InputStream in, Request request) {
        if (head.status() == 101 || request.isUpgrade() && head.status() / 100 == 2) {
            return in; // hijacked: raw stream until close
        }
        if (head.header("transfer-encoding").filter(t -> t.equalsIgnoreCase("chunked")).isPresent()) {
            return new ChunkedInputStream(in);
        }
        if (head.status() == 204 || head.status() == 304 || request.method().equals("HEAD")) {
            return InputStream.nullInputStream();
        }
        return head.header("content-length")
                .<InputStream>map(len -> new BoundedInputStream(in, Long.parseLong(len)))
                .orElse(in);
    }
}
