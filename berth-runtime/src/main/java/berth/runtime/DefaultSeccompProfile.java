package berth.runtime;

import java.util.List;

/**
 * Docker's default seccomp profile, as berth's own data: deny everything with EPERM, then allow the
 * syscalls an ordinary program needs, a few only with harmless arguments, and the powerful ones only
 * when the container holds the capability that guards them (so {@code --cap-add SYS_ADMIN} also opens
 * mount, unshare and setns, as in Docker).
 */
final class DefaultSeccompProfile {
    private DefaultSeccompProfile() {}

    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    private static final String ALLOW = "SCMP_ACT_ALLOW";
    private static final String ERRNO = "SCMP_ACT_ERRNO";
    /** CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET: a clone that makes namespaces. */
    private static final long CLONE_NAMESPACE_FLAGS = 0x00020000L | 0x02000000L | 0x04000000L | 0x08000000L
            | 0x10000000L | 0x20000000L | 0x40000000L;
    private static final int AF_VSOCK = 40;

    /** Allowed for every container, on every architecture. */
    private static final String ALWAYS = """
            accept accept4 access adjtimex alarm bind brk capget capset chdir chmod chown chown32
            clock_adjtime clock_adjtime64 clock_getres clock_getres_time64 clock_gettime clock_gettime64
            clock_nanosleep clock_nanosleep_time64 close close_range connect copy_file_range creat dup dup2 dup3
            epoll_create epoll_create1 epoll_ctl epoll_ctl_old epoll_pwait epoll_pwait2 epoll_wait epoll_wait_old
            eventfd eventfd2 execve execveat exit exit_group faccessat faccessat2 fadvise64 fadvise64_64
            fallocate fanotify_mark fchdir fchmod fchmodat fchown fchown32 fchownat fcntl fcntl64
            fdatasync fgetxattr flistxattr flock fork fremovexattr fsetxattr fstat fstat64 fstatat64 fstatfs
            fstatfs64 fsync ftruncate ftruncate64 futex futex_time64 futex_waitv
            futimesat getcpu getcwd getdents getdents64 getegid getegid32 geteuid geteuid32 getgid
            getgid32 getgroups getgroups32 getitimer getpeername getpgid getpgrp getpid getppid getpriority
            getrandom getresgid getresgid32 getresuid getresuid32 getrlimit get_robust_list getrusage getsid
            getsockname getsockopt get_thread_area gettid gettimeofday getuid getuid32 getxattr
            inotify_add_watch inotify_init inotify_init1 inotify_rm_watch io_cancel ioctl io_destroy
            io_getevents io_pgetevents io_pgetevents_time64 ioprio_get ioprio_set io_setup io_submit ipc kill
            landlock_add_rule landlock_create_ruleset landlock_restrict_self lchown lchown32 lgetxattr link
            linkat listen listxattr llistxattr _llseek lremovexattr lseek lsetxattr lstat
            lstat64 madvise membarrier memfd_create memfd_secret mincore mkdir mkdirat mknod
            mknodat mlock mlock2 mlockall mmap mmap2 mprotect mq_getsetattr mq_notify mq_open mq_timedreceive
            mq_timedreceive_time64 mq_timedsend mq_timedsend_time64 mq_unlink mremap msgctl msgget msgrcv
            msgsnd msync munlock munlockall munmap name_to_handle_at nanosleep newfstatat _newselect open openat
            openat2 pause pidfd_open pidfd_send_signal pipe pipe2 pkey_alloc pkey_free pkey_mprotect poll ppoll
            ppoll_time64 prctl pread64 preadv preadv2 prlimit64 process_mrelease pselect6 pselect6_time64
            pwrite64 pwritev pwritev2 read readahead readlink readlinkat readv recv recvfrom recvmmsg
            recvmmsg_time64 recvmsg remap_file_pages removexattr rename renameat renameat2
            restart_syscall rmdir rseq rt_sigaction rt_sigpending rt_sigprocmask rt_sigqueueinfo rt_sigreturn
            rt_sigsuspend rt_sigtimedwait rt_sigtimedwait_time64 rt_tgsigqueueinfo sched_getaffinity
            sched_getattr sched_getparam sched_get_priority_max sched_get_priority_min sched_getscheduler
            sched_rr_get_interval sched_rr_get_interval_time64 sched_setaffinity sched_setattr sched_setparam
            sched_setscheduler sched_yield seccomp select semctl semget semop semtimedop semtimedop_time64 send
            sendfile sendfile64 sendmmsg sendmsg sendto setfsgid setfsgid32 setfsuid setfsuid32 setgid setgid32
            setgroups setgroups32 setitimer setpgid setpriority setregid setregid32 setresgid setresgid32
            setresuid setresuid32 setreuid setreuid32 setrlimit set_robust_list setsid setsockopt
            set_thread_area set_tid_address setuid setuid32 setxattr shmat shmctl shmdt shmget
            shutdown sigaltstack signalfd signalfd4 sigprocmask sigreturn socketcall socketpair splice stat
            stat64 statfs statfs64 statx symlink symlinkat sync sync_file_range syncfs sysinfo tee
            tgkill time timer_create timer_delete timer_getoverrun timer_gettime timer_gettime64 timer_settime
            timer_settime64 timerfd_create timerfd_gettime timerfd_gettime64 timerfd_settime timerfd_settime64
            times tkill truncate truncate64 ugetrlimit umask uname unlink unlinkat utime utimensat
            utimensat_time64 utimes vfork vmsplice wait4 waitid waitpid write writev
            """;

