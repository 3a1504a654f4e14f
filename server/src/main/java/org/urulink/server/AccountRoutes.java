package org.urulink.server;

import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.urulink.protocol.CloseCodes;
import org.urulink.protocol.ErrorCode;

/** {@code /register}, {@code /login}, {@code /token/refresh}, {@code /logout}, {@code /ws-ticket}, {@code /users}. */
final class AccountRoutes implements HttpService {
    /** Registrations and refused logins, one line each, so operators can watch them (fail2ban, audits). */
    private static final System.Logger AUDIT = System.getLogger("org.urulink.audit");

    private final Services services;

    AccountRoutes(Services services) {
        this.services = services;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/register", this::register)
                .post("/login", this::login)
                .post("/token/refresh", this::refresh)
                .post("/logout", this::logout)
                .post("/ws-ticket", this::ticket)
                .get("/users/{username}", this::user)
                .get("/users", this::users)
                .get("/ws", this::refusedUpgrade);
    }

    private void register(ServerRequest req, ServerResponse res) {
        var body = HttpJson.read(req, HttpRequests.Register.class);
        User user = services.accounts().register(body.username(), body.password(), body.name());
        AUDIT.log(System.Logger.Level.INFO, "registered " + user.username() + " from " + req.remotePeer().host());
        HttpJson.ok(res, user.info());
    }

    private void login(ServerRequest req, ServerResponse res) {
        var body = HttpJson.read(req, HttpRequests.Login.class);
        String who = Accounts.normalize(body.username());
        String from = req.remotePeer().host();
        try {
            services.throttle().check(who, from);
        } catch (ChatException e) {
            AUDIT.log(System.Logger.Level.WARNING, "login throttled for " + printable(who) + " from " + from);
            throw e;
        }
        try {
            var issued = services.accounts().login(body.username(), body.password());
            services.throttle().succeeded(who);
            services.metrics().login("ok");
            HttpJson.ok(res, HttpRequests.LoginAnswer.of(issued));
        } catch (ChatException e) {
            if (e.code() == ErrorCode.INVALID_CREDENTIALS) {
                services.throttle().failed(who, from);
                AUDIT.log(System.Logger.Level.INFO, "login refused for " + printable(who) + " from " + from);
                services.metrics().login("refused");
            }
            throw e;
        }
    }

    /** A typed-in username as it may appear in a log line: no forged lines, no terminal escapes. */
    static String printable(String username) {
        String cut = username.length() > 40 ? username.substring(0, 40) + "..." : username;
        return "\"" + cut.replaceAll("[^a-z0-9_.-]", "?") + "\"";
    }

    private void refresh(ServerRequest req, ServerResponse res) {
        var body = HttpJson.read(req, HttpRequests.Refresh.class);
        try {
            HttpJson.ok(res, HttpRequests.LoginAnswer.of(services.accounts().refresh(body.refreshToken())));
        } catch (Accounts.LoginRevoked e) {
            services.logins().closeLogin(e.loginId(), CloseCodes.REVOKED, "login revoked: a refresh token was reused");
            throw e;
        }
    }

    private void logout(ServerRequest req, ServerResponse res) {
        var body = HttpJson.read(req, HttpRequests.Refresh.class);
        services.accounts().logout(body.refreshToken())
                .ifPresent(login -> services.logins().closeLogin(login, CloseCodes.REVOKED, "logged out"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void ticket(ServerRequest req, ServerResponse res) {
        Tokens.Claims claims = HttpAuth.claims(req, services);
        HttpJson.ok(res, new HttpRequests.Ticket(services.tickets().issue(claims), WsTickets.TTL.toSeconds()));
    }

    private void user(ServerRequest req, ServerResponse res) {
        User me = HttpAuth.user(req, services);
        User u = services.directory().find(req.path().pathParameters().get("username"))
                .orElseThrow(() -> ChatException.notFound("user"));
        if (!seesPresenceOf(me, u)) {
            HttpJson.ok(res, new HttpRequests.UserView(u.id(), u.username(), u.name(), null, null));
            return;
        }
        HttpJson.ok(res, new HttpRequests.UserView(u.id(), u.username(), u.name(),
                services.presence().isOnline(u.id()), services.store().lastSeen(u.id()).orElse(null)));
    }

    /**
     * Presence goes only to people one shares a conversation with, as the presence events do, so looking a user
     * up does not show when they are online. (Anyone may start a direct conversation with anyone, which then
     * shares one: this keeps presence from browsing strangers, not from someone who writes to them.)
     */
    private boolean seesPresenceOf(User me, User other) {
        return me.id().equals(other.id()) || services.store().shareConversation(me.id(), other.id());
    }

    /**
     * A WebSocket upgrade that {@link SocketListener} refused falls through to here, so the client learns why
     * with a real status (401, 404) instead of a bare 404; a plain GET gets 426 as the seed answered.
     */
    private void refusedUpgrade(ServerRequest req, ServerResponse res) {
        // Only a WebSocket upgrade counts: the JDK's HttpClient, for one, sends "Upgrade: h2c" on plain GETs.
        if (req.headers().first(io.helidon.http.HeaderNames.UPGRADE).filter("websocket"::equalsIgnoreCase).isEmpty()) {
            res.header(io.helidon.http.HeaderNames.UPGRADE, "websocket");
            HttpJson.send(res, Status.UPGRADE_REQUIRED_426, new HttpJson.ErrorBody(
                    new HttpJson.ErrorBody.Detail("upgrade_required", "this endpoint speaks WebSocket only")));
            return;
        }
        if (req.query().first("ticket").isEmpty()) {
            services.accounts().authenticate(SocketAuth.bearer(req.headers()).orElseThrow(() -> new ChatException(
                    ErrorCode.UNAUTHORIZED, "an Authorization header or ticket is required")));
        } else {
            throw new ChatException(ErrorCode.UNAUTHORIZED, "unknown, used or expired ticket");
        }
        req.query().first("receiver_id").ifPresent(ref -> services.directory().require(ref));
        throw new ChatException(ErrorCode.INVALID, "the WebSocket upgrade was refused");
    }

    private void users(ServerRequest req, ServerResponse res) {
        HttpAuth.user(req, services);
        String prefix = Accounts.normalize(req.query().first("prefix").orElse(""));
        int limit = HttpJson.intParam(req, "limit").orElse(20);
        if (limit < 1 || limit > 100) {
            throw ChatException.invalid("limit is 1 to 100");
        }
        HttpJson.ok(res, Map.of("users", services.store().usersByPrefix(prefix, limit).stream().map(User::info).toList()));
    }
}
