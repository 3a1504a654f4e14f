package org.urulink.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {
    @Test
    void idsAreVersion7UuidsCarryingTheirTimeAndNeverRepeat() {
        long before = System.currentTimeMillis();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = UUID.fromString(TimeOrderedIds.next());
            assertEquals(7, id.version());
            assertEquals(2, id.variant());
            long millis = id.getMostSignificantBits() >>> 16;
            assertTrue(millis >= before && millis <= System.currentTimeMillis(), "the id carries its creation time");
            assertTrue(seen.add(id.toString()), "ids never repeat");
        }
    }

    @Test
    void anIdMadeInALaterMillisecondSortsAfter() throws InterruptedException {
        String first = TimeOrderedIds.next();
        Thread.sleep(2);
        String second = TimeOrderedIds.next();
        assertTrue(second.compareTo(first) > 0, first + " then " + second);
    }
}
