package org.urulink.server;

import java.util.List;

/**
 * A message that is durably stored, with the members it goes to as of its commit.
 *
 * @param duplicate true when the sender's client id had been stored before: nothing new was stored
 */
record Appended(StoredMessage message, List<String> memberIds, boolean duplicate) {
}
