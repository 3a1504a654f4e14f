package org.urulink.client;

import java.nio.file.Path;

/**
 * A finished download.
 *
 * @param path        where the file now is
 * @param size        its length in bytes
 * @param resumedFrom how many bytes were already on disk from an earlier try (0 for a fresh download)
 */
public record Downloaded(Path path, long size, long resumedFrom) {
}
