package org.urulink.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    @Test
    void reusedArgon2MemoryStillGivesTheStandardHashForEveryPassword() throws Exception {
        // Blocks go back to the pool after each hash; a block not cleared would change the next hash. Several
        // threads at once, more than run at a time, each checked against Bouncy Castle's own fresh computation.
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var checks = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 8; i++) {
                String password = "password number " + i;
                checks.add(pool.submit(() -> {
                    String phc = passwords.hash(password);
                    String[] parts = phc.split("\\$");
                    assertArrayEquals(Base64.getDecoder().decode(parts[5]),
                            freshArgon2id(password, Base64.getDecoder().decode(parts[4])), password);
                    assertTrue(passwords.verify(password, phc));
                    assertFalse(passwords.verify(password + "!", phc));
                    return null;
                }));
            }
            for (var check : checks) {
                check.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] freshArgon2id(String password, byte[] salt) {
        var params = new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(19456).withIterations(2).withParallelism(1).withSalt(salt).build();
        var gen = new org.bouncycastle.crypto.generators.Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[32];
        gen.generateBytes(password.getBytes(java.nio.charset.StandardCharsets.UTF_8), out);
        return out;
    }
}
