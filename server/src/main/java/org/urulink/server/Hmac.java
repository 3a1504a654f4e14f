package org.urulink.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, for signed URLs and for deriving one key per purpose from the server's signing key. */
final class Hmac {
    private Hmac() {
    }

    static byte[] sha256(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** A key for one purpose, so a signature made for it is never valid anywhere else (tokens, other URLs). */
    static byte[] derive(byte[] key, String purpose) {
        return sha256(key, purpose);
    }

    static String sign(byte[] key, String data) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(key, data));
    }

    /** Constant-time comparison of a given signature with the expected one. */
    static boolean verify(byte[] key, String data, String signature) {
        byte[] expected = sign(key, data).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }
}
