package berth.engine;

import berth.engine.view.VolumeView;
import berth.volume.VolumeService;
import java.util.List;
import java.util.Map;

/** The volume endpoints of the API: what {@link Engine#volumes()} offers. Errors carry Docker's messages. */
public interface Volumes {

    /** {@code POST /volumes/create}: an existing volume of that name is returned unchanged. */
    VolumeView create(VolumeService.CreateRequest request);

    /** {@code GET /volumes}: filters dangling, driver, label, name. */
    List<VolumeView> list(Map<String, List<String>> filters);

    /** {@code GET /volumes/{name}}: NotFound "get NAME: no such volume". */
    VolumeView inspect(String name);

    /** {@code DELETE /volumes/{name}}: Conflict "remove NAME: volume is in use - [IDs]" whatever {@code force};
     * {@code force} makes a missing volume no error. */
    void remove(String name, boolean force);

    /** {@code POST /volumes/prune}: unused volumes, anonymous ones only unless {@code all}; filters label, label!, all. */
    PruneResult prune(Map<String, List<String>> filters, boolean anonymousOnlyByDefault);

    /** Every volume with its size and reference count: for {@code system df}. */
    List<VolumeView> usage();

    record PruneResult(List<String> volumesDeleted, long spaceReclaimed) {}
}
