package berth.image;

import berth.common.BerthException;
import berth.common.GoDuration;
import berth.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Dockerfile's {@code HEALTHCHECK [--interval=D] [--timeout=D] [--start-period=D] [--start-interval=D]
 * [--retries=N] CMD command} (JSON or shell form) and {@code HEALTHCHECK NONE}, as Docker's config object.
 */
final class HealthcheckChange {
    private HealthcheckChange() {}

    static ObjectNode parse(String rest) {
        String[] words = rest.split("\\s+", 2);
        if (words[0].equalsIgnoreCase("NONE")) {
            if (words.length > 1) throw BerthException.invalid("HEALTHCHECK NONE takes no arguments");
            return ImageConfigJson.healthcheckJson(new Image.Healthcheck(List.of("NONE"), 0, 0, 0, 0, 0));
        }
        long interval = 0, timeout = 0, startPeriod = 0, startInterval = 0;
        int retries = 0;
        String text = rest;
        while (text.startsWith("--")) {
            String[] split = text.split("\\s+", 2);
            String[] flag = split[0].substring(2).split("=", 2);
            if (flag.length != 2) throw BerthException.invalid("HEALTHCHECK flag " + split[0] + " needs a value");
            switch (flag[0].toLowerCase(Locale.ROOT)) {
                case "interval" -> interval = duration(flag[1]);
                case "timeout" -> timeout = duration(flag[1]);
                case "start-period" -> startPeriod = duration(flag[1]);
                case "start-interval" -> startInterval = duration(flag[1]);
                case "retries" -> retries = retries(flag[1]);
                default -> throw BerthException.invalid("Unknown flag: " + flag[0]);
            }
            text = split.length > 1 ? split[1].strip() : "";
        }
        String[] cmd = text.split("\\s+", 2);
        if (!cmd[0].equalsIgnoreCase("CMD") || cmd.length < 2 || cmd[1].isBlank())
            throw BerthException.invalid("Unknown type \"" + cmd[0] + "\" in HEALTHCHECK (try CMD)");
        return ImageConfigJson.healthcheckJson(new Image.Healthcheck(test(cmd[1].strip()), interval, timeout,
                startPeriod, startInterval, retries));
    }

    private static List<String> test(String command) {
        List<String> test = new ArrayList<>();
        if (command.startsWith("[")) {
            try {
                JsonNode node = Json.oci().readTree(command);
                if (node.isArray()) {
                    test.add("CMD");
                    node.forEach(n -> test.add(n.asText()));
                    return test;
                }
            } catch (IOException notJson) {
                // the shell form, as Docker falls back to
            }
        }
        return List.of("CMD-SHELL", command);
    }

    private static long duration(String value) {
        try {
            long nanos = GoDuration.parseNanos(value);
            if (nanos < 0) throw BerthException.invalid("Duration cannot be negative: " + value);
            return nanos;
        } catch (IllegalArgumentException e) {
            throw BerthException.invalid(e.getMessage());
        }
    }

    private static int retries(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw BerthException.invalid("invalid retries value: " + value);
        }
    }
}
