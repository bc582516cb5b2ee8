package berth.image;

import berth.registry.Credentials;

/** {@code POST /images/{name}/push?tag=}: {@code name} is a repository (maybe with a tag), {@code tag} may be empty. */
public record PushRequest(String name, String tag, Credentials credentials) {}
