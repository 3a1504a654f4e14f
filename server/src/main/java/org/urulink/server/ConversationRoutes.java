package org.urulink.server;

import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.urulink.protocol.Attachment;
import org.urulink.protocol.ErrorCode;
import org.urulink.protocol.Frame;

/** {@code /conversations...} and {@code POST /messages}. */
final class ConversationRoutes implements HttpService {
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 500;

    private final Services services;

    ConversationRoutes(Services services) {
        this.services = services;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/conversations", this::list)
                .post("/conversations", this::createGroup)
                .post("/conversations/direct", this::direct)
                .get("/conversations/{id}", this::get)
                .patch("/conversations/{id}", this::rename)
                .post("/conversations/{id}/members", this::addMembers)
                .delete("/conversations/{id}/members/{user}", this::removeMember)
                .post("/conversations/{id}/leave", this::leave)
                .get("/conversations/{id}/messages", this::messages)
                .post("/messages", this::send);
    }

    private Conversations conversations() {
        return services.conversations();
    }

    private void list(ServerRequest req, ServerResponse res) {
        User me = HttpAuth.user(req, services);
        HttpJson.ok(res, Map.of("conversations", conversations().list(me.id())));
    }

    private void createGroup(ServerRequest req, ServerResponse res) {
        User me = HttpAuth.user(req, services);
        var body = HttpJson.read(req, HttpRequests.NewGroup.class);
        Conversation c = conversations().createGroup(me, body.title(), body.members());
        HttpJson.send(res, Status.CREATED_201, conversations().info(c, me.id()));
    }

    private void direct(ServerRequest req, ServerResponse res) {
        User me = HttpAuth.user(req, services);
        var body = HttpJson.read(req, HttpRequests.Direct.class);
        if (body.to() == null || body.to().isBlank()) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "missing field \"to\"");
        }
        HttpJson.ok(res, conversations().info(conversations().direct(me, body.to()), me.id()));
    }

    private void get(ServerRequest req, ServerResponse res) {
        User me = HttpAuth.user(req, services);
        HttpJson.ok(res, conversations().info(conversations().require(id(req), me.id()), me.id()));
    }

    private void rename(ServerRequest req, ServerResponse res) {
        User me = HttpAuth.user(req, services);
        var body = HttpJson.read(req, HttpRequests.Rename.class);
        HttpJson.ok(res, conversations().info(conversations().rename(me, id(req), body.title()), me.id()));
    }

    private void addMembers(ServerRequest req, ServerResponse res) {
        User me = HttpAuth.user(req, services);
        var body = HttpJson.read(req, HttpRequests.Members.class);
        if (body.members() == null || body.members().isEmpty()) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "missing field \"members\"");
        }
        HttpJson.ok(res, conversations().info(conversations().addMembers(me, id(req), body.members()), me.id()));
    }

    private void removeMember(ServerRequest req, ServerResponse res) {
        User me = HttpAuth.user(req, services);
        String who = req.path().pathParameters().get("user");
        conversations().removeMember(me, id(req), who);
        if (services.store().isMember(id(req), me.id())) {
            HttpJson.ok(res, conversations().info(conversations().require(id(req), me.id()), me.id()));
        } else {
            res.status(Status.NO_CONTENT_204).send();
        }
    }

    private void leave(ServerRequest req, ServerResponse res) {
        User me = HttpAuth.user(req, services);
        conversations().removeMember(me, id(req), me.id());
        res.status(Status.NO_CONTENT_204).send();
    }

    private void messages(ServerRequest req, ServerResponse res) {
        User me = HttpAuth.user(req, services);
        Conversation c = conversations().require(id(req), me.id());
        Long before = HttpJson.longParam(req, "before").orElse(null);
        Long after = HttpJson.longParam(req, "after").orElse(null);
        int limit = HttpJson.intParam(req, "limit").orElse(DEFAULT_PAGE);
        if (limit < 1 || limit > MAX_PAGE) {
            throw ChatException.invalid("limit is 1 to " + MAX_PAGE);
        }
        if (before != null && after != null) {
            throw ChatException.invalid("give before or after, not both");
        }
        List<StoredMessage> page = services.store().messages(c.id(), before, after, limit + 1);
        boolean hasMore = page.size() > limit;
        // One extra row tells whether more exist; drop it from the end nearest the cursor's far side.
        List<StoredMessage> shown = !hasMore ? page : after != null ? page.subList(0, limit) : page.subList(1, page.size());
        HttpJson.ok(res, new Page(shown.stream().map(StoredMessage::frame).map(Page.Item::of).toList(), hasMore));
    }

    private void send(ServerRequest req, ServerResponse res) {
        User me = HttpAuth.user(req, services);
        var body = HttpJson.read(req, HttpRequests.Send.class);
        if ((body.conversationId() == null || body.conversationId().isBlank()) && (body.to() == null || body.to().isBlank())) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "missing field \"conversation_id\" or \"to\"");
        }
        Frame.Ack ack = services.messaging().send(me, body.clientId(), body.conversationId(), body.to(), body.body(),
                        body.attachments())
                .join();
        HttpJson.ok(res, Page.AckView.of(ack));
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    /** A page of history; items are message frames without their {@code type}. */
    record Page(List<Item> messages, boolean hasMore) {
        record Item(String messageId, String conversationId, long seq, String from, String fromUsername, String body,
                    long sentAt, String clientId, List<Attachment> attachments) {
            static Item of(Frame.Message m) {
                return new Item(m.messageId(), m.conversationId(), m.seq(), m.from(), m.fromUsername(), m.body(),
                        m.sentAt(), m.clientId(), m.attachments());
            }
        }

        record AckView(String clientId, String messageId, String conversationId, long seq, long sentAt) {
            static AckView of(Frame.Ack a) {
                return new AckView(a.clientId(), a.messageId(), a.conversationId(), a.seq(), a.sentAt());
            }
        }
    }
}
