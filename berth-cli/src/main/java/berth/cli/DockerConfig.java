package berth.cli;

import berth.common.Json;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The docker CLI's config.json ({@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}), shared
 * with docker: berth reads and writes the same file. Keys berth does not know are kept as they are. Written
 * as docker writes it: tab-indented, mode 0600, through a temporary file renamed over the old one.
 */
final class DockerConfig {
    private final Path file;
    private final ObjectNode root;

    private DockerConfig(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    static DockerConfig load(Session session) {
        return load(dir(session).resolve("config.json"));
    }

    static Path dir(Session session) {
        String configured = session.env().getOrDefault("DOCKER_CONFIG", "");
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        String home = session.env().getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".docker");
    }

    static DockerConfig load(Path file) {
        if (!Files.exists(file)) {
            return new DockerConfig(file, Json.docker().createObjectNode());
        }
        try {
            JsonNode node = Json.docker().readTree(Files.readString(file));
            if (node == null || node.isMissingNode()) {
                return new DockerConfig(file, Json.docker().createObjectNode());
            }
            if (!(node instanceof ObjectNode object)) {
                throw new CliException(1, "loading config file: " + file + ": not a JSON object");
            }
            return new DockerConfig(file, object);
        } catch (IOException e) {
            throw new CliException(1, "loading config file: " + file + ": " + e.getMessage());
        }
    }

    Path file() { return file; }

    /** {@code credsStore}: the helper for every registry without its own in {@code credHelpers}. */
    Optional<String> credsStore() { return text(root.path("credsStore")); }

    Optional<String> credHelper(String server) { return text(root.path("credHelpers").path(server)); }

    /** The {@code auths} object, created when absent. */
    ObjectNode auths() {
        JsonNode auths = root.get("auths");
        if (auths instanceof ObjectNode o) {
            return o;
        }
        return root.putObject("auths");
    }

    /** The credential store docker would use for this server: its helper, the default helper, or this file. */
    CredentialStore storeFor(String server, Session session) {
        Optional<String> helper = credHelper(server).or(this::credsStore);
        return helper.<CredentialStore>map(h -> new HelperCredentialStore(h, this, session))
                .orElseGet(() -> new FileCredentialStore(this));
    }

    void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "config.json", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(tmp, Json.docker().writer(printer()).writeValueAsString(root), StandardCharsets.UTF_8);
                move(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("saving " + file, e);
        }
    }

    private void move(Path tmp) throws IOException {
        // a symlinked config.json (dotfiles repos) is written through, as docker does
        Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file;
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Go's json.MarshalIndent(v, "", "\t"): tabs, {@code "key": value}, {@code {}} for an empty object. */
    private static DefaultPrettyPrinter printer() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("").withArrayEmptySeparator("");
        DefaultIndenter tabs = new DefaultIndenter("\t", "\n");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(tabs).withArrayIndenter(tabs);
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? Optional.of(node.asText()) : Optional.empty();
    }
}
