package org.organ3d.net.dimse;

import java.util.List;
import java.util.Objects;

/**
 * A presentation context proposed in an A-ASSOCIATE-RQ (PS3.8 §9.3.2.2): an odd id 1..255, one
 * abstract syntax (a SOP class) and the transfer syntaxes we can use for it, in order of preference.
 *
 * @param id               odd, 1..255
 * @param abstractSyntax   SOP class UID
 * @param transferSyntaxes at least one transfer syntax UID
 */
public record PresentationContext(int id, String abstractSyntax, List<String> transferSyntaxes) {

    public PresentationContext {
        if (id < 1 || id > 255 || (id & 1) == 0) {
            throw new IllegalArgumentException("presentation context ids are odd numbers 1..255: " + id);
        }
        Objects.requireNonNull(abstractSyntax);
        transferSyntaxes = List.copyOf(transferSyntaxes);
        if (transferSyntaxes.isEmpty()) {
            throw new IllegalArgumentException("a presentation context needs a transfer syntax");
        }
    }

    /**
     * The acceptor's answer for one context (PS3.8 §9.3.3.2).
     *
     * @param id             the context id
     * @param result         0 acceptance, 1 user rejection, 2 no reason, 3 abstract syntax not
     *                       supported, 4 transfer syntaxes not supported
     * @param transferSyntax the one transfer syntax chosen (meaningful when accepted)
     */
    public record Answer(int id, int result, String transferSyntax) {

        /** True when accepted. */
        public boolean accepted() {
            return result == 0;
        }

        /** The result in words. */
        public String resultText() {
            return switch (result) {
                case 0 -> "accepted";
                case 1 -> "rejected by the user";
                case 2 -> "rejected (no reason given)";
                case 3 -> "abstract syntax (SOP class) not supported";
                case 4 -> "none of the transfer syntaxes supported";
                default -> "result " + result;
            };
        }
    }
}
