package berth.tests;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tars in memory: built entry by entry (hostile ones included), and read back as name -> content. */
final class Tars {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    Tars file(String name, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        var e = new TarArchiveEntry(name, true);
        e.setSize(data.length);
        e.setMode(0100644);
        return put(e, data);
    }

    Tars symlink(String name, String target) {
        var e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        e.setLinkName(target);
        return put(e, new byte[0]);
    }

    Tars hardlink(String name, String target) {
        var e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        e.setLinkName(target);
        return put(e, new byte[0]);
    }

    private Tars put(TarArchiveEntry e, byte[] data) {
        try {
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
            return this;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    InputStream stream() {
        try {
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    /** Every entry of a tar stream: its name and (for files) its content; the stream is read to its end. */
    static Map<String, String> read(InputStream in) {
        Map<String, String> out = new LinkedHashMap<>();
        try (var tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; )
                out.put(e.getName(), e.isSymbolicLink() ? "-> " + e.getLinkName() : new String(tar.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
