package org.urulink.server;

/** How far one member of a conversation has read and received (delivered) its messages. */
record MemberPosition(String userId, long readSeq, long deliveredSeq) {
    /** Reading implies receiving, whatever receipts a client sent. */
    long received() {
        return Math.max(readSeq, deliveredSeq);
    }
}
