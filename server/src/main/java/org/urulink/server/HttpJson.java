package org.urulink.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.urulink.protocol.ErrorCode;
import org.urulink.protocol.Json;

/** Reading JSON request bodies and writing JSON answers and errors. */
final class HttpJson {
    /** Largest JSON body. The server accepts larger bodies only for uploads, so JSON calls check it here. */
    static final int MAX_BODY = 1024 * 1024;

    private HttpJson() {
    }

    /** The body as {@code type}; an empty body reads as {@code {}}. */
    static <T> T read(ServerRequest req, Class<T> type) {
        byte[] body = req.content().hasEntity() ? bounded(req) : new byte[0];
        try {
            T value = Json.mapper().readValue(body.length == 0 ? "{}".getBytes() : body, type);
            if (value == null) {
                throw new ChatException(ErrorCode.BAD_JSON, "the body must be a JSON object");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new ChatException(ErrorCode.BAD_JSON, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bounded(ServerRequest req) {
        if (req.headers().contentLength().orElse(0) > MAX_BODY) {
            throw new ChatException(ErrorCode.TOO_LARGE, "the body is over " + MAX_BODY + " bytes");
        }
        try (var in = req.content().inputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new ChatException(ErrorCode.TOO_LARGE, "the body is over " + MAX_BODY + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void send(ServerResponse res, Status status, Object body) {
        try {
            res.status(status).header(HeaderNames.CONTENT_TYPE, "application/json")
                    .send(Json.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void ok(ServerResponse res, Object body) {
        send(res, Status.OK_200, body);
    }

    static void error(ServerResponse res, ErrorCode code, String message) {
        if (code == ErrorCode.RATE_LIMITED) {
            res.header(HeaderNames.RETRY_AFTER, "60");
        }
        send(res, Status.create(code.httpStatus()), new ErrorBody(new ErrorBody.Detail(code.wire(), message)));
    }

    /** {@code {"error":{"code","message"}}}, in that order. */
    record ErrorBody(Detail error) {
        record Detail(String code, String message) {
        }
    }

    static Optional<Integer> intParam(ServerRequest req, String name) {
        Optional<String> raw = req.query().first(name).asOptional();
        try {
            return raw.map(Integer::parseInt);
        } catch (NumberFormatException e) {
            throw ChatException.invalid("query parameter " + name + " must be a number");
        }
    }

    static Optional<Long> longParam(ServerRequest req, String name) {
        Optional<String> raw = req.query().first(name).asOptional();
        try {
            return raw.map(Long::parseLong);
        } catch (NumberFormatException e) {
            throw ChatException.invalid("query parameter " + name + " must be a number");
        }
    }
}
