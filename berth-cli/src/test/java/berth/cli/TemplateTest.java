package berth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final JsonNode INSPECT = parse("""
            {"Id":"abc123","Name":"/web","State":{"Status":"running","Running":true,"Pid":42},
             "Config":{"Labels":{"app":"shop","tier":"front"},"Env":["A=1","B=2"],"Cmd":null},
             "Mounts":[],"RestartCount":0}""");

    private static JsonNode parse(String json) {
        try {
            return Json.docker().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String render(String template, JsonNode data) { return Template.parse(template).render(data); }

    @Test
    void fieldsAndNestedFields() {
        assertThat(render("{{.Name}} {{.State.Status}} {{.State.Pid}} {{.State.Running}}", INSPECT))
                .isEqualTo("/web running 42 true");
    }

    @Test
    void valuesPrintLikeGo() {
        assertThat(render("{{.Config.Env}}|{{.Config.Labels}}|{{.Config.Cmd}}|{{.Nope}}|{{.Mounts}}", INSPECT))
                .isEqualTo("[A=1 B=2]|map[app:shop tier:front]|<nil>|<no value>|[]");
    }

    @Test
    void jsonOfDotAndOfAField() {
        assertThat(render("{{json .Config.Labels}}", INSPECT)).isEqualTo("{\"app\":\"shop\",\"tier\":\"front\"}");
        assertThat(render("{{json .State.Status}}", INSPECT)).isEqualTo("\"running\"");
        assertThat(render("{{json .}}", parse("{\"a\":\"<b>\"}"))).isEqualTo("{\"a\":\"<b>\"}");
    }

    @Test
    void indexIntoMapsAndArrays() {
        assertThat(render("{{index .Config.Labels \"app\"}}", INSPECT)).isEqualTo("shop");
        assertThat(render("[{{index .Config.Labels \"missing\"}}]", INSPECT)).isEqualTo("[]");
        assertThat(render("{{index .Config.Env 1}}", INSPECT)).isEqualTo("B=2");
    }

    @Test
    void functionsAndPipelines() {
        assertThat(render("{{upper .State.Status}} {{.Name | lower}} {{join .Config.Env \",\"}} {{len .Config.Env}}", INSPECT))
                .isEqualTo("RUNNING /web A=1,B=2 2");
        assertThat(render("{{printf \"%s:%v\" .Name .State.Pid}}", INSPECT)).isEqualTo("/web:42");
        assertThat(render("{{title \"hello world\"}}", INSPECT)).isEqualTo("Hello World");
        assertThat(render("{{(index .Config.Env 0) | upper}}", INSPECT)).isEqualTo("A=1");
    }

    @Test
    void rangeIfElseWith() {
        assertThat(render("{{range .Config.Env}}<{{.}}>{{end}}", INSPECT)).isEqualTo("<A=1><B=2>");
        assertThat(render("{{range $.Mounts}}x{{else}}none{{end}}", INSPECT)).isEqualTo("none");
        assertThat(render("{{if .State.Running}}up{{else}}down{{end}}", INSPECT)).isEqualTo("up");
        assertThat(render("{{if eq .State.Status \"exited\"}}e{{else if eq .State.Status \"running\"}}r{{end}}", INSPECT))
                .isEqualTo("r");
        assertThat(render("{{with .State}}{{.Status}}{{end}}", INSPECT)).isEqualTo("running");
        assertThat(render("{{range .Config.Labels}}{{.}};{{end}}", INSPECT)).isEqualTo("shop;front;");
    }

    @Test
    void trimMarkers() {
        assertThat(render("a  {{- .Name -}}  b", INSPECT)).isEqualTo("a/webb");
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> Template.parse("{{.Name")).isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> Template.parse("{{if .X}}a")).hasMessageContaining("missing {{end}}");
        assertThatThrownBy(() -> render("{{nosuch .X}}", INSPECT)).hasMessageContaining("\"nosuch\" not defined");
    }

    @Test
    void tableFormatRendersHeadersThenAlignedRows() {
        Format f = Format.parse("table {{.ID}}\\t{{.Names}}", ContainerRows.DEFAULT_TABLE);
        var row = Json.docker().createObjectNode().put("ID", "0123456789ab").put("Names", "web");
        assertThat(f.render(List.of(row), ContainerRows.HEADERS)).isEqualTo("""
                CONTAINER ID   NAMES
                0123456789ab   web
                """);
    }

    @Test
    void plainFormatIsOneLinePerRow() {
        Format f = Format.parse("{{.ID}}: {{.Names}}", ContainerRows.DEFAULT_TABLE);
        var a = Json.docker().createObjectNode().put("ID", "a").put("Names", "x");
        var b = Json.docker().createObjectNode().put("ID", "b").put("Names", "y");
        assertThat(f.render(List.of(a, b), ContainerRows.HEADERS)).isEqualTo("a: x\nb: y\n");
        assertThat(Format.parse("json", "").render(List.of(a), ContainerRows.HEADERS)).isEqualTo("{\"ID\":\"a\",\"Names\":\"x\"}\n");
    }

    @Test
    void inspectJsonIndentsLikeDocker() {
        assertThat(JsonIndent.array(List.of(parse("{\"A\":1,\"B\":[],\"C\":{},\"D\":[\"x\"],\"E\":{\"F\":null}}")))).isEqualTo("""
                [
                    {
                        "A": 1,
                        "B": [],
                        "C": {},
                        "D": [
                            "x"
                        ],
                        "E": {
                            "F": null
                        }
                    }
                ]""");
        assertThat(JsonIndent.array(List.of())).isEqualTo("[]");
    }
}
