package org.urulink.protocol;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UUIDs of version 7 (RFC 9562): the creation time in milliseconds, then random bits. Message ids and client ids
 * are keys of database indexes; ids that rise with time go in at the end of an index instead of at a random page
 * of it, so storing a message dirties (and writes to the log) fewer pages. Neither id is a secret — reading a
 * message takes membership of its conversation — so a fast non-cryptographic random is enough.
 */
public final class TimeOrderedIds {
    private TimeOrderedIds() {
    }

    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = System.currentTimeMillis() << 16 | 0x7000L | random.nextLong() & 0x0FFFL;
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
