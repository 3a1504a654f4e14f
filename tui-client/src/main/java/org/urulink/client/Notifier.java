package org.urulink.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells the user about a message they cannot see: the terminal bell, and the {@code notify-command} setting
 * (e.g. {@code notify-send}) run with the title and text as arguments, without a shell, never waited for.
 */
final class Notifier {
    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());

    private final ChatSettings settings;
    private final Runnable bell;

    Notifier(ChatSettings settings, Runnable bell) {
        this.settings = settings;
        this.bell = bell;
    }

    /** The terminal bell, unless the {@code bell} setting is off. */
    void bell() {
        if (settings.bell()) {
            bell.run();
        }
    }

    /** Runs the {@code notify-command}, if there is one, for one message. */
    void message(String title, String text) {
        if (settings.notifyCommand().isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(settings.notifyCommand());
        command.add(Cells.clean(title, false));
        command.add(Cells.clean(text, true));
        try {
            new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "notify-command failed: " + e.getMessage());
        }
    }
}