    static final SeccompProfile PROFILE = new SeccompProfile(ERRNO, EPERM, List.of(), List.of(
            arch("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"),
            arch("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"),
            arch("SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64N32"),
            arch("SCMP_ARCH_MIPS64N32", "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64"),
            arch("SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64N32"),
            arch("SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64"),
            arch("SCMP_ARCH_S390X", "SCMP_ARCH_S390"),
            arch("SCMP_ARCH_RISCV64")),
            List.of(
                    allow(ALWAYS, null),
                    // tracing another process needs CAP_SYS_PTRACE before 4.8, where seccomp could be bypassed with it
                    allow("process_vm_readv process_vm_writev ptrace", new SeccompProfile.Filter(null, null, "4.8")),
                    // any socket but vsock (host communication)
                    allowWhen("socket", new SeccompProfile.Arg(0, AF_VSOCK, 0, "SCMP_CMP_NE")),
                    // personality: only the harmless domains (Linux, UNAME26, READ_IMPLIES_EXEC... and the query)
                    allowWhen("personality", new SeccompProfile.Arg(0, 0x0, 0, "SCMP_CMP_EQ")),
                    allowWhen("personality", new SeccompProfile.Arg(0, 0x0008, 0, "SCMP_CMP_EQ")),
                    allowWhen("personality", new SeccompProfile.Arg(0, 0x20000, 0, "SCMP_CMP_EQ")),
                    allowWhen("personality", new SeccompProfile.Arg(0, 0x20008, 0, "SCMP_CMP_EQ")),
                    allowWhen("personality", new SeccompProfile.Arg(0, 0xffffffffL, 0, "SCMP_CMP_EQ")),
                    allow("sync_file_range2 swapcontext", arches("ppc64le")),
                    allow("arm_fadvise64_64 arm_sync_file_range sync_file_range2 breakpoint cacheflush set_tls", arches("arm", "arm64")),
                    allow("arch_prctl", arches("amd64", "x32")),
                    allow("modify_ldt", arches("amd64", "x32", "x86")),
                    allow("s390_pci_mmio_read s390_pci_mmio_write s390_runtime_instr", arches("s390", "s390x")),
                    allow("riscv_flush_icache", arches("riscv64")),
                    allow("open_by_handle_at", caps("CAP_DAC_READ_SEARCH")),
                    allow("""
                            bpf clone clone3 fanotify_init fsconfig fsmount fsopen fspick lookup_dcookie mount
                            mount_setattr move_mount open_tree perf_event_open quotactl quotactl_fd setdomainname
                            sethostname setns syslog umount umount2 unshare""", caps("CAP_SYS_ADMIN")),
                    // without CAP_SYS_ADMIN: clone only when it makes no namespace (flags are arg 1 on s390)
                    new SeccompProfile.Rule(names("clone"), null, ALLOW, null,
                            List.of(new SeccompProfile.Arg(0, CLONE_NAMESPACE_FLAGS, 0, "SCMP_CMP_MASKED_EQ")), null,
                            new SeccompProfile.Filter(List.of("s390", "s390x"), List.of("CAP_SYS_ADMIN"), null)),
                    new SeccompProfile.Rule(names("clone"), null, ALLOW, null,
                            List.of(new SeccompProfile.Arg(1, CLONE_NAMESPACE_FLAGS, 0, "SCMP_CMP_MASKED_EQ")),
                            arches("s390", "s390x"), caps("CAP_SYS_ADMIN")),
                    // clone3's flags are behind a pointer, so seccomp cannot look: ENOSYS makes libc fall back to clone
                    new SeccompProfile.Rule(names("clone3"), null, ERRNO, ENOSYS, null, null, caps("CAP_SYS_ADMIN")),
                    allow("reboot", caps("CAP_SYS_BOOT")),
                    allow("chroot", caps("CAP_SYS_CHROOT")),
                    allow("delete_module init_module finit_module", caps("CAP_SYS_MODULE")),
                    allow("acct", caps("CAP_SYS_PACCT")),
                    allow("kcmp pidfd_getfd process_madvise process_vm_readv process_vm_writev ptrace", caps("CAP_SYS_PTRACE")),
                    allow("iopl ioperm", caps("CAP_SYS_RAWIO")),
                    allow("settimeofday stime clock_settime clock_settime64", caps("CAP_SYS_TIME")),
                    allow("vhangup", caps("CAP_SYS_TTY_CONFIG")),
                    allow("get_mempolicy mbind set_mempolicy set_mempolicy_home_node", caps("CAP_SYS_NICE")),
                    allow("syslog", caps("CAP_SYSLOG")),
                    allow("bpf", caps("CAP_BPF")),
                    allow("perf_event_open", caps("CAP_PERFMON"))));

    private static SeccompProfile.ArchMap arch(String arch, String... sub) {
        return new SeccompProfile.ArchMap(arch, List.of(sub));
    }

    private static List<String> names(String words) {
        return List.of(words.strip().split("\\s+"));
    }

    private static SeccompProfile.Rule allow(String words, SeccompProfile.Filter includes) {
        return new SeccompProfile.Rule(names(words), null, ALLOW, null, null, includes, null);
    }

    private static SeccompProfile.Rule allowWhen(String name, SeccompProfile.Arg arg) {
        return new SeccompProfile.Rule(names(name), null, ALLOW, null, List.of(arg), null, null);
    }

    private static SeccompProfile.Filter arches(String... arches) {
        return new SeccompProfile.Filter(List.of(arches), null, null);
    }

    private static SeccompProfile.Filter caps(String... caps) {
        return new SeccompProfile.Filter(null, List.of(caps), null);
    }
}
