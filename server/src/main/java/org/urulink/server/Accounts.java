package org.urulink.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.urulink.protocol.ErrorCode;

/** Registration, password login, refresh-token rotation and logout. */
final class Accounts {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{3,32}");
    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 1024;
    private static final int MAX_NAME = 64;

    private final Store store;
    private final Passwords passwords;
    private final Tokens tokens;
    /** How long a login lasts without a refresh: each refresh starts it again. */
    private final Duration loginTtl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Accounts(Store store, Passwords passwords, Tokens tokens, Duration loginTtl, Clock clock) {
        this.store = store;
        this.passwords = passwords;
        this.tokens = tokens;
        this.loginTtl = loginTtl;
        this.clock = clock;
    }

    /** What a login or refresh hands the client. */
    record Issued(String accessToken, String refreshToken, long expiresInSeconds, User user) {
    }

    User register(String username, String password, String name) {
        if (username == null || password == null) {
            // Absent is a client bug, not a bad choice of name or password: say which, as login does.
            throw new ChatException(ErrorCode.MISSING_FIELD, "username and password are required");
        }
        String normalized = normalize(username);
        if (!USERNAME.matcher(normalized).matches()) {
            throw new ChatException(ErrorCode.INVALID_USERNAME,
                    "a username is 3 to 32 characters of a-z, 0-9, '_', '.' and '-'");
        }
        checkPassword(password);
        String display = name == null || name.isBlank() ? normalized : name.strip();
        if (display.length() > MAX_NAME || display.chars().anyMatch(Character::isISOControl)) {
            throw ChatException.invalid("a name is at most " + MAX_NAME + " characters, without control characters");
        }
        // Fail fast on a taken name before paying for the hash; the unique index still decides races.
        if (store.userByUsername(normalized).isPresent()) {
            throw taken(normalized);
        }
        User user = new User(UUID.randomUUID().toString(), normalized, display, passwords.hash(password), clock.millis());
        store.insertUser(user);
        return user;
    }

    Issued login(String username, String password) {
        if (username == null || password == null) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "username and password are required");
        }
        var user = store.userByUsername(normalize(username));
        if (user.isEmpty() || password.length() > MAX_PASSWORD) {
            passwords.verifyDummy(password.length() > MAX_PASSWORD ? "" : password);
            throw badCredentials();
        }
        if (!passwords.verify(password, user.get().passwordHash())) {
            throw badCredentials();
        }
        String loginId = UUID.randomUUID().toString();
        String refresh = newRefreshToken();
        long now = clock.millis();
        store.insertLogin(loginId, user.get().id(), hash(refresh), now, now + loginTtl.toMillis());
        return issued(user.get(), loginId, refresh);
    }

    Issued refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "refreshToken is required");
        }
        String next = newRefreshToken();
        long now = clock.millis();
        return switch (store.rotateRefresh(hash(refreshToken), hash(next), now, now + loginTtl.toMillis())) {
            case Store.RefreshOutcome.Rotated r -> issued(store.userById(r.userId()).orElseThrow(Accounts::revoked),
                    r.loginId(), next);
            case Store.RefreshOutcome.Reused r -> throw new LoginRevoked(r.loginId());
            case Store.RefreshOutcome.Invalid i -> throw revoked();
        };
    }

    /**
     * Revokes the login behind the refresh token, returning its id so its open sessions can be closed. Unknown
     * tokens are fine: the caller is logged out either way. A missing one is refused, though: answering 204 would
     * tell a client that forgot to send it that its login is over while it still works.
     */
    Optional<String> logout(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "refreshToken is required");
        }
        return store.revokeLoginOf(hash(refreshToken));
    }

    /** A refresh token was presented twice: its login is revoked, and its open sessions must close. */
    static final class LoginRevoked extends ChatException {
        private final String loginId;

        LoginRevoked(String loginId) {
            super(ErrorCode.UNAUTHORIZED, "this refresh token was already used; the login is revoked, log in again");
            this.loginId = loginId;
        }

        String loginId() {
            return loginId;
        }
    }

    /** Verifies an access token and that its login was not revoked. */
    Tokens.Claims authenticate(String accessToken) {
        Tokens.Claims claims = tokens.verify(accessToken);
        if (!store.loginActive(claims.loginId(), clock.millis())) {
            throw new ChatException(ErrorCode.UNAUTHORIZED, "this login was revoked; log in again");
        }
        return claims;
    }

    private Issued issued(User user, String loginId, String refresh) {
        return new Issued(tokens.issue(user, loginId), refresh, tokens.ttl().toSeconds(), user);
    }

    private String newRefreshToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "r1." + HexFormat.of().formatHex(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new ChatException(ErrorCode.WEAK_PASSWORD, "a password needs at least " + MIN_PASSWORD + " characters");
        }
        if (password.length() > MAX_PASSWORD) {
            throw new ChatException(ErrorCode.WEAK_PASSWORD, "a password is at most " + MAX_PASSWORD + " characters");
        }
    }

    private static ChatException taken(String username) {
        return new ChatException(ErrorCode.USERNAME_TAKEN, "the username \"" + username + "\" is taken");
    }

    private static ChatException badCredentials() {
        return new ChatException(ErrorCode.INVALID_CREDENTIALS, "wrong username or password");
    }

    private static ChatException revoked() {
        return new ChatException(ErrorCode.UNAUTHORIZED, "this refresh token is not valid; log in again");
    }
}
