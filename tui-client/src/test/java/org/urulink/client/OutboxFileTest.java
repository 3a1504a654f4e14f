package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urulink.protocol.Attachment;

class OutboxFileTest {
    @TempDir
    Path dir;

    @Test
    void whatIsAddedSurvivesARestartUntilRemoved() {
        OutboxFile outbox = new OutboxFile(dir.resolve("a/outbox.json"));
        PendingMessage one = PendingMessage.queued("c-1", "conv", "hello", List.of(), 1);
        PendingMessage two = PendingMessage.queued("c-2", "conv", "", List.of(new Attachment("f", "x.txt", 3, "text/plain")), 2);
        outbox.add(one);
        outbox.add(two);
        assertEquals(List.of(one, two), new OutboxFile(dir.resolve("a/outbox.json")).load());
        outbox.remove("c-1");
        assertEquals(List.of(two), new OutboxFile(dir.resolve("a/outbox.json")).load());
    }

    @Test
    void theFileIsPrivate() throws Exception {
        OutboxFile outbox = new OutboxFile(dir.resolve("a/outbox.json"));
        outbox.add(PendingMessage.queued("c-1", "conv", "secret", List.of(), 1));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox.path())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox.path().getParent())));
    }

    @Test
    void eachAccountHasItsOwnUnderXdgDataHome() {
        Path p = OutboxFile.forAccount(Map.of("XDG_DATA_HOME", dir.toString()), dir.resolve("home"),
                URI.create("http://127.0.0.1:8080"), "alice").path();
        assertEquals(dir.resolve("urulink/chat/alice@127.0.0.1_8080/outbox.json"), p);
        Path home = OutboxFile.forAccount(Map.of(), dir.resolve("home"), URI.create("https://chat.example"), "bob").path();
        assertEquals(dir.resolve("home/.local/share/urulink/chat/bob@chat.example_443/outbox.json"), home);
    }
}
