package berth.api.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A method and path pattern bound to a handler. Patterns name segments {@code {id}}; {@code {name...}}
 * spans several segments, for image names like {@code localhost:5000/team/app}.
 */
public record Route(HttpMethod method, String pattern, Mode mode, Handler handler, Pattern regex,
                    List<String> names) {

    /** How the connection is used: an ordinary request, an upload read as it arrives, or one that may
     * hijack the connection for raw streams (attach, exec). */
    public enum Mode { PLAIN, STREAMING_BODY, HIJACK }

    private static final Pattern PARAM = Pattern.compile("\\{(\\w+)(\\.\\.\\.)?}");

    public static Route of(HttpMethod method, String pattern, Mode mode, Handler handler) {
        var names = new ArrayList<String>();
        var regex = new StringBuilder();
        var m = PARAM.matcher(pattern);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(pattern.substring(last, m.start())));
            regex.append(m.group(2) == null ? "([^/]+)" : "(.+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(pattern.substring(last)));
        return new Route(method, pattern, mode, handler, Pattern.compile(regex.toString()), List.copyOf(names));
    }
}
