package org.urulink.server;

import java.security.SecureRandom;
import java.util.Base64;

/** Object keys no one can guess, for every blob store. */
final class BlobKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private BlobKeys() {
    }

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
