package berth.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's path/filepath rules for slash paths, which docker cp's copy semantics are written in: Clean, Split,
 * Base, Dir, and the archive helpers that keep a trailing "/" or "/." because they mean "a directory" and
 * "its contents".
 */
final class GoPaths {
    private GoPaths() {}

    static String clean(String path) {
        if (path.isEmpty()) return ".";
        boolean rooted = path.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (!part.equals("..")) out.add(part);
            else if (!out.isEmpty() && !out.getLast().equals("..")) out.removeLast();
            else if (!rooted) out.add("..");
        }
        String joined = String.join("/", out);
        return rooted ? "/" + joined : joined.isEmpty() ? "." : joined;
    }

    static String base(String path) {
        if (path.isEmpty()) return ".";
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
        if (p.equals("/")) return "/";
        return p.substring(p.lastIndexOf('/') + 1);
    }

    static String dir(String path) {
        return clean(path.substring(0, path.lastIndexOf('/') + 1));
    }

    /** filepath.Split: up to and including the last "/", and the rest. */
    static String[] split(String path) {
        int slash = path.lastIndexOf('/');
        return new String[]{path.substring(0, slash + 1), path.substring(slash + 1)};
    }

    static String join(String a, String b) {
        return clean(a + "/" + b);
    }

    static boolean hasTrailingSeparator(String path) {
        return !path.isEmpty() && path.endsWith("/");
    }

    static boolean specifiesCurrentDir(String path) {
        return base(path).equals(".");
    }

    /** A path asks for a directory when it ends with "/" or "/.". */
    static boolean assertsDirectory(String path) {
        return hasTrailingSeparator(path) || specifiesCurrentDir(path);
    }

    /** Puts back the trailing "/." or "/" that cleaning removed. */
    static String preserveTrailingDotOrSeparator(String cleaned, String original) {
        String out = cleaned;
        if (!out.endsWith("/.") && specifiesCurrentDir(original)) {
            if (!hasTrailingSeparator(out)) out += "/";
            out += ".";
        }
        if (!hasTrailingSeparator(out) && hasTrailingSeparator(original)) out += "/";
        return out;
    }

    /** The directory and the entry in it that a path names ("." when it ends with "/."). */
    static String[] splitDirEntry(String path) {
        String cleaned = clean(path);
        if (specifiesCurrentDir(path)) cleaned += "/.";
        return new String[]{dir(cleaned), base(cleaned)};
    }
}
