package org.urulink.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.urulink.protocol.Json;

/** Builds the bad tokens an attacker would try, from a real token's claims. */
final class Jwts {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Jwts() {
    }

    static ObjectNode payload(String token) {
        try {
            return (ObjectNode) Json.mapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode header(String token) {
        try {
            return (ObjectNode) Json.mapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same header and claims, signed with a key the server never saw. */
    static String resignedWithOtherKey(String token) {
        String signingInput = token.substring(0, token.lastIndexOf('.'));
        return signingInput + "." + hs256(signingInput, "an attacker's key, 32 bytes long!!".getBytes(StandardCharsets.UTF_8));
    }

    /** The same claims with {@code alg: none} and no signature. */
    static String unsigned(String token) {
        ObjectNode header = header(token);
        header.put("alg", "none");
        return encode(header) + "." + token.split("\\.")[1] + ".";
    }

    /** The same claims with a longer lifetime, keeping the old signature. */
    static String tamperedExpiry(String token) {
        ObjectNode payload = payload(token);
        payload.put("exp", payload.path("exp").asLong() + 3600);
        return token.split("\\.")[0] + "." + encode(payload) + "." + token.split("\\.")[2];
    }

    private static String encode(ObjectNode node) {
        return B64.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String hs256(String input, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
