package berth.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Requests to one registry with one set of credentials and token scopes. Each request is sent without
 * credentials until the registry challenges (or with the Authorization a previous challenge gave), then once
 * more with them; connection errors, 5xx and 429 are retried with back-off, other 4xx are not. Redirects
 * are followed by hand, without credentials to another host.
 */
final class Session {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 5;
    private final Transport transport;
    private final String endpoint;
    private final Credentials credentials;
    private final Set<String> scopes;
    private volatile String authorization = "";

    Session(Transport transport, String endpoint, Credentials credentials, List<String> scopes) {
        this.transport = transport;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.scopes = new LinkedHashSet<>(scopes);
    }

    String endpoint() {
        return endpoint;
    }

    URI base() {
        return transport.base(endpoint);
    }

    /**
     * Sends the request {@code build} makes for a URI (relative ones resolve against the registry) and
     * returns the response when its status is below 400; throws {@link RegistryException} otherwise, with the
     * registry's error code and message. The caller closes the body.
     */
    HttpResponse<InputStream> send(String target, Function<URI, HttpRequest.Builder> build) {
        URI uri = base().resolve(target);
        boolean challenged = false;
        int redirects = 0;
        for (int attempt = 1; ; ) {
            HttpResponse<InputStream> res;
            try {
                var builder = build.apply(uri).timeout(java.time.Duration.ofMinutes(10));
                if (!authorization.isEmpty() && sameHost(uri)) builder.header("Authorization", authorization);
                res = transport.http().send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (attempt >= transport.attempts())
                    throw RegistryException.unreachable(describe(e), e);
                transport.pause(attempt++);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RegistryException.unreachable("interrupted", e);
            }
            int status = res.statusCode();
            if (status < 300) return res;
            if (isRedirect(status) && redirects++ < MAX_REDIRECTS) {
                close(res);
                uri = uri.resolve(res.headers().firstValue("Location").orElseThrow(() -> failure(res)));
                continue;
            }
            if (status == 401 && !challenged && sameHost(uri)) {
                challenged = true;
                var challenge = Challenge.parse(res.headers().firstValue("WWW-Authenticate").orElse(""));
                close(res);
                if (challenge.isPresent() && authenticate(challenge.get())) continue;
                // Docker's words when a Basic registry gets no credentials
                if (challenge.isPresent() && !challenge.get().isBearer())
                    throw new RegistryException(401, "", "no basic auth credentials", null);
                throw new RegistryException(401, "UNAUTHORIZED", "authentication required", null);
            }
            if ((status >= 500 || status == 429) && attempt < transport.attempts()) {
                close(res);
                transport.pause(attempt++);
                continue;
            }
            throw failure(res);
        }
    }

    /** The registry's answer to {@code GET /v2/} with these credentials: throws when refused. */
    void ping() {
        close(send("/v2/", u -> HttpRequest.newBuilder(u).GET()));
    }

