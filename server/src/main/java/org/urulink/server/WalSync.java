package org.urulink.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Durability for SQLite's message writer: its commits write the log without syncing it ({@code synchronous =
 * NORMAL}, which SQLite keeps consistent across a crash or power loss), and {@link #sync} syncs the log file
 * itself. Before, the writer waited ~0.1 - 0.2 ms for each commit's fsync, a third of its time at 5,000
 * messages/s, and every message behind it waited too; now the next batch is written while the last one syncs,
 * and one sync covers every batch written before it. Only the delivery thread calls {@link #sync}.
 */
final class WalSync implements Durability {
    private final Path log;
    private FileChannel channel;
    private Object fileKey;

    WalSync(Path databaseFile) {
        this.log = SqliteDatabase.log(databaseFile);
    }

    @Override
    public void prepareWriter(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA synchronous = NORMAL");
        }
    }

    /**
     * Syncs the log file now at the log's path. SQLite deletes the log when its last connection closes, after
     * copying it into the database file and syncing that; a later connection makes a new one. So a log that is
     * gone needs no sync, and a new file at the path is opened (and its directory entry synced) in place of the
     * old.
     */
    @Override
    public void sync() throws IOException {
        Object key;
        try {
            key = Files.readAttributes(log, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return;
        }
        if (channel == null || !key.equals(fileKey)) {
            reopen(key);
        }
        channel.force(false);
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Only read from, never written: nothing is lost.
            }
            channel = null;
        }
    }

    private void reopen(Object key) throws IOException {
        close();
        FileChannel opened = FileChannel.open(log, StandardOpenOption.READ);
        try (FileChannel dir = FileChannel.open(log.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems cannot sync a directory; SQLite syncs it when it makes the log.
        }
        channel = opened;
        fileKey = key;
    }
}
