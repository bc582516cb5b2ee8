package berth.runtime;

/** The runtime's view of a container: status is one of creating, created, running, paused, stopped. */
public record RuntimeState(String id, String status, int pid) {}
