package berth.image;

import berth.common.IdMapping;

/**
 * How a remapped container ({@code --userns-remap}) sees its image: the layers through id-mapped mounts of the
 * user namespace {@code usernsFd}, pinned at {@code userns} for containers to join (owner 0 on disk shows as {@code mapping}'s host root), over a writable layer
 * owned by that root. The shared layers stay as unpacked, for every mapping and for unmapped containers.
 */
public record Remap(IdMapping mapping, int usernsFd, java.nio.file.Path userns) {}
