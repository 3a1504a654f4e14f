package org.urulink.client;

import java.util.function.Consumer;

/**
 * History pages, on the UI thread: the newest page when a conversation is opened, and the page before the oldest
 * message held when the screen shows the top of what is loaded.
 */
final class Pages {
    static final int PAGE = 50;

    private final ChatController.Deps d;
    private final Calls calls;
    private final Consumer<String> notice;

    Pages(ChatController.Deps deps, Calls calls, Consumer<String> notice) {
        this.d = deps;
        this.calls = calls;
        this.notice = notice;
    }

    /** {@code c} was opened: load its newest page once (the front end shows it when it is in). */
    void opened(ConversationState c) {
        if (c.newestLoaded()) {
            d.out().opened(c);
            return;
        }
        if (c.loading()) {
            return;
        }
        c.loading(true);
        calls.background(() -> d.link().messages(c.id(), HistoryQuery.newest(PAGE)), page -> {
            c.page(page, false);
            d.out().opened(c);
        }, e -> {
            c.loading(false);
            notice.accept("cannot load " + c.title() + ": " + ChatController.reason(e));
        });
    }

    /** The page before the oldest message held, unless there is none or one is on its way. */
    void older(ConversationState c) {
        if (!c.hasOlder() || c.loading() || !c.newestLoaded() || c.oldestSeq().isEmpty()) {
            return;
        }
        c.loading(true);
        long before = c.oldestSeq().get();
        calls.background(() -> d.link().messages(c.id(), HistoryQuery.before(before, PAGE)), page -> c.page(page, true),
                e -> {
                    c.loading(false);
                    notice.accept("cannot load older messages: " + ChatController.reason(e));
                });
    }

    /** After a redraw: keep the scroll within what exists, and load older messages when their top shows. */
    void rendered(Screen screen) {
        d.model().selected().ifPresent(c -> {
            if (c.scroll() > screen.maxScroll() && !c.loading()) {
                c.scroll(screen.maxScroll());
            }
            if (screen.wantsOlder()) {
                older(c);
            }
        });
    }
}
