package berth.engine.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** A volume as Docker's API shows it; Labels and Options are null when empty, UsageData only when asked. */
public record VolumeView(String name, String driver, String mountpoint, String createdAt, Map<String, String> labels,
                         String scope, Map<String, String> options,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Usage usageData) {

    /** {@code Size} in bytes (-1 when unknown), {@code RefCount} the containers using it. */
    public record Usage(long size, long refCount) {}
}
