package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatSettingsTest {
    @TempDir
    Path dir;

    @Test
    void defaultsWithoutAFile() {
        assertEquals(ChatSettings.DEFAULTS, ChatSettings.load(dir, Map.of()));
    }

    @Test
    void theFileThenTheEnvironment() throws Exception {
        Files.writeString(dir.resolve("chat.yaml"), "# mine\nnotify-command: \"notify-send -a urulink\"\nbell: false\n");
        ChatSettings s = ChatSettings.load(dir, Map.of());
        assertEquals(List.of("notify-send", "-a", "urulink"), s.notifyCommand());
        assertFalse(s.bell());
        assertTrue(ChatSettings.load(dir, Map.of("URULINK_BELL", "on")).bell());
    }

    @Test
    void aWrongSettingIsNamed() throws Exception {
        Files.writeString(dir.resolve("chat.yaml"), "bel: false\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChatSettings.load(dir, Map.of()));
        assertTrue(e.getMessage().contains("unknown setting \"bel\""), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ChatSettings.DEFAULTS.with(Map.of("bell", "maybe"), "test"));
    }
}
