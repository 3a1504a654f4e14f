package org.urulink.server;

import java.util.Objects;

/**
 * One line of {@code urulink setup} or {@code urulink doctor}: what was checked, whether it passed, what was found,
 * and — when it failed — what to do about it. Never holds a password or secret key: {@link BackendChecks} masks
 * secrets in what a library said before it goes into a check.
 *
 * @param name   what was checked, e.g. {@code Redis}, {@code RabbitMQ exchange}
 * @param ok     whether it passed
 * @param detail what was found, e.g. {@code redis://cache:6379 answers (Redis 7.2.4)}
 * @param fix    what to change when it failed; empty when it passed
 */
public record Check(String name, boolean ok, String detail, String fix) {

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(fix, "fix");
    }

    public static Check passed(String name, String detail) {
        return new Check(name, true, detail, "");
    }

    public static Check failed(String name, String detail, String fix) {
        return new Check(name, false, detail, fix);
    }
}
