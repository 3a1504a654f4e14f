package org.urulink.cli;

/** The exit codes of {@code urulink}; {@link ExitPolicy} is the one place that picks them. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Anything not listed below. */
    public static final int FAILURE = 1;
    /** Bad arguments (picocli's own code for usage errors). */
    public static final int USAGE = 2;
    public static final int SERVER_UNREACHABLE = 3;
    public static final int BAD_CREDENTIALS = 4;
    public static final int USERNAME_TAKEN = 5;
    public static final int NOT_LOGGED_IN = 6;
    public static final int NOT_FOUND = 7;
    /** The server refused a value: invalid username, weak password, message too large, ... */
    public static final int INVALID_INPUT = 8;
    /** Not a member of that conversation. */
    public static final int FORBIDDEN = 9;
    public static final int RATE_LIMITED = 10;
    /** The server failed (5xx) or answered something unexpected. */
    public static final int SERVER_ERROR = 11;
    /** A local file cannot be read or written: missing, unreadable, or a download target that exists. */
    public static final int FILE_PROBLEM = 12;
    /** {@code setup} and {@code doctor}: a check failed (a ✗ line); setup then wrote no config. */
    public static final int CHECK_FAILED = 13;
    /** {@code bench}: a message was lost or delivered twice. */
    public static final int BENCH_LOSS = 14;
    /** {@code server start}: the server cannot start (port in use, data directory unusable). */
    public static final int SERVER_CANNOT_START = ServerCommand.EXIT_CANNOT_START;
    /** {@code server start}: a setting is wrong. */
    public static final int SERVER_CONFIG = ServerCommand.EXIT_CONFIG;

    private ExitCodes() {
    }
}
