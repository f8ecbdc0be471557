package org.organ3d.net.dimse;

/** A PDU or DIMSE message from the peer is malformed; the caller adds the peer's address. */
public final class DimseFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public DimseFormatException(String message) {
        super(message);
    }
}
