package berth.sys;

/** A failed system call: the call, its argument and errno. */
public final class OsException extends RuntimeException {
    private final int errno;

    public OsException(String call, String argument, int errno, String strerror) {
        super(call + " " + argument + ": " + strerror + " (errno " + errno + ")");
        this.errno = errno;
    }

    public int errno() { return errno; }

    public static final int EPERM = 1, ENOENT = 2, ESRCH = 3, EINVAL = 22, EBUSY = 16, EEXIST = 17, ENODATA = 61,
            ENOTDIR = 20, ELOOP = 40, EXDEV = 18, ENOSYS = 38, EISDIR = 21;
}
