package berth.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The two JSON dialects berth speaks. Docker's API and Docker's image config name fields in UpperCamelCase
 * ({@code "HostConfig"}); OCI documents use lowerCamelCase ({@code "mediaType"}). Both ignore unknown fields,
 * because clients and images carry more than we model.
 */
public final class Json {
    private static final ObjectMapper DOCKER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
            .registerModule(new JavaTimeModule())
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
    private static final ObjectMapper OCI = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    private Json() {}

    /** UpperCamelCase: Docker Engine API bodies, Docker image configs, berth's own stored records. */
    public static ObjectMapper docker() { return DOCKER; }

    /** lowerCamelCase as written: OCI manifests, indexes, runtime config.json. */
    public static ObjectMapper oci() { return OCI; }
}
