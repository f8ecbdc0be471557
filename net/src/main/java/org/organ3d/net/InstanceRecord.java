package org.organ3d.net;

import java.util.Objects;

/**
 * An instance listed on a PACS.
 *
 * @param sopInstanceUID SOP Instance UID
 * @param sopClassUID    SOP Class UID, or null when the server did not say
 */
public record InstanceRecord(String sopInstanceUID, String sopClassUID) {
    public InstanceRecord {
        Objects.requireNonNull(sopInstanceUID);
    }
}
