package berth.image;

/**
 * A path in a container as Docker's archive endpoints read it: absolute, cleaned, but keeping a trailing
 * "/" or "/." because they mean something ("the directory itself", "its contents").
 */
record DockerPath(String absolute) {

    static DockerPath of(String path) {
        StringBuilder clean = new StringBuilder();
        for (String part : RootedPath.clamped(path)) {
            if (!part.isEmpty()) clean.append('/').append(part);
        }
        String abs = clean.isEmpty() ? "/" : clean.toString();
        if ((path.equals(".") || path.endsWith("/.")) && !abs.endsWith("/.")) abs = abs.equals("/") ? "/." : abs + "/.";
        else if (path.endsWith("/") && !abs.endsWith("/")) abs += "/";
        return new DockerPath(abs);
    }

    /** Go's filepath.Split: everything up to the last "/", and what follows it (may be "" or "."). */
    String dir() {
        return absolute.substring(0, absolute.lastIndexOf('/') + 1);
    }

    String base() {
        return absolute.substring(absolute.lastIndexOf('/') + 1);
    }

    /** Go's filepath.Base: the last element, trailing slashes dropped; "/" for the root. */
    String goBase() {
        String s = absolute;
        while (s.length() > 1 && s.endsWith("/")) s = s.substring(0, s.length() - 1);
        return s.equals("/") ? "/" : s.substring(s.lastIndexOf('/') + 1);
    }

    /** The base names the entry itself only when it is a plain name ("" and "." mean the directory). */
    boolean namesDirectoryItself() {
        return base().isEmpty() || base().equals(".");
    }
}
