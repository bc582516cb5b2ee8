package berth.image;

import com.github.luben.zstd.ZstdInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** The compressions a tar may arrive in, told apart by their magic bytes (as Docker does, not by name). */
enum Compression {
    NONE(new byte[0]),
    GZIP(new byte[]{0x1f, (byte) 0x8b}),
    BZIP2(new byte[]{'B', 'Z', 'h'}),
    XZ(new byte[]{(byte) 0xfd, '7', 'z', 'X', 'Z', 0}),
    ZSTD(new byte[]{0x28, (byte) 0xb5, 0x2f, (byte) 0xfd});

    private final byte[] magic;

    Compression(byte[] magic) {
        this.magic = magic;
    }

    /** A stream of the uncompressed bytes of {@code in}, whatever its compression. */
    static InputStream decompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        return detect(buffered).wrap(buffered);
    }

    static Compression detect(BufferedInputStream in) throws IOException {
        in.mark(8);
        byte[] head = in.readNBytes(6);
        in.reset();
        for (Compression c : values())
            if (c != NONE && head.length >= c.magic.length && Arrays.equals(head, 0, c.magic.length, c.magic, 0, c.magic.length))
                return c;
        return NONE;
    }

    private InputStream wrap(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GzipCompressorInputStream(in, true);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            case XZ -> new XZCompressorInputStream(in, true);
            case ZSTD -> new ZstdInputStream(in);
        };
    }
}
