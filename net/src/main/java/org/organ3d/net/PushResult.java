package org.organ3d.net;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a push stored.
 *
 * @param stored SOP Instance UIDs the server accepted
 * @param failed the files it did not accept, with the reason
 */
public record PushResult(List<String> stored, List<Failure> failed) {

    /**
     * One file not stored.
     *
     * @param file           the file
     * @param sopInstanceUID its SOP Instance UID, or null when it could not be read
     * @param reason         the server's reason in words (status code and comment)
     */
    public record Failure(Path file, String sopInstanceUID, String reason) {
        public Failure {
            Objects.requireNonNull(file);
            Objects.requireNonNull(reason);
        }
    }

    public PushResult {
        stored = List.copyOf(stored);
        failed = List.copyOf(failed);
    }
}
