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

    /** {@code POST /networks/create}: a user bridge network; its ID. */
    String create(berth.network.NetworkService.CreateRequest request);

    /** {@code DELETE /networks/{id}}: Forbidden for pre-defined networks and networks in use. */
    void remove(String ref);

    /** {@code POST /networks/{id}/connect}. */
    void connect(String networkRef, String container, berth.network.EndpointConfig endpoint);

    /** {@code POST /networks/{id}/disconnect}. */
    void disconnect(String networkRef, String container, boolean force);

    /** {@code POST /networks/prune}: the names of the networks removed; filters label, label!, until. */
    List<String> prune(Map<String, List<String>> filters);
}
