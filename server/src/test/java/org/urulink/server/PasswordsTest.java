package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Password hashes at the default cost, with real Argon2id (about a tenth of a second each). */
class PasswordsTest {
    private final Passwords passwords = new Passwords(ServerConfig.PasswordCost.DEFAULT);

    @Test
    void theDefaultCostIsArgon2idAtOwaspsMinimum() {
        String phc = passwords.hash("correct horse");
        assertTrue(phc.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), phc);
        assertTrue(passwords.verify("correct horse", phc));
        assertFalse(passwords.verify("wrong horse", phc));
    }

    @Test
    void anUnknownUsersLoginHashesAtTheConfiguredCost() {
        // Timing itself is too noisy to assert; what decides the time is the cost the dummy hash names.
        assertEquals(Optional.of(ServerConfig.PasswordCost.DEFAULT), Passwords.costOf(passwords.dummyHash()));
        Passwords cheap = new Passwords(TestServer.CHEAP);
        assertEquals(Optional.of(TestServer.CHEAP), Passwords.costOf(cheap.dummyHash()));
    }

    @Test
    void theDummyHashHasARealHashsShapeSoItsCheckDoesTheFullWork() {
        String[] dummy = passwords.dummyHash().split("\\$");
        String[] real = passwords.hash("correct horse").split("\\$");
        assertEquals(real.length, dummy.length);
        assertEquals(real[1] + real[2] + real[3], dummy[1] + dummy[2] + dummy[3]);
        assertEquals(Base64.getDecoder().decode(real[4]).length, Base64.getDecoder().decode(dummy[4]).length, "salt");
        assertEquals(Base64.getDecoder().decode(real[5]).length, Base64.getDecoder().decode(dummy[5]).length, "hash");
    }
}
