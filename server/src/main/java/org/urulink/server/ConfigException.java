package org.urulink.server;

/** A setting is wrong; the message names the setting, where it came from, and what would be right. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
