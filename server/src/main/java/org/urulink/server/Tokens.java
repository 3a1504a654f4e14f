package org.urulink.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.JwkKeys;
import io.helidon.security.jwt.jwk.JwkOctet;
import jakarta.json.Json;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.urulink.protocol.ErrorCode;

/**
 * Access tokens: HS256 JWTs signed with the node-shared key. The algorithm and key id are pinned: a token
 * naming any other algorithm (including "none") is refused before its signature is looked at.
 */
final class Tokens {
    static final String ALGORITHM = JwkOctet.ALG_HS256;
    private static final String KEY_ID = "urulink-1";
    private static final String ISSUER = "urulink";

    private final JwkOctet key;
    private final JwkKeys keys;
    private final Duration ttl;
    private final Clock clock;

    Tokens(byte[] secret, Duration ttl, Clock clock) {
        if (secret.length < SigningKey.MIN_BYTES) {
            throw new IllegalArgumentException("signing key too short");
        }
        this.key = JwkOctet.create(Json.createObjectBuilder()
                .add("kty", "oct")
                .add("kid", KEY_ID)
                .add("alg", ALGORITHM)
                .add("k", Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
                .build());
        this.keys = JwkKeys.builder().addKey(key).build();
        this.ttl = ttl;
        this.clock = clock;
    }

    /** What a valid access token says. */
    record Claims(String userId, String username, String loginId, Instant expiresAt) {
    }

    Duration ttl() {
        return ttl;
    }

    /** Signs a token for the user, tied to a login so logout can revoke it. */
    String issue(User user, String loginId) {
        Instant now = clock.instant();
        Jwt jwt = Jwt.builder()
                .algorithm(ALGORITHM)
                .keyId(KEY_ID)
                .type("JWT")
                .issuer(ISSUER)
                .subject(user.id())
                .jwtId(UUID.randomUUID().toString())
                .issueTime(now)
                .expirationTime(now.plus(ttl))
                .preferredUsername(user.username())
                // The seed's claims, for its clients that read them.
                .addPayloadClaim("uid", user.id())
                .addPayloadClaim("username", user.username())
                .addPayloadClaim("sid", loginId)
                .build();
        return SignedJwt.sign(jwt, key).tokenContent();
    }

    /**
     * Checks a token's algorithm, signature, issuer and times.
     *
     * @throws ChatException {@code token_expired} or {@code unauthorized}
     */
    Claims verify(String token) {
        SignedJwt signed;
        try {
            signed = SignedJwt.parseToken(token);
        } catch (RuntimeException e) {
            throw unauthorized();
        }
        Jwt jwt = signed.getJwt();
        if (!jwt.algorithm().map(ALGORITHM::equals).orElse(false)
                || !jwt.keyId().map(KEY_ID::equals).orElse(false)
                || !signed.verifySignature(keys, key).isValid()
                || !ISSUER.equals(jwt.issuer().orElse(null))) {
            throw unauthorized();
        }
        Instant exp = jwt.expirationTime().orElseThrow(Tokens::unauthorized);
        if (!exp.isAfter(clock.instant())) {
            throw new ChatException(ErrorCode.TOKEN_EXPIRED, "the access token has expired; refresh it");
        }
        return new Claims(jwt.subject().orElseThrow(Tokens::unauthorized),
                claim(jwt, "username").orElse(""),
                claim(jwt, "sid").orElseThrow(Tokens::unauthorized),
                exp);
    }

    private static Optional<String> claim(Jwt jwt, String name) {
        return jwt.payloadClaim(name)
                .filter(v -> v.getValueType() == JsonValue.ValueType.STRING)
                .map(v -> ((JsonString) v).getString());
    }

    private static ChatException unauthorized() {
        return new ChatException(ErrorCode.UNAUTHORIZED, "invalid access token");
    }
}