    private boolean sameHost(URI uri) {
        URI base = base();
        return base.getHost().equalsIgnoreCase(uri.getHost()) && base.getPort() == uri.getPort();
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Sets {@link #authorization} for the challenge; false when there is nothing to answer it with. */
    private boolean authenticate(Challenge challenge) {
        if (!challenge.isBearer()) {
            if (!credentials.hasBasic()) return false;
            authorization = credentials.basicHeader();
            return true;
        }
        if (!credentials.registryToken().isEmpty()) {
            authorization = "Bearer " + credentials.registryToken();
            return true;
        }
        for (String asked : challenge.param("scope").split(" ")) if (!asked.isEmpty() && !covered(asked)) scopes.add(asked);
        String key = String.join("|", challenge.param("realm"), challenge.param("service"),
                String.join(" ", scopes), credentials.cacheKey());
        String token = transport.tokens().get(key).orElseGet(() -> fetchToken(challenge, key));
        authorization = "Bearer " + token;
        return true;
    }

    /** A scope the registry asks for is covered when we already ask for that resource (maybe with more actions). */
    private boolean covered(String scope) {
        int lastColon = scope.lastIndexOf(':');
        String resource = lastColon < 0 ? scope : scope.substring(0, lastColon + 1);
        return scopes.stream().anyMatch(s -> s.startsWith(resource));
    }

    private String fetchToken(Challenge challenge, String key) {
        URI realm = URI.create(challenge.param("realm"));
        HttpRequest request = credentials.identityToken().isEmpty() ? tokenGet(realm, challenge) : tokenPost(realm, challenge);
        HttpResponse<InputStream> res = sendToRealm(request);
        if (res.statusCode() >= 400) {
            var failure = failure(res);
            // Docker reports a refused token request as unauthorized whatever the realm said.
            if (res.statusCode() == 401 || res.statusCode() == 403)
                throw new RegistryException(401, "UNAUTHORIZED", credentials.hasBasic()
                        ? "incorrect username or password" : "authentication required", null);
            throw failure;
        }
        try (InputStream body = res.body()) {
            JsonNode json = JSON.readTree(body);
            String token = json.path("token").asText(json.path("access_token").asText(""));
            if (token.isEmpty()) throw new RegistryException(401, "UNAUTHORIZED", "the token server gave no token", null);
            transport.tokens().put(key, token, json.path("expires_in").asLong(60));
            return token;
        } catch (IOException e) {
            throw RegistryException.unreachable("cannot read the token response of " + realm.getHost(), e);
        }
    }

    private HttpRequest tokenGet(URI realm, Challenge challenge) {
        StringBuilder query = new StringBuilder();
        if (!challenge.param("service").isEmpty()) query.append("service=").append(encode(challenge.param("service")));
        for (String scope : scopes) query.append(query.isEmpty() ? "" : "&").append("scope=").append(encode(scope));
        String sep = realm.getRawQuery() == null ? "?" : "&";
        var builder = HttpRequest.newBuilder(URI.create(realm + (query.isEmpty() ? "" : sep + query))).GET()
                .timeout(java.time.Duration.ofMinutes(1));
        if (credentials.hasBasic()) builder.header("Authorization", credentials.basicHeader());
        return builder.build();
    }

    /** An identity token is an OAuth2 refresh token: exchanged by POST as Docker does. */
    private HttpRequest tokenPost(URI realm, Challenge challenge) {
        String form = "grant_type=refresh_token&client_id=berth&refresh_token=" + encode(credentials.identityToken())
                + "&service=" + encode(challenge.param("service")) + "&scope=" + encode(String.join(" ", scopes));
        return HttpRequest.newBuilder(realm).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(java.time.Duration.ofMinutes(1)).build();
    }

    private HttpResponse<InputStream> sendToRealm(HttpRequest request) {
        for (int attempt = 1; ; attempt++) {
            try {
                var res = transport.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
                if ((res.statusCode() < 500 && res.statusCode() != 429) || attempt >= transport.attempts()) return res;
                close(res);
            } catch (IOException e) {
                if (attempt >= transport.attempts())
                    throw RegistryException.unreachable("cannot reach the token server " + request.uri().getHost() + ": " + e.getClass().getSimpleName(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RegistryException.unreachable("interrupted", e);
            }
            transport.pause(attempt);
        }
    }

    /** The registry's first error ({@code {"errors":[{"code","message"}]}}) or the bare status. */
    static RegistryException failure(HttpResponse<InputStream> res) {
        String code = "";
        String message = "";
        try (InputStream body = res.body()) {
            byte[] bytes = body.readNBytes(64 * 1024);
            if (bytes.length > 0) {
                JsonNode first = JSON.readTree(bytes).path("errors").path(0);
                code = first.path("code").asText("");
                message = first.path("message").asText("");
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: keep the status alone
        }
        if (code.isEmpty()) code = defaultCode(res.statusCode());
        if (message.isEmpty()) message = code.isEmpty() ? "unexpected status " + res.statusCode() : code.toLowerCase().replace('_', ' ');
        return new RegistryException(res.statusCode(), code, message, null);
    }

    private static String defaultCode(int status) {
        return switch (status) {
            case 401 -> "UNAUTHORIZED";
            case 403 -> "DENIED";
            case 429 -> "TOOMANYREQUESTS";
            default -> "";
        };
    }

    static void close(HttpResponse<InputStream> res) {
        try (InputStream body = res.body()) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the connection goes anyway
        }
    }

    /** Go's wording for the usual failures, which docker users know ({@code dial tcp h:p: connect: connection refused}). */
    private String describe(IOException e) {
        if (e instanceof java.net.ConnectException) return "dial tcp " + endpoint + ": connect: connection refused";
        if (e instanceof java.net.http.HttpConnectTimeoutException) return "dial tcp " + endpoint + ": i/o timeout";
        if (e instanceof java.net.UnknownHostException) return "dial tcp: lookup " + RegistryConfig.hostOf(endpoint) + ": no such host";
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isEmpty() ? "" : ": " + m);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    Optional<String> authorization() {
        return authorization.isEmpty() ? Optional.empty() : Optional.of(authorization);
    }
}
