package org.organ3d.net.dimse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.organ3d.io.dicom.DicomWriter;

/**
 * Encoding of the association PDUs that an SCU sends, and decoding of those it receives (PS3.8
 * §9.3): A-ASSOCIATE-RQ with presentation contexts, SCP/SCU role selection and the user information
 * (maximum PDU length, implementation class UID and version name); A-ASSOCIATE-AC and -RJ. All
 * multi-byte numbers are big endian, as PS3.8 requires. Thread-safe (stateless).
 */
public final class AssociationPdus {

    /** PDU types. */
    public static final int ASSOCIATE_RQ = 0x01;
    public static final int ASSOCIATE_AC = 0x02;
    public static final int ASSOCIATE_RJ = 0x03;
    public static final int P_DATA_TF = 0x04;
    public static final int RELEASE_RQ = 0x05;
    public static final int RELEASE_RP = 0x06;
    public static final int ABORT = 0x07;

    /** The DICOM application context name. */
    public static final String APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

    private AssociationPdus() {
    }

    /**
     * What was asked for.
     *
     * @param calledAet     the peer's AE title
     * @param callingAet    ours
     * @param contexts      proposed presentation contexts (at most 128)
     * @param scpRoles      SOP classes for which we propose to take the SCP role too (C-GET storage)
     * @param maxPduLength  the largest P-DATA-TF PDU we accept (its length field)
     */
    public record Request(String calledAet, String callingAet, List<PresentationContext> contexts,
            Collection<String> scpRoles, int maxPduLength) {
        public Request {
            contexts = List.copyOf(contexts);
            scpRoles = List.copyOf(scpRoles);
            if (contexts.isEmpty() || contexts.size() > 128) {
                throw new IllegalArgumentException("1 to 128 presentation contexts, not " + contexts.size());
            }
        }
    }

    /**
     * What the acceptor granted.
     *
     * @param answers      per proposed context id
     * @param maxPduLength the largest P-DATA-TF PDU the peer accepts (0: no limit)
     * @param implementationClassUID the peer's implementation class UID, or null
     */
    public record Accept(Map<Integer, PresentationContext.Answer> answers, int maxPduLength,
            String implementationClassUID) {
        public Accept {
            answers = Map.copyOf(answers);
        }
    }

    /** The whole A-ASSOCIATE-RQ PDU, header included. */
    public static byte[] encodeRequest(Request rq) {
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        item(items, 0x10, ascii(APPLICATION_CONTEXT));
        for (PresentationContext pc : rq.contexts()) {
            ByteArrayOutputStream c = new ByteArrayOutputStream();
            c.write(pc.id());
            c.write(0);
            c.write(0);
            c.write(0);
            item(c, 0x30, ascii(pc.abstractSyntax()));
            for (String ts : pc.transferSyntaxes()) {
                item(c, 0x40, ascii(ts));
            }
            item(items, 0x20, c.toByteArray());
        }
        ByteArrayOutputStream user = new ByteArrayOutputStream();
        item(user, 0x51, ByteBuffer.allocate(4).putInt(rq.maxPduLength()).array());
        item(user, 0x52, ascii(DicomWriter.IMPLEMENTATION_CLASS_UID));
        for (String sop : rq.scpRoles()) {
            byte[] uid = ascii(sop);
            ByteBuffer b = ByteBuffer.allocate(2 + uid.length + 2);
            b.putShort((short) uid.length).put(uid).put((byte) 0).put((byte) 1);
            item(user, 0x54, b.array());
        }
        item(user, 0x55, ascii(DicomWriter.IMPLEMENTATION_VERSION));
        item(items, 0x50, user.toByteArray());

        byte[] var = items.toByteArray();
        ByteBuffer pdu = ByteBuffer.allocate(6 + 68 + var.length);
        pdu.put((byte) ASSOCIATE_RQ).put((byte) 0).putInt(68 + var.length);
        pdu.putShort((short) 1).putShort((short) 0);
        pdu.put(aet(rq.calledAet())).put(aet(rq.callingAet()));
        pdu.put(new byte[32]);
        pdu.put(var);
        return pdu.array();
    }

