package berth.image;

import java.util.Locale;

/** This machine's platform in OCI/Go names ({@code amd64}, {@code arm64}), from Java's {@code os.arch}. */
final class Platform {
    private Platform() {}

    static String architecture() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> arch.startsWith("arm") ? "arm" : arch;
        };
    }
}
