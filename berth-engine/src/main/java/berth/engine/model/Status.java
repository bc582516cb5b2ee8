package berth.engine.model;

import berth.common.BerthException;

/**
 * Docker's container states and the guards on moving between them. The refusals carry Docker's messages.
 */
public enum Status {
    CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD;

    public String wire() {
        return name().toLowerCase();
    }

    public boolean isActive() {
        return this == RUNNING || this == PAUSED || this == RESTARTING;
    }

    public void checkCanPause(String ref) {
        switch (this) {
            case RUNNING -> { }
            case PAUSED -> throw BerthException.conflict("Container " + ref + " is already paused");
            case RESTARTING -> throw BerthException.conflict("Container " + ref
                    + " is restarting, wait until the container is running");
            default -> throw BerthException.conflict("Container " + ref + " is not running");
        }
    }

    public void checkCanUnpause(String ref) {
        if (this != PAUSED) throw BerthException.conflict("Container " + ref + " is not paused");
    }

    public void checkCanExec(String ref) {
        switch (this) {
            case RUNNING -> { }
            case PAUSED -> throw BerthException.conflict("Container " + ref
                    + " is paused, unpause the container before exec");
            case RESTARTING -> throw BerthException.conflict("Container " + ref
                    + " is restarting, wait until the container is running");
            default -> throw BerthException.conflict("container " + ref + " is not running");
        }
    }

    public static Status parse(String wire) {
        return valueOf(wire.toUpperCase());
    }
}