    /**
     * Decodes the body of an A-ASSOCIATE-AC (everything after the 6-byte PDU header).
     *
     * @throws DimseFormatException if it is malformed
     */
    public static Accept decodeAccept(byte[] body) throws DimseFormatException {
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.BIG_ENDIAN);
        if (b.remaining() < 68) {
            throw new DimseFormatException("A-ASSOCIATE-AC shorter than its fixed part (" + b.remaining() + " bytes)");
        }
        b.position(68);
        Map<Integer, PresentationContext.Answer> answers = new LinkedHashMap<>();
        int maxPdu = 0;
        String impl = null;
        while (b.hasRemaining()) {
            ItemHeader h = itemHeader(b, "A-ASSOCIATE-AC");
            ByteBuffer content = b.slice(b.position(), h.length).order(ByteOrder.BIG_ENDIAN);
            b.position(b.position() + h.length);
            switch (h.type) {
                case 0x21 -> {
                    if (content.remaining() < 4) {
                        throw new DimseFormatException("presentation context item shorter than 4 bytes");
                    }
                    int id = content.get() & 0xFF;
                    content.get();
                    int result = content.get() & 0xFF;
                    content.get();
                    String ts = null;
                    while (content.hasRemaining()) {
                        ItemHeader sub = itemHeader(content, "a presentation context item");
                        byte[] v = new byte[sub.length];
                        content.get(v);
                        if (sub.type == 0x40) {
                            ts = uid(v);
                        }
                    }
                    answers.put(id, new PresentationContext.Answer(id, result, ts));
                }
                case 0x50 -> {
                    while (content.hasRemaining()) {
                        ItemHeader sub = itemHeader(content, "the user information item");
                        byte[] v = new byte[sub.length];
                        content.get(v);
                        if (sub.type == 0x51 && v.length == 4) {
                            maxPdu = ByteBuffer.wrap(v).getInt();
                        } else if (sub.type == 0x52) {
                            impl = uid(v);
                        }
                    }
                }
                default -> {
                    // NB: the application context item (0x10) and unknown items are skipped
                }
            }
        }
        return new Accept(answers, maxPdu, impl);
    }

    /**
     * The reason of an A-ASSOCIATE-RJ in words (PS3.8 §9.3.4), from its 4-byte body.
     */
    public static String describeReject(byte[] body) {
        if (body.length < 4) {
            return "rejected (malformed A-ASSOCIATE-RJ)";
        }
        int result = body[1] & 0xFF;
        int source = body[2] & 0xFF;
        int reason = body[3] & 0xFF;
        String why = switch (source) {
            case 1 -> switch (reason) {
                case 2 -> "application context name not supported";
                case 3 -> "calling AE title not recognized";
                case 7 -> "called AE title not recognized";
                default -> "no reason given";
            };
            case 2 -> reason == 2 ? "protocol version not supported" : "no reason given (ACSE)";
            case 3 -> reason == 1 ? "temporary congestion" : reason == 2 ? "local limit exceeded" : "no reason given (presentation)";
            default -> "source " + source + ", reason " + reason;
        };
        return why + (result == 2 ? " (transient: try again later)" : "");
    }

    /** The reason of an A-ABORT in words (PS3.8 §9.3.8), from its 4-byte body. */
    public static String describeAbort(byte[] body) {
        if (body.length < 4) {
            return "aborted";
        }
        int source = body[2] & 0xFF;
        int reason = body[3] & 0xFF;
        if (source == 0) {
            return "the peer aborted the association";
        }
        String why = switch (reason) {
            case 1 -> "unrecognized PDU";
            case 2 -> "unexpected PDU";
            case 4 -> "unrecognized PDU parameter";
            case 5 -> "unexpected PDU parameter";
            case 6 -> "invalid PDU parameter value";
            default -> "no reason given";
        };
        return "the peer's DICOM service aborted the association (" + why + ")";
    }

    private record ItemHeader(int type, int length) {
    }

    private static ItemHeader itemHeader(ByteBuffer b, String where) throws DimseFormatException {
        if (b.remaining() < 4) {
            throw new DimseFormatException("truncated item header in " + where);
        }
        int type = b.get() & 0xFF;
        b.get();
        int len = b.getShort() & 0xFFFF;
        if (len > b.remaining()) {
            throw new DimseFormatException("item of type 0x" + Integer.toHexString(type) + " in " + where
                    + " claims " + len + " bytes, " + b.remaining() + " remain");
        }
        return new ItemHeader(type, len);
    }

    private static void item(ByteArrayOutputStream out, int type, byte[] content) {
        out.write(type);
        out.write(0);
        out.write(content.length >> 8);
        out.write(content.length);
        out.write(content, 0, content.length);
    }

    private static byte[] aet(String aet) {
        byte[] b = new byte[16];
        Arrays.fill(b, (byte) ' ');
        byte[] a = ascii(aet);
        System.arraycopy(a, 0, b, 0, Math.min(16, a.length));
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String uid(byte[] v) {
        String s = new String(v, StandardCharsets.US_ASCII);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == 0 || s.charAt(end - 1) == ' ')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** The ids of the contexts accepted for {@code abstractSyntax}. */
    static List<Integer> acceptedFor(Request rq, Accept ac, String abstractSyntax) {
        List<Integer> ids = new ArrayList<>();
        for (PresentationContext pc : rq.contexts()) {
            PresentationContext.Answer a = ac.answers().get(pc.id());
            if (pc.abstractSyntax().equals(abstractSyntax) && a != null && a.accepted()) {
                ids.add(pc.id());
            }
        }
        return ids;
    }
}
