package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AuditLogTest {
    @Test
    void aTypedUsernameCannotForgeALogLine() {
        assertEquals("\"mallory?2026-11-25?root?logged?in\"",
                AccountRoutes.printable("mallory\n2026-11-25 root logged in"));
    }

    @Test
    void aLongUsernameIsCut() {
        assertEquals(45, AccountRoutes.printable("a".repeat(500)).length());
    }
}
