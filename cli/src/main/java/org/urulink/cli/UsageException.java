package org.urulink.cli;

/** The arguments cannot work (e.g. no password source); exits {@link ExitCodes#USAGE}. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
