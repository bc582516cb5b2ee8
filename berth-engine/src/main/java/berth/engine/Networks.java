package berth.engine;

import berth.engine.view.NetworkInspect;
import java.util.List;
import java.util.Map;

/** The network endpoints of the API: what {@link Engine#networks()} offers. */
public interface Networks {

    /** {@code GET /networks}: Docker's filters driver, id, label, name, scope, type (builtin|custom). */
    List<NetworkInspect> list(Map<String, List<String>> filters);

    /** {@code GET /networks/{id}}: by ID, name or unique ID prefix; NotFound "network x not found". */
    NetworkInspect inspect(String ref);
}
