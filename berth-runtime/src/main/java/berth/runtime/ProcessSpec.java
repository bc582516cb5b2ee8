package berth.runtime;

import java.util.List;

/**
 * The process to run: args (never empty), environment as KEY=VALUE, working directory (absolute, "/" when
 * unset), the user as Docker writes it ("", "uid", "uid:gid", "name", "name:group"; names resolved from the
 * rootfs' /etc/passwd and /etc/group), whether it gets a terminal, whether stdin stays open, and whether it
 * runs privileged (all capabilities). With {@code stdinOnce} the process's stdin closes when the first
 * attached client ends its input (Docker's StdinOnce); otherwise it stays open across attaches.
 * {@code groupAdd}: the container's extra groups (Docker's GroupAdd, names or numbers), for execs too.
 */
public record ProcessSpec(List<String> args, List<String> env, String cwd, String user, boolean terminal,
                          boolean openStdin, boolean privileged, boolean stdinOnce, List<String> groupAdd) {
    public ProcessSpec {
        args = List.copyOf(args);
        env = List.copyOf(env);
        groupAdd = List.copyOf(groupAdd);
        if (args.isEmpty()) throw new IllegalArgumentException("no command specified");
    }

    /** Without extra groups. */
    public ProcessSpec(List<String> args, List<String> env, String cwd, String user, boolean terminal,
                       boolean openStdin, boolean privileged, boolean stdinOnce) {
        this(args, env, cwd, user, terminal, openStdin, privileged, stdinOnce, List.of());
    }
}
