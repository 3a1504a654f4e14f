package org.urulink.server;

import java.util.Objects;

/**
 * One line of {@code urulink setup} or {@code urulink doctor}: what was checked, how it came out, what was found,
 * and — when it failed or warns — what to do about it. Never holds a password or secret key: {@link BackendChecks}
 * masks secrets in what a library said before it goes into a check.
 *
 * @param name   what was checked, e.g. {@code Redis}, {@code RabbitMQ exchange}
 * @param state  passed, passed with a warning, or failed
 * @param detail what was found, e.g. {@code redis://cache:6379 answers (Redis 7.2.4)}
 * @param fix    what to change when it failed or warns; empty when it passed
 */
public record Check(String name, State state, String detail, String fix) {

    /**
     * How a check came out. A warning works but will hurt later (shown {@code !}); it is not a failure: it stops
     * nothing and changes no exit code.
     */
    public enum State { PASSED, WARNING, FAILED }

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(fix, "fix");
    }

    public static Check passed(String name, String detail) {
        return new Check(name, State.PASSED, detail, "");
    }

    /** Works, but the operator should change something: {@code fix} says what. */
    public static Check warning(String name, String detail, String fix) {
        return new Check(name, State.WARNING, detail, fix);
    }

    public static Check failed(String name, String detail, String fix) {
        return new Check(name, State.FAILED, detail, fix);
    }

    /** Whether it passed, with or without a warning: whatever needs it may go on. */
    public boolean ok() {
        return state != State.FAILED;
    }

    public boolean warns() {
        return state == State.WARNING;
    }
}
