package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void windowsPathPartsAreStrippedToo() {
        assertEquals("boot.ini", FileNames.sanitize("..\\..\\boot.ini"));
    }

    @Test
    void namesThatAreOnlyDotsOrEmptyBecomeFile() {
        assertEquals("file", FileNames.sanitize(".."));
        assertEquals("file", FileNames.sanitize("dir/"));
        assertEquals("file", FileNames.sanitize(null));
    }

    @Test
    void longNamesAreCutTo255CodePoints() {
        assertEquals(255, FileNames.sanitize("é".repeat(300)).codePointCount(0, 255));
        assertEquals(255, FileNames.sanitize("x".repeat(300)).length());
    }

    @Test
    void contentTypeWithHeaderInjectionIsRefused() {
        assertThrows(ChatException.class, () -> FileNames.contentType("text/plain\r\nX-Evil: 1"));
        assertEquals("text/plain; charset=utf-8", FileNames.contentType("text/plain; charset=UTF-8"));
        assertEquals(FileNames.DEFAULT_TYPE, FileNames.contentType(null));
    }

    @Test
    void sha256MustBe64HexDigits() {
        assertThrows(ChatException.class, () -> FileNames.sha256("abc"));
        assertEquals("ab".repeat(32), FileNames.sha256("AB".repeat(32)));
    }
}
