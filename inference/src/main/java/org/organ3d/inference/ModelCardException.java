package org.organ3d.inference;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model card (the JSON that describes an ONNX segmentation model) is missing a field, has a value
 * of the wrong kind, or contradicts itself. The message names the card file and the field.
 */
public class ModelCardException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path card;

    /**
     * @param card  the card file, or null for a card parsed from memory
     * @param cause what is wrong, in words (naming the field)
     */
    public ModelCardException(Path card, String cause) {
        super((card == null ? "model card" : card.toString()) + ": " + cause);
        this.card = card;
    }

    /** The card file, or null. */
    public Path card() {
        return card;
    }
}
