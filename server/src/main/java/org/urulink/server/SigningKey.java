package org.urulink.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HS256 key every node signs and checks tokens with: 32 random bytes, base64url, in a file of mode 0600.
 * Generated on first start. A missing, empty or short key is an error, never "accept anything".
 */
final class SigningKey {
    static final int MIN_BYTES = 32;

    private SigningKey() {
    }

    /** Reads the key, generating it first when the file does not exist. */
    static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing key " + file, e);
        }
    }

    static byte[] read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("signing-key-file " + file + " is not base64url text");
        }
        if (key.length < MIN_BYTES) {
            throw new IllegalStateException("signing-key-file " + file + " holds " + key.length
                    + " bytes; at least " + MIN_BYTES + " are needed (delete it to generate a new one)");
        }
        return key;
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[MIN_BYTES];
        new SecureRandom().nextBytes(key);
        Path dir = file.toAbsolutePath().getParent();
        PrivateFiles.createDirectory(dir);
        Path tmp = Files.createTempFile(dir, ".signing", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, Base64.getUrlEncoder().withoutPadding().encodeToString(key) + "\n",
                StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            // Not a replacing move: if another node made the key meanwhile, theirs wins and we read it.
            Files.move(tmp, file);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
        }
    }
}
