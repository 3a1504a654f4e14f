package org.urulink.client;

import java.util.List;

import org.urulink.protocol.Frame;

/** One page of a conversation's messages, ascending {@code seq}; {@code hasMore} when the page was cut short. */
public record History(List<Frame.Message> messages, boolean hasMore) {
    public History {
        messages = List.copyOf(messages);
    }
}
