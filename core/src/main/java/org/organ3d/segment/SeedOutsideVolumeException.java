package org.organ3d.segment;

/** A seed point lies outside the volume it should start from; the message gives both. */
public class SeedOutsideVolumeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SeedOutsideVolumeException(String message) {
        super(message);
    }
}
