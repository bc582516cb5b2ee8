package berth.image;

import berth.registry.Credentials;

/**
 * {@code POST /images/create?fromImage=&tag=&platform=}: {@code reference} is what to pull (with its tag or
 * digest); {@code allTags} pulls every tag of the repository (the docker CLI's {@code -a} sends no tag);
 * {@code platform} is {@code os/arch[/variant]} or empty for this host's.
 */
public record PullRequest(String reference, boolean allTags, String platform, Credentials credentials) {}
