package berth.image;

import java.util.List;

/** One image found in an archive: its config bytes, its layer files (bottom first) and its names. */
record ArchivedImage(byte[] config, List<String> layerFiles, List<Reference> tags) {
    ArchivedImage {
        layerFiles = List.copyOf(layerFiles);
        tags = List.copyOf(tags);
    }
}
