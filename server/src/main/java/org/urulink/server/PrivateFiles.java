package org.urulink.server;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Directories (0700) and files (0600) only their owner may use. The data directory holds every message and the
 * password hashes, so what the server makes there must not take the umask's usual 0755 and 0644. The mode is set
 * again after creating: a umask takes bits away even from the mode asked for at creation.
 */
final class PrivateFiles {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {
    }

    /**
     * Makes {@code dir} with mode 0700 when it does not exist (missing parents as {@code mkdir -p} would: they are
     * not ours). An existing directory is left as it is.
     *
     * @return whether it made the directory
     */
    static boolean createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return false;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, attribute(dir, DIRECTORY));
        } catch (FileAlreadyExistsException e) {
            if (Files.isDirectory(dir)) {
                return false; // made meanwhile by another process starting on the same directory
            }
            throw e;
        }
        restrict(dir, DIRECTORY);
        return true;
    }

    /**
     * Makes an empty {@code file} with mode 0600 when it does not exist. An existing file is left as it is.
     *
     * @return whether it made the file
     */
    static boolean createFile(Path file) throws IOException {
        try {
            Files.createFile(file, attribute(file, FILE));
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        restrict(file, FILE);
        return true;
    }

    /** Gives {@code file} mode 0600 when it exists. */
    static void restrictFile(Path file) throws IOException {
        try {
            restrict(file, FILE);
        } catch (NoSuchFileException e) {
            // gone already: nothing left to protect
        }
    }

    /**
     * What other users may do in {@code dir}, as {@code ls -l} shows the mode ({@code rwxr-xr-x}); empty when only
     * its owner may use it, or it does not exist.
     */
    static Optional<String> openToOthers(Path dir) {
        if (!posix(dir)) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
            return mode.stream().anyMatch(OTHERS::contains) ? Optional.of(PosixFilePermissions.toString(mode))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (posix(path)) {
            Files.setPosixFilePermissions(path, mode);
        }
    }

    private static FileAttribute<?>[] attribute(Path path, Set<PosixFilePermission> mode) {
        return posix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
