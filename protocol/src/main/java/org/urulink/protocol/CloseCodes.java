package org.urulink.protocol;

/** WebSocket close codes the server uses, beside the standard ones (1000 normal, 1008 policy, 1009 too big). */
public final class CloseCodes {
    /** The access token expired and no {@code auth} frame renewed it. */
    public static final int TOKEN_EXPIRED = 4001;
    /** The login behind the session was revoked (logout, or a reused refresh token). */
    public static final int REVOKED = 4003;
    /** The server is shutting down; reconnect to it or another node. */
    public static final int GOING_AWAY = 1001;
    /** Frame bigger than the server accepts. */
    public static final int TOO_BIG = 1009;
    /** Try again later (RFC 6455 registry): the session may have missed frames; reconnect to catch up. */
    public static final int TRY_AGAIN = 1013;
    /** Violated a rule the session cannot recover from. */
    public static final int POLICY = 1008;

    private CloseCodes() {
    }
}
