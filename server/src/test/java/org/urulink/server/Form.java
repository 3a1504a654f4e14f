package org.urulink.server;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A multipart/form-data body built byte by byte, as a browser or the original urulink client sends it. */
final class Form {
    final String boundary = "----urulinkTest" + UUID.randomUUID().toString().replace("-", "");
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    Form file(String field, String fileName, String contentType, byte[] data) {
        return part("Content-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n"), data);
    }

    Form field(String field, String value) {
        return part("Content-Disposition: form-data; name=\"" + field + "\"\r\n", value.getBytes(StandardCharsets.UTF_8));
    }

    private Form part(String headers, byte[] data) {
        body.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(data);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The whole body, closed by the final boundary. */
    byte[] bytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(body.toByteArray());
        all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return all.toByteArray();
    }

    /** The body without its final boundary: a form cut short. */
    byte[] unfinished() {
        return body.toByteArray();
    }

    HttpRequest.BodyPublisher publisher() {
        return HttpRequest.BodyPublishers.ofByteArray(bytes());
    }
}
