package org.urulink.client;

import java.util.List;

import org.urulink.protocol.Frame;

/**
 * How a front end shows what happens beyond the model: the full screen redraws from the model and only rings
 * the bell; the line mode prints each event as a line. Called on the UI thread.
 */
interface ChatOutput {
    /** A message of {@code c} came in, live or from a sync (history pages are not reported). */
    void message(ConversationState c, Frame.Message m);

    /** {@code c} was opened and its newest page is in: the line mode prints the last few messages. */
    void opened(ConversationState c);

    /** Something to tell the user: a command's answer, a failure. */
    void notice(List<String> lines);

    /** The connection changed, in words ("connected", "offline, reconnecting in 2s"). */
    void link(String text);

    /** A message the user cannot see arrived. */
    void bell();
}
