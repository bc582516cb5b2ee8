package berth.cli;

import java.io.Console;

/** Whether stdin is a terminal; -it needs one (raw mode comes with the TTY issue). */
final class Terminal {
    private Terminal() {}

    static boolean stdinIsTerminal() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }

    /** docker's check before -it: the TTY must be ours to hand over. */
    static void requireForInteractiveTty(boolean interactive, boolean tty) {
        if (interactive && tty && !stdinIsTerminal()) {
            throw new CliException(1, "the input device is not a TTY");
        }
    }
}
