package org.urulink.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}).
 * Hashing is memory-hard on purpose, so at most one hash per core (8 at most) runs at once: a login flood queues instead
 * of exhausting memory. That memory (a 1 KiB block per KiB of cost) is kept between hashes: made afresh each
 * time, ~19,500 small blocks per hash outlived young collections and were promoted, and a login storm of 1,000
 * left the server at 5.7 GiB of RSS with young pauses of up to ~180 ms until a full collection.
 */
final class Passwords {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final ServerConfig.PasswordCost cost;
    private final SecureRandom random = new SecureRandom();
    /**
     * One per core, at most 8: 8 at once already answer dozens of logins a second, and each holds its memory for
     * good (the pool below), which on a 64-core host would otherwise be 1.2 GiB.
     */
    private final int hashesAtOnce = Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 8);
    private final Semaphore permits = new Semaphore(hashesAtOnce, true);
    /** The blocks of the hashes running at once, reused: they stay in the heap (~19 MiB per core by default). */
    private final Argon2BytesGenerator.BlockPool blocks;
    private final String dummyHash;

    Passwords(ServerConfig.PasswordCost cost) {
        this.cost = cost;
        this.blocks = new Argon2BytesGenerator.FixedBlockPool(Math.multiplyExact(cost.memoryKib(), hashesAtOnce));
        // Checked against when a username is unknown, so that answer costs the same time as a wrong password.
        // Random bytes in place of a real hash: verifying still runs Argon2 in full, nothing ever matches, and
        // start-up does not spend a second of CPU making it.
        this.dummyHash = phc(randomBytes(SALT_BYTES), randomBytes(HASH_BYTES));
    }

    String hash(String password) {
        byte[] salt = randomBytes(SALT_BYTES);
        return phc(salt, derive(password, salt, cost.memoryKib(), cost.iterations(), cost.parallelism()));
    }

    private String phc(byte[] salt, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    boolean verify(String password, String phc) {
        String[] parts = phc.split("\\$");
        Optional<ServerConfig.PasswordCost> cost = costOf(parts);
        if (cost.isEmpty()) {
            return false;
        }
        ServerConfig.PasswordCost c = cost.get();
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(parts[5]);
        return MessageDigest.isEqual(expected, derive(password, b64.decode(parts[4]), c.memoryKib(), c.iterations(),
                c.parallelism()));
    }

    /** The Argon2id parameters a PHC string was made with; empty when it is not an Argon2id PHC string. */
    static Optional<ServerConfig.PasswordCost> costOf(String phc) {
        return costOf(phc.split("\\$"));
    }

    private static Optional<ServerConfig.PasswordCost> costOf(String[] parts) {
        if (parts.length != 6 || !"argon2id".equals(parts[1])) {
            return Optional.empty();
        }
        int m = 0;
        int t = 0;
        int p = 0;
        for (String kv : parts[3].split(",")) {
            int v = Integer.parseInt(kv.substring(2));
            switch (kv.charAt(0)) {
                case 'm' -> m = v;
                case 't' -> t = v;
                case 'p' -> p = v;
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new ServerConfig.PasswordCost(m, t, p));
    }

    /** Spends the same work as {@link #verify} for a username that does not exist. */
    void verifyDummy(String password) {
        verify(password, dummyHash);
    }

    /** What {@link #verifyDummy} checks against; seen by tests, to show it costs what a real hash does. */
    String dummyHash() {
        return dummyHash;
    }

    private byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .withBlockPool(blocks)
                .build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[HASH_BYTES];
        permits.acquireUninterruptibly();
        try {
            gen.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        } finally {
            permits.release();
        }
        return out;
    }
}
