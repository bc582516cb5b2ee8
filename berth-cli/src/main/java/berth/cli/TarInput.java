package berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A tar to upload: a file (sent with its length) or stdin (sent chunked). */
record TarInput(InputStream in, long length) {
    static TarInput open(String file, InputStream stdin) {
        if (file.equals("-")) {
            return new TarInput(stdin, -1);
        }
        Path path = Path.of(file);
        try {
            return new TarInput(Files.newInputStream(path), Files.size(path));
        } catch (NoSuchFileException e) {
            throw new CliException(1, "open " + file + ": no such file or directory");
        } catch (IOException e) {
            throw new CliException(1, "open " + file + ": " + e.getMessage());
        }
    }
}
