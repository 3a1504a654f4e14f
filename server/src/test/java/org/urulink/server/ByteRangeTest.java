package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    private static Optional<ByteRange> parse(String header, long size) {
        return ByteRange.parse(Optional.of(header), size);
    }

    @Test
    void closedRangeIsClippedToTheObject() {
        assertEquals(Optional.of(new ByteRange(5, 9)), parse("bytes=5-100", 10));
    }

    @Test
    void openRangeRunsToTheEnd() {
        assertEquals(Optional.of(new ByteRange(3, 9)), parse("bytes=3-", 10));
    }

    @Test
    void suffixRangeIsTheLastBytes() {
        assertEquals(Optional.of(new ByteRange(7, 9)), parse("bytes=-3", 10));
        assertEquals(Optional.of(new ByteRange(0, 9)), parse("bytes=-30", 10));
    }

    @Test
    void severalRangesOrOtherUnitsAreIgnored() {
        assertEquals(Optional.empty(), parse("bytes=0-1,5-6", 10));
        assertEquals(Optional.empty(), parse("items=0-1", 10));
        assertEquals(Optional.empty(), ByteRange.parse(Optional.empty(), 10));
    }

    @Test
    void rangePastTheEndIsUnsatisfiable() {
        assertThrows(ByteRange.Unsatisfiable.class, () -> parse("bytes=10-", 10));
        assertThrows(ByteRange.Unsatisfiable.class, () -> parse("bytes=5-2", 10));
        assertThrows(ByteRange.Unsatisfiable.class, () -> parse("bytes=-0", 10));
    }
}
