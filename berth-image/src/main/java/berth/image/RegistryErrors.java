package berth.image;

import berth.common.BerthException;
import berth.registry.ImageReference;
import berth.registry.RegistryException;

/** Registry failures as dockerd reports them (its distribution/errors.go wording), mapped to berth's kinds. */
final class RegistryErrors {
    private RegistryErrors() {}

    /** A failed manifest fetch of a pull: 404s and denials name the image as Docker does. */
    static BerthException pull(RegistryException e, ImageReference ref, String url) {
        String code = e.code().orElse("");
        // Docker Hub answers 401 for a repository that does not exist (or is private): Docker says so
        if (ref.isDockerHub() && !code.equals("MANIFEST_UNKNOWN")
                && (e.status() == 401 || e.status() == 403 || e.status() == 404 || code.equals("DENIED")))
            return BerthException.notFound(accessDenied(ref) + ": denied: requested access to the resource is denied");
        return switch (code) {
            case "MANIFEST_UNKNOWN" -> BerthException.notFound("manifest for " + ref + " not found: " + e.getMessage());
            case "NAME_UNKNOWN" -> BerthException.notFound("repository " + ref.familiarName() + " not found: " + e.getMessage());
            case "DENIED" -> BerthException.notFound(accessDenied(ref) + ": " + e.getMessage());
            default -> other(e, url);
        };
    }

    private static String accessDenied(ImageReference ref) {
        return "pull access denied for " + ref.familiarName() + ", repository does not exist or may require 'docker login'";
    }

    /** What Docker prints for the rest: the request and the registry's words ({@code Get "url": ...}). */
    static BerthException other(RegistryException e, String url) {
        String what = e.unreachable() ? e.detail() : e.getMessage();
        if (e.status() == 401 && e.code().orElse("").equals("UNAUTHORIZED") && what.endsWith("authentication required"))
            what = "unauthorized: authentication required";
        return BerthException.fault(url.isEmpty() ? what : "Get \"" + url + "\": " + what, null);
    }
}
