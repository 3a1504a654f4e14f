package org.urulink.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import org.urulink.protocol.Attachment;
import org.urulink.protocol.ConversationInfo;
import org.urulink.protocol.Frame;
import org.urulink.protocol.UserInfo;

/**
 * The HTTP API of docs/protocol.md. Refusals become {@link ApiException}; a server that cannot be reached
 * becomes {@link ServerUnreachableException}. With a {@link Session}, authenticated calls refresh the access
 * token themselves: ahead of expiry, and once more when the server answers {@code token_expired}.
 */
public final class ApiClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI server;
    private final HttpClient http;
    private final Optional<Session> session;
    private final Clock clock;

    private ApiClient(URI server, HttpClient http, Optional<Session> session, Clock clock) {
        this.server = stripSlash(server);
        this.http = http;
        this.session = session;
        this.clock = clock;
    }

    /** A client for the calls that need no login (register, login, refresh, logout). */
    public static ApiClient anonymous(URI server) {
        return new ApiClient(server, newHttpClient(), Optional.empty(), Clock.systemUTC());
    }

    /** A client acting for the logged-in user of {@code session}, on that login's server. */
    public static ApiClient of(Session session) {
        return new ApiClient(session.credentials().server(), newHttpClient(), Optional.of(session), session.clock());
    }

    static HttpClient newHttpClient() {
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    public URI server() {
        return server;
    }

    HttpClient http() {
        return http;
    }

    // ---- accounts

    /** Creates an account whose display name is its username. */
    public UserInfo register(String username, String password) {
        return ClientJson.read(call("POST", "/register", Map.of("username", username, "password", password), false),
                UserInfo.class);
    }

    public UserInfo register(String username, String password, String name) {
        return ClientJson.read(call("POST", "/register",
                Map.of("username", username, "password", password, "name", name), false), UserInfo.class);
    }

    public LoginAnswer login(String username, String password) {
        return ClientJson.read(call("POST", "/login", Map.of("username", username, "password", password), false),
                LoginAnswer.class);
    }

    /** Logs in and keeps the tokens in {@code store}; the session that answers acts for that login. */
    public Session loginSession(String username, String password, TokenStore store) {
        Credentials creds = Credentials.of(server, login(username, password), clock.millis());
        store.save(creds);
        return new Session(store, creds, clock, Session.DEFAULT_MARGIN);
    }

    /** Spends {@code refreshToken} for a new pair. A refresh token works once. */
    public LoginAnswer refresh(String refreshToken) {
        return ClientJson.read(call("POST", "/token/refresh", Map.of("refreshToken", refreshToken), false),
                LoginAnswer.class);
    }

    /** Revokes the whole login behind {@code refreshToken}. */
    public void logout(String refreshToken) {
        call("POST", "/logout", Map.of("refreshToken", refreshToken), false);
    }

    /** A one-time ticket for {@code /ws?ticket=}, valid 30 s. */
    public String wsTicket() {
        return call("POST", "/ws-ticket", null, true).path("ticket").asText();
    }

    // ---- users

    public UserProfile user(String username) {
        return ClientJson.read(call("GET", "/users/" + segment(username), null, true), UserProfile.class);
    }

    public List<UserInfo> searchUsers(String prefix, int limit) {
        JsonNode answer = call("GET", "/users?prefix=" + query(prefix) + "&limit=" + limit, null, true);
        return list(answer.path("users"), UserInfo.class);
    }

    // ---- conversations

    /** Every conversation of the user, newest activity first. */
    public List<ConversationInfo> conversations() {
        return list(call("GET", "/conversations", null, true).path("conversations"), ConversationInfo.class);
    }

    public ConversationInfo conversation(String id) {
        return ClientJson.read(call("GET", "/conversations/" + segment(id), null, true), ConversationInfo.class);
    }

    /** A new group with the caller and {@code members} (usernames or ids). */
    public ConversationInfo createGroup(String title, List<String> members) {
        return conversation(call("POST", "/conversations", Map.of("title", title, "members", members), true));
    }

    /** The direct conversation with {@code to} (username or id), made when missing. */
    public ConversationInfo direct(String to) {
        return conversation(call("POST", "/conversations/direct", Map.of("to", to), true));
    }

    public ConversationInfo rename(String id, String title) {
        return conversation(call("PATCH", "/conversations/" + segment(id), Map.of("title", title), true));
    }

    public ConversationInfo addMembers(String id, List<String> members) {
        return conversation(call("POST", "/conversations/" + segment(id) + "/members",
                Map.of("members", members), true));
    }

    public void removeMember(String id, String user) {
        call("DELETE", "/conversations/" + segment(id) + "/members/" + segment(user), null, true);
    }

    public void leave(String id) {
        call("POST", "/conversations/" + segment(id) + "/leave", null, true);
    }

    // ---- messages

    public History messages(String conversationId, HistoryQuery query) {
        JsonNode answer = call("GET", "/conversations/" + segment(conversationId) + "/messages"
                + query.queryString(), null, true);
        return new History(list(answer.path("messages"), Frame.Message.class), answer.path("has_more").asBoolean());
    }

    /** Sends {@code body} to a user (direct conversation); idempotent on {@code clientId}. */
    public Frame.Ack sendTo(String clientId, String to, String body) {
        return send(Map.of("client_id", clientId, "to", to, "body", body));
    }

    /** Sends {@code body} to a conversation; idempotent on {@code clientId}. */
    public Frame.Ack sendToConversation(String clientId, String conversationId, String body) {
        return send(Map.of("client_id", clientId, "conversation_id", conversationId, "body", body));
    }

    /** Sends a message carrying {@code fileIds} (completed uploads); {@code body} may then be empty. */
    public Frame.Ack sendToConversation(String clientId, String conversationId, String body, List<String> fileIds) {
        return send(Map.of("client_id", clientId, "conversation_id", conversationId, "body", body,
                "attachments", List.copyOf(fileIds)));
    }

    private Frame.Ack send(Map<String, ?> body) {
        return ClientJson.read(call("POST", "/messages", body, true), Frame.Ack.class);
    }

    /** The JSON of a message as docs/protocol.md shows it (no {@code type}), on one line. */
    public static String messageJson(Frame.Message message) {
        return ClientJson.write(ClientJson.messageNode(message));
    }

    // ---- files (the bytes themselves go through FileTransfers)

    /** {@code POST /files}: records the file and answers where to PUT its bytes; 413 before any byte is sent. */
    public UploadTicket announceFile(NewFile file) {
        return ClientJson.read(call("POST", "/files", file, true), UploadTicket.class);
    }

    /** {@code POST /files/{id}/complete}: the server checks size (and sha256) of what was uploaded. */
    public Attachment completeFile(String fileId) {
        return ClientJson.read(call("POST", "/files/" + segment(fileId) + "/complete", null, true), Attachment.class);
    }

    /** {@code GET /files/{id}}: a short-lived download URL and what the file is; 404 when not readable. */
    public FileLink fileLink(String fileId) {
        return ClientJson.read(call("GET", "/files/" + segment(fileId), null, true), FileLink.class);
    }

    // ---- plumbing

    private ConversationInfo conversation(JsonNode node) {
        return ClientJson.read(node, ConversationInfo.class);
    }

    private static <T> List<T> list(JsonNode array, Class<T> type) {
        List<T> out = new ArrayList<>();
        array.forEach(n -> out.add(ClientJson.read(n, type)));
        return out;
    }

    private JsonNode call(String method, String path, Object body, boolean authenticated) {
        if (!authenticated) {
            return exchange(request(method, path, body, Optional.empty()));
        }
        Session s = session.orElseThrow(() -> new NotLoggedInException("not logged in"));
        String token = s.accessToken(this::refreshed);
        try {
            return exchange(request(method, path, body, Optional.of(token)));
        } catch (ApiException e) {
            if (e.status() != 401 || !e.is("token_expired")) {
                throw e;
            }
            String fresh = s.refresh(token, this::refreshed);
            return exchange(request(method, path, body, Optional.of(fresh)));
        }
    }

    /** The refresher a {@link Session} uses: a refused refresh means the login is over. */
    Credentials refreshed(Credentials old) {
        try {
            return Credentials.of(old.server(), refresh(old.refreshToken()), clock.millis());
        } catch (ApiException e) {
            if (e.status() == 401) {
                throw new NotLoggedInException("the login of " + old.user().username()
                        + " has expired or was revoked; log in again");
            }
            throw e;
        }
    }

    private HttpRequest request(String method, String path, Object body, Optional<String> token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(ClientJson.write(body)));
        }
        return b.build();
    }

    private JsonNode exchange(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachableException(server, "interrupted", e);
        } catch (IOException | UnresolvedAddressException e) {
            throw new ServerUnreachableException(server, reason(e), e);
        }
        if (response.statusCode() / 100 == 2) {
            return parse(response.body());
        }
        throw refusal(response.statusCode(), response.body(), response.headers());
    }

    /** The {@link ApiException} for a refused call, from its status and {@code {"error":{"code","message"}}}. */
    static ApiException refusal(int status, String body, HttpHeaders headers) {
        JsonNode error = parse(body).path("error");
        String code = error.path("code").asText("http_" + status);
        String message = error.path("message").asText("the server answered HTTP " + status);
        Optional<String> retryAfter = headers.firstValue("Retry-After");
        if (status == 429 && retryAfter.isPresent()) {
            message += " (retry after " + retryAfter.get() + " s)";
        }
        return new ApiException(status, code, message);
    }

    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return "connection timed out";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer in time";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return ClientJson.MAPPER.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static URI stripSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }
}
