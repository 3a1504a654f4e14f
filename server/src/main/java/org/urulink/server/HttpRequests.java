package org.urulink.server;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.urulink.protocol.UserInfo;

/** Request and answer bodies of the HTTP API (see docs/protocol.md). */
final class HttpRequests {
    private HttpRequests() {
    }

    record Register(String username, String password, String name) {
    }

    record Login(String username, String password) {
    }

    record Refresh(@JsonProperty("refreshToken") @JsonAlias("refresh_token") String refreshToken) {
    }

    /** The login answer keeps the camelCase names the original urulink promised its clients. */
    record LoginAnswer(@JsonProperty("accessToken") String accessToken,
                       @JsonProperty("refreshToken") String refreshToken,
                       @JsonProperty("expiresIn") long expiresIn,
                       UserInfo user) {
        static LoginAnswer of(Accounts.Issued issued) {
            return new LoginAnswer(issued.accessToken(), issued.refreshToken(), issued.expiresInSeconds(),
                    issued.user().info());
        }
    }

    record Ticket(String ticket, long expiresIn) {
    }

    /** {@code online} and {@code lastSeen} are null, so left out, for a user the caller shares no conversation with. */
    record UserView(String id, String username, String name, Boolean online, Long lastSeen) {
    }

    record NewGroup(String title, List<String> members) {
    }

    record Direct(String to) {
    }

    record Rename(String title) {
    }

    record Members(List<String> members) {
    }

    record Send(String clientId, String conversationId, String to, String body, List<String> attachments) {
    }

    record NewFile(String name, Long size, String contentType, String sha256, String conversationId) {
    }

    record UploadView(String fileId, String uploadUrl, long uploadExpiresAt) {
    }

    record DownloadView(String url, long expiresAt, String name, long size, String contentType, String sha256) {
    }
}
