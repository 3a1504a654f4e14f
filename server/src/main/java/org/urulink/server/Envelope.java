package org.urulink.server;

import java.util.Collection;

import org.urulink.protocol.Frame;

/**
 * A frame for every open session of some users.
 *
 * @param recipients user ids
 * @param exceptSession a session id not to send to (the sender of a typing or read frame), or empty
 */
record Envelope(Collection<String> recipients, Frame frame, String exceptSession) {
    Envelope(Collection<String> recipients, Frame frame) {
        this(recipients, frame, "");
    }
}
