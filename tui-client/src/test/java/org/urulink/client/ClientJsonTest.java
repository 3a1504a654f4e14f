package org.urulink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.urulink.protocol.ConversationInfo;
import org.urulink.protocol.Frame;

class ClientJsonTest {

    @Test
    void loginAnswerReadsCamelCaseTokenFields() throws Exception {
        LoginAnswer a = ClientJson.MAPPER.readValue("{\"accessToken\":\"a\",\"refreshToken\":\"r\",\"expiresIn\":900,"
                + "\"user\":{\"id\":\"1\",\"username\":\"alice\",\"name\":\"Alice\"}}", LoginAnswer.class);
        assertEquals("a", a.accessToken());
        assertEquals("r", a.refreshToken());
        assertEquals(900, a.expiresIn());
        assertEquals("alice", a.user().username());
    }

    @Test
    void httpMessageWithoutTypeDecodes() throws Exception {
        Frame.Message m = ClientJson.MAPPER.readValue("{\"message_id\":\"m\",\"conversation_id\":\"c\",\"seq\":3,"
                + "\"from\":\"u\",\"from_username\":\"alice\",\"body\":\"hi\",\"sent_at\":5,\"client_id\":\"x\"}",
                Frame.Message.class);
        assertEquals(new Frame.Message("m", "c", 3, "u", "alice", "hi", 5, "x", null), m);
    }

    @Test
    void conversationWithLastMessageDecodes() throws Exception {
        ConversationInfo c = ClientJson.MAPPER.readValue("{\"id\":\"c\",\"kind\":\"group\",\"title\":\"W\","
                + "\"members\":[{\"id\":\"u\",\"username\":\"alice\",\"name\":\"A\"}],"
                + "\"last_message\":{\"message_id\":\"m\",\"conversation_id\":\"c\",\"seq\":2,\"body\":\"x\"},"
                + "\"last_seq\":2,\"read_seq\":1,\"unread\":1}", ConversationInfo.class);
        assertEquals(2, c.lastMessage().seq());
        assertEquals(1, c.unread());
    }

    @Test
    void messageJsonHasTheHttpShapeWithoutType() {
        String json = ApiClient.messageJson(new Frame.Message("m", "c", 3, "u", "alice", "hi", 5, "x", null));
        assertFalse(json.contains("\"type\""), json);
        assertEquals("{\"message_id\":\"m\",\"conversation_id\":\"c\",\"seq\":3,\"from\":\"u\",\"from_username\":\"alice\","
                + "\"body\":\"hi\",\"sent_at\":5,\"client_id\":\"x\"}", json);
    }
}
