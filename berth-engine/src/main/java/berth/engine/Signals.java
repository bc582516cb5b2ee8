package berth.engine;

import berth.common.BerthException;
import java.util.Map;

/** Signal names and numbers on Linux x86-64, as Docker accepts them ("TERM", "SIGTERM", "15"). */
final class Signals {
    static final int KILL = 9, TERM = 15;
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7),
            Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11),
            Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15),
            Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CONT", 18), Map.entry("STOP", 19),
            Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23),
            Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27),
            Map.entry("WINCH", 28), Map.entry("IO", 29), Map.entry("POLL", 29), Map.entry("PWR", 30),
            Map.entry("SYS", 31));

    private Signals() {}

    /** Parses a signal; "" gives {@code fallback}. Unknown → InvalidArgument "Invalid signal: X". */
    static int parse(String signal, int fallback) {
        if (signal == null || signal.isEmpty()) return fallback;
        String s = signal.toUpperCase();
        if (s.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= 64) return n;
        }
        if (s.startsWith("SIG")) s = s.substring(3);
        Integer n = NUMBERS.get(s);
        if (n == null && s.startsWith("RTMIN")) n = rt(34, s.substring(5));
        if (n == null && s.startsWith("RTMAX")) n = rt(64, s.substring(5));
        if (n == null) throw BerthException.invalid("Invalid signal: " + signal);
        return n;
    }

    private static Integer rt(int base, String offset) {
        if (offset.isEmpty()) return base;
        try {
            return base + Integer.parseInt(offset);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
