package berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnitsAndTableTest {
    @Test
    void humanDurationLikeGoUnits() {
        assertThat(Units.humanDuration(Duration.ofMillis(400))).isEqualTo("Less than a second");
        assertThat(Units.humanDuration(Duration.ofSeconds(1))).isEqualTo("1 second");
        assertThat(Units.humanDuration(Duration.ofSeconds(5))).isEqualTo("5 seconds");
        assertThat(Units.humanDuration(Duration.ofSeconds(90))).isEqualTo("About a minute");
        assertThat(Units.humanDuration(Duration.ofMinutes(45))).isEqualTo("45 minutes");
        assertThat(Units.humanDuration(Duration.ofMinutes(61))).isEqualTo("About an hour");
        assertThat(Units.humanDuration(Duration.ofMinutes(150))).isEqualTo("3 hours");
        assertThat(Units.humanDuration(Duration.ofDays(3))).isEqualTo("3 days");
        assertThat(Units.humanDuration(Duration.ofDays(20))).isEqualTo("2 weeks");
        assertThat(Units.humanDuration(Duration.ofDays(100))).isEqualTo("3 months");
        assertThat(Units.humanDuration(Duration.ofDays(800))).isEqualTo("2 years");
    }

    @Test
    void sizesLikeDocker() {
        assertThat(Units.humanSize(4_261_234, 3)).isEqualTo("4.26MB");
        assertThat(Units.humanSize(0, 3)).isEqualTo("0B");
        assertThat(Units.humanSize(999, 3)).isEqualTo("999B");
        assertThat(Units.humanSize(1_000, 3)).isEqualTo("1kB");
        assertThat(Units.humanSize(77_800_000, 3)).isEqualTo("77.8MB");
        assertThat(Units.humanSize(123_456_789, 3)).isEqualTo("123MB");
        assertThat(Units.humanSize(999_999, 3)).isEqualTo("1e+03kB");
        assertThat(Units.humanSize(1_234_567)).isEqualTo("1.235MB");
        assertThat(Units.bytesSize(25_200_000_000.0)).isEqualTo("23.47GiB");
    }

    @Test
    void tabwriterPadsToMinWidthTenAndPaddingThree() {
        String out = Table.format(List.of("CONTAINER ID\tIMAGE\tNAMES", "abc\tbusybox:latest\tweb"));
        assertThat(out).isEqualTo("""
                CONTAINER ID   IMAGE            NAMES
                abc            busybox:latest   web
                """);
    }

    @Test
    void psRowAndDefaultTable() throws Exception {
        Instant now = Instant.ofEpochSecond(1_700_000_000);
        JsonNode c = Json.docker().readTree("""
                {"Id":"4d3f1c7b9a2e8f60112233445566778899aabbccddeeff00112233445566","Names":["/web"],
                 "Image":"busybox","ImageID":"sha256:ff","Command":"sh -c 'while true; do sleep 1; done'",
                 "Created":1699999995,"State":"running","Status":"Up 4 seconds","Ports":[],"Labels":{}}""");
        Format f = Format.parse("", ContainerRows.DEFAULT_TABLE);
        assertThat(f.render(List.of(ContainerRows.row(c, true, now)), ContainerRows.HEADERS)).isEqualTo(
                "CONTAINER ID   IMAGE     COMMAND                  CREATED         STATUS         PORTS     NAMES\n"
                + "4d3f1c7b9a2e   busybox   \"sh -c 'while true; …\"   5 seconds ago   Up 4 seconds             web\n");
    }

    @Test
    void emptyPsStillPrintsTheHeader() {
        assertThat(Format.parse("", ContainerRows.DEFAULT_TABLE).render(List.of(), ContainerRows.HEADERS))
                .isEqualTo("CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n");
    }

    @Test
    void imagesTable() throws Exception {
        Instant now = Instant.ofEpochSecond(1_700_000_000);
        JsonNode image = Json.docker().readTree("""
                {"Id":"sha256:a416a98b71e224a31ee99cff8e16063554498227d2b696152a9c3e0aa65e5824",
                 "RepoTags":["busybox:latest","registry:5000/busybox:1.36"],"Created":1699992800,"Size":4261234}""");
        JsonNode dangling = Json.docker().readTree("{\"Id\":\"sha256:0123456789abcdef\",\"RepoTags\":[],\"Created\":1600000000,\"Size\":0}");
        List<JsonNode> rows = new java.util.ArrayList<>(ImageRows.rows(image, true, now));
        rows.addAll(ImageRows.rows(dangling, true, now));
        assertThat(Format.parse("", ImageRows.DEFAULT_TABLE).render(rows, ImageRows.HEADERS)).isEqualTo("""
                REPOSITORY              TAG       IMAGE ID       CREATED       SIZE
                busybox                 latest    a416a98b71e2   2 hours ago   4.26MB
                registry:5000/busybox   1.36      a416a98b71e2   2 hours ago   4.26MB
                <none>                  <none>    0123456789ab   3 years ago   0B
                """);
    }

    @Test
    void portsAndNames() throws Exception {
        JsonNode ports = Json.docker().readTree("[{\"IP\":\"0.0.0.0\",\"PrivatePort\":80,\"PublicPort\":8080,\"Type\":\"tcp\"},{\"PrivatePort\":53,\"Type\":\"udp\"}]");
        assertThat(ContainerRows.ports(ports)).isEqualTo("0.0.0.0:8080->80/tcp, 53/udp");
        assertThat(ContainerRows.names(Json.docker().readTree("[\"/a/link\",\"/b\"]"), true)).isEqualTo("b");
        assertThat(ContainerRows.ellipsis("12345678901234567890", 20)).isEqualTo("12345678901234567890");
        assertThat(ContainerRows.ellipsis("123456789012345678901", 20)).isEqualTo("1234567890123456789…");
    }
}
