package berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tables of history, images --digests and system df, against what docker 28 prints for the same answers. */
class ImageTablesTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);

    @Test
    void historyTruncatesCreatedByAndNamesOnlyTheTop() throws Exception {
        JsonNode history = Json.docker().readTree("""
                [{"Id":"sha256:328fc93d1a43ced35fcf22680381f1d51c543eb36788d8d8f17e2ffd0f5e5d61","Created":1699999990,
                  "CreatedBy":"/bin/sh -c\\tapk add --no-cache ca-certificates curl git","Tags":["app:1"],"Size":1234567,"Comment":""},
                 {"Id":"<missing>","Created":1699990000,"CreatedBy":"","Tags":null,"Size":0,"Comment":"Imported from -"}]""");
        List<JsonNode> rows = new ArrayList<>();
        history.forEach(h -> rows.add(HistoryRows.row(h, true, true, NOW)));
        assertThat(Format.parse("", HistoryRows.DEFAULT_TABLE).render(rows, HistoryRows.HEADERS)).isEqualTo("""
                IMAGE          CREATED          CREATED BY                                      SIZE      COMMENT
                328fc93d1a43   10 seconds ago   /bin/sh -c apk add --no-cache ca-certificate…   1.23MB   \s
                <missing>      3 hours ago                                                      0B        Imported from -
                """);
        JsonNode top = HistoryRows.row(history.get(0), false, false, NOW);
        assertThat(top.path("Size").asText()).isEqualTo("1234567");
        assertThat(top.path("CreatedBy").asText()).isEqualTo("/bin/sh -c apk add --no-cache ca-certificates curl git");
        assertThat(top.path("ID").asText()).startsWith("sha256:");
    }

    @Test
    void digestsGetTheirOwnColumnAndRows() throws Exception {
        JsonNode image = Json.docker().readTree("""
                {"Id":"sha256:a416a98b71e224a31ee99cff8e16063554498227d2b696152a9c3e0aa65e5824",
                 "RepoTags":["busybox:latest"],"RepoDigests":["busybox@sha256:1111","mirror/busybox@sha256:2222"],
                 "Created":1699992800,"Size":4261234}""");
        List<JsonNode> rows = new ArrayList<>(ImageRows.rows(image, true, true, NOW));
        assertThat(Format.parse("", ImageRows.DIGESTS_TABLE).render(rows, ImageRows.HEADERS)).isEqualTo("""
                REPOSITORY       TAG       DIGEST        IMAGE ID       CREATED       SIZE
                busybox          latest    sha256:1111   a416a98b71e2   2 hours ago   4.26MB
                mirror/busybox   <none>    sha256:2222   a416a98b71e2   2 hours ago   4.26MB
                """);
        assertThat(ImageRows.rows(image, true, false, NOW)).extracting(r -> r.path("Digest").asText())
                .containsExactly("<none>", "<none>");
    }

    @Test
    void systemDfSumsAsDocker() throws Exception {
        JsonNode df = Json.docker().readTree("""
                {"LayersSize":1982494,
                 "Images":[{"Id":"a","Size":1982494,"SharedSize":1982491,"Containers":1},
                           {"Id":"b","Size":1982491,"SharedSize":1982491,"Containers":0}],
                 "Containers":[{"Id":"c","State":"exited","SizeRw":6},{"Id":"d","State":"running","SizeRw":4}],
                 "Volumes":[],"BuildCache":[]}""");
        assertThat(Format.parse("", DiskUsageRows.DEFAULT_TABLE).render(DiskUsageRows.rows(df), DiskUsageRows.HEADERS))
                .isEqualTo("""
                        TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE
                        Images          2         1         1.982MB   1.982MB (99%)
                        Containers      2         1         10B       6B (60%)
                        Local Volumes   0         0         0B        0B
                        Build Cache     0         0         0B        0B
                        """);
    }

    @Test
    void systemDfSumsVolumesByTheirUsage() throws Exception {
        var df = berth.common.Json.docker().readTree("""
                {"LayersSize":0,"Images":[],"Containers":[],"BuildCache":[],
                 "Volumes":[{"Name":"used","UsageData":{"Size":300,"RefCount":1}},
                            {"Name":"idle","UsageData":{"Size":100,"RefCount":0}},
                            {"Name":"host","UsageData":{"Size":-1,"RefCount":0}}]}""");
        assertThat(Format.parse("", DiskUsageRows.DEFAULT_TABLE).render(DiskUsageRows.rows(df), DiskUsageRows.HEADERS))
                .contains("Local Volumes   3         1         400B      100B (25%)");
    }
}
