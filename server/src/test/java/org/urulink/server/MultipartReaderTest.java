package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Multipart forms read part by part from a stream that arrives a few bytes at a time, as a network gives it. */
class MultipartReaderTest {

    @Test
    void eachPartComesWithItsNameFileNameTypeAndBytes() throws IOException {
        byte[] one = BlobStoreContract.bytes(200_000);
        byte[] two = "second".getBytes(StandardCharsets.UTF_8);
        Form form = new Form().file("files", "a.bin", "image/png", one).file("files", "b; c.txt", null, two);
        MultipartReader reader = reader(form, form.bytes());

        MultipartReader.Part first = reader.next().orElseThrow();
        assertEquals("files", first.disposition("name").orElseThrow());
        assertEquals("a.bin", first.disposition("filename").orElseThrow());
        assertEquals("image/png", first.contentType().orElseThrow());
        assertArrayEquals(one, first.body().readAllBytes());

        MultipartReader.Part second = reader.next().orElseThrow();
        assertEquals("b; c.txt", second.disposition("filename").orElseThrow(), "a quoted value may hold ';'");
        assertTrue(second.contentType().isEmpty());
        assertArrayEquals(two, second.body().readAllBytes());
        assertTrue(reader.next().isEmpty());
    }

    @Test
    void bytesThatAlmostMatchTheBoundaryStayInThePart() throws IOException {
        Form form = new Form();
        byte[] tricky = ("x\r\n--" + form.boundary.substring(0, 10) + "y\r\n-").getBytes(StandardCharsets.UTF_8);
        form.file("files", "t.txt", "text/plain", tricky);
        MultipartReader reader = reader(form, form.bytes());
        assertArrayEquals(tricky, reader.next().orElseThrow().body().readAllBytes());
    }

    @Test
    void partsNobodyReadsAreSkipped() throws IOException {
        Form form = new Form().field("note", "ignored").file("files", "a.txt", "text/plain", new byte[] {1, 2, 3});
        MultipartReader reader = reader(form, form.bytes());
        assertEquals("note", reader.next().orElseThrow().disposition("name").orElseThrow());
        assertArrayEquals(new byte[] {1, 2, 3}, reader.next().orElseThrow().body().readAllBytes());
    }

    @Test
    void aFormCutShortIsMalformed() {
        Form form = new Form().file("files", "a.txt", "text/plain", new byte[100]);
        MultipartReader reader = reader(form, form.unfinished());
        assertThrows(MultipartReader.Malformed.class, () -> reader.next().orElseThrow().body().readAllBytes());
        assertTrue(reader.malformed());
    }

    @Test
    void aBodyWithoutItsBoundaryIsMalformed() {
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream("{\"a\":1}".getBytes()), "zzz");
        assertThrows(MultipartReader.Malformed.class, reader::next);
    }

    @Test
    void theBoundaryComesFromAFormContentTypeOnly() {
        assertEquals(Optional.of("abc"), MultipartReader.boundary("multipart/form-data; boundary=abc"));
        assertEquals(Optional.of("a b"), MultipartReader.boundary("Multipart/Form-Data; boundary=\"a b\""));
        assertTrue(MultipartReader.boundary("application/json").isEmpty());
        assertTrue(MultipartReader.boundary("multipart/form-data").isEmpty());
    }

    private static MultipartReader reader(Form form, byte[] body) {
        return new MultipartReader(new Trickle(new ByteArrayInputStream(body)), form.boundary);
    }

    /** Hands out at most seven bytes per read, so delimiters and headers are split across reads. */
    private static final class Trickle extends FilterInputStream {
        private int turn;

        Trickle(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + turn++ % 7));
        }
    }
}
