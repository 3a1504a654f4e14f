package org.urulink.client;

import java.net.URI;

/** Signed URLs carry their permission in the query string: only their harmless parts are ever shown. */
final class SignedUrls {
    private SignedUrls() {
    }

    /** Scheme, host and path: enough to say where, nothing that grants access. */
    static String withoutSignature(URI url) {
        return origin(url) + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /** Scheme and authority, e.g. {@code http://127.0.0.1:8080}: what errors name as "the server". */
    static URI origin(URI url) {
        return URI.create(url.getScheme() + "://" + url.getRawAuthority());
    }
}
