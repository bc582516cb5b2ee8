package berth.engine;

import berth.common.BerthException;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Container names: Docker's rule for given names, and Docker-style {@code adjective_surname} defaults. */
final class Names {
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final SecureRandom RANDOM = new SecureRandom();
    // Our own lists: moods and pioneers of computing, mathematics and science.
    private static final List<String> LEFT = List.of(
            "agile", "bold", "brave", "bright", "calm", "clever", "cool", "crisp", "daring", "eager", "fair",
            "fancy", "gentle", "happy", "humble", "jolly", "keen", "kind", "lively", "lucid", "merry", "modest",
            "nimble", "noble", "patient", "plucky", "proud", "quiet", "quick", "serene", "sharp", "shy",
            "steady", "sunny", "swift", "tender", "tidy", "upbeat", "vivid", "witty", "zealous", "zen");
    private static final List<String> RIGHT = List.of(
            "babbage", "backus", "bardeen", "bohr", "boole", "cerf", "church", "curie", "dijkstra", "euler",
            "faraday", "fermi", "feynman", "gauss", "hamilton", "hopper", "kahn", "knuth", "lamarr", "lamport",
            "liskov", "lovelace", "maxwell", "meitner", "mirzakhani", "noether", "pascal", "perlman", "ramanujan",
            "ritchie", "shannon", "somerville", "stallman", "tesla", "thompson", "torvalds", "turing", "wing",
            "wozniak", "yonath");

    private Names() {}

    /** Strips the leading "/" Docker clients may send and checks the rule. */
    static String validate(String name) {
        String n = name.startsWith("/") ? name.substring(1) : name;
        if (!VALID.matcher(n).matches())
            throw BerthException.invalid("Invalid container name (" + n
                    + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        return n;
    }

    /** A fresh default name not taken yet; a digit is appended after a few collisions, as Docker does. */
    static String generate(Predicate<String> taken) {
        for (int attempt = 0; ; attempt++) {
            String name = LEFT.get(RANDOM.nextInt(LEFT.size())) + "_" + RIGHT.get(RANDOM.nextInt(RIGHT.size()));
            if (attempt >= 3) name += RANDOM.nextInt(10);
            if (!taken.test(name)) return name;
        }
    }
}
