package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class FileNamesTest {
    @Test
    void onlyTheLastPathPartIsKept() {
        assertEquals("passwd", FileNames.safe("../../etc/passwd", "file"));
        assertEquals("evil.exe", FileNames.safe("C:\\\\Windows\\\\evil.exe", "file"));
    }

    @Test
    void hiddenAndControlCharactersAreRemoved() {
        assertEquals("bashrc", FileNames.safe(".bashrc", "file"));
        // U+202E (right-to-left override) would show "photo\u202Egpj.exe" as "photoexe.jpg".
        assertEquals("photogpj.exe", FileNames.safe("photo\u202Egpj.exe", "file"));
        assertEquals("ab", FileNames.safe("a\nb\u0007", "file"));
    }

    @Test
    void nothingLeftGivesTheFallback() {
        assertEquals("file-1", FileNames.safe("..", "file-1"));
        assertEquals("file-1", FileNames.safe("dir/", "file-1"));
        assertEquals("file-1", FileNames.safe(" . ", "file-1"));
    }

    @Test
    void longNamesAreCutTo255Characters() {
        assertEquals(255, FileNames.safe("x".repeat(300), "file").length());
    }

    @Test
    void mediaTypeIsGuessedFromTheName() {
        assertEquals("image/jpeg", FileNames.contentType(Path.of("Holiday.JPG")));
        assertEquals("text/plain", FileNames.contentType(Path.of("notes.txt")));
        assertEquals("application/octet-stream", FileNames.contentType(Path.of("blob.unknownext")));
    }
}
