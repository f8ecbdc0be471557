package org.organ3d.net.dimse;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.DicomParseException;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.DicomWriter;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.TransferSyntax;
import org.organ3d.io.dicom.VR;
import org.organ3d.net.PacsAuthenticationException;
import org.organ3d.net.PacsException;
import org.organ3d.net.PacsServer;
import org.organ3d.net.PacsSettings;

/**
 * One DICOM association, as the requestor (PS3.8): TCP connection, A-ASSOCIATE negotiation, DIMSE
 * messages in P-DATA-TF PDUs (fragmented to the peer's maximum PDU length, reassembled from ours),
 * orderly release and abort.
 *
 * <p><b>Bounded memory.</b> We accept P-DATA-TF PDUs of at most {@value #MAX_PDU} bytes (and say so
 * in the request); a peer that sends a longer one is aborted. Command sets are limited to 64 KiB.
 * A dataset is either streamed to an {@link OutputStream} fragment by fragment (C-STORE
 * sub-operations of a C-GET) or, for small answers (C-FIND identifiers), collected up to a limit.
 *
 * <p><b>Timeouts.</b> Connecting, TLS and negotiation must finish within the connect timeout; once
 * associated, any wait for the peer longer than the idle timeout aborts the association with a
 * {@link PacsException}. A peer that aborts or closes the connection gives a {@link PacsException}
 * naming it and the reason.
 *
 * <p>Not thread-safe: one thread drives an association.
 */
public final class Association implements Closeable {

    /** Largest P-DATA-TF PDU we accept (the maximum length we announce). */
    public static final int MAX_PDU = 1 << 20;
    /** Largest command set accepted. */
    static final int MAX_COMMAND = 64 * 1024;
    private static final int DEFAULT_PEER_PDU = 1 << 20;

    /** One received command: the presentation context it came on, and the command set. */
    public record Command(int contextId, Attributes command) {
    }

    private final PacsServer.Dimse server;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final AssociationPdus.Request request;
    private AssociationPdus.Accept accept;
    private final byte[] pdu = new byte[MAX_PDU];
    private int pduPos;
    private int pduEnd;
    private int pdvContext;
    private boolean pdvCommand;
    private boolean pdvLast;
    private int pdvOffset;
    private int pdvLength;
    private boolean open;
    private int messageId;

    private Association(PacsServer.Dimse server, Socket socket, AssociationPdus.Request request) throws IOException {
        this.server = server;
        this.socket = socket;
        this.request = request;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    }

    /**
     * Connects and negotiates.
     *
     * @param contexts presentation contexts to propose
     * @param scpRoles SOP classes for which we also offer the SCP role (storage during C-GET)
     * @throws PacsAuthenticationException if the peer rejects our calling AE title
     * @throws PacsException if the connection fails or the association is rejected
     */
    public static Association open(PacsServer.Dimse server, PacsSettings settings, List<PresentationContext> contexts,
            Collection<String> scpRoles) throws PacsException {
        AssociationPdus.Request rq = new AssociationPdus.Request(server.calledAet(), settings.callingAet(), contexts,
                scpRoles, MAX_PDU);
        Socket s = new Socket();
        Association a = null;
        try {
            s.setTcpNoDelay(true);
            int connectMs = (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
            s.connect(new InetSocketAddress(server.host(), server.port()), connectMs);
            s.setSoTimeout(connectMs);
            a = new Association(server, s, rq);
            a.negotiate();
            s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.idleTimeout().toMillis()));
            return a;
        } catch (PacsException e) {
            closeQuietly(s);
            throw e;
        } catch (UnknownHostException e) {
            closeQuietly(s);
            throw new PacsException(server + ": unknown host " + server.host(), e);
        } catch (ConnectException e) {
            closeQuietly(s);
            throw new PacsException(server + ": cannot connect (" + e.getMessage() + "); is the server running?", e);
        } catch (SocketTimeoutException e) {
            closeQuietly(s);
            throw new PacsException(server + ": no connection or association within "
                    + settings.connectTimeout().toSeconds() + " s", e);
        } catch (IOException e) {
            closeQuietly(s);
            throw new PacsException(server + ": association failed (" + e.getMessage() + ")", e);
        }
    }

    private void negotiate() throws IOException {
        out.write(AssociationPdus.encodeRequest(request));
        out.flush();
        int type = in.readUnsignedByte();
        in.readUnsignedByte();
        long len = in.readInt() & 0xFFFFFFFFL;
        if (len > MAX_PDU) {
            throw new PacsException(server + ": answered the association request with a PDU of " + len + " bytes");
        }
        byte[] body = new byte[(int) len];
        in.readFully(body);
        switch (type) {
            case AssociationPdus.ASSOCIATE_AC -> {
                try {
                    accept = AssociationPdus.decodeAccept(body);
                } catch (DimseFormatException e) {
                    abortQuietly();
                    throw new PacsException(server + ": malformed A-ASSOCIATE-AC (" + e.getMessage() + ")");
                }
                open = true;
            }
            case AssociationPdus.ASSOCIATE_RJ -> {
                String why = AssociationPdus.describeReject(body);
                if (why.startsWith("calling AE title")) {
                    throw new PacsAuthenticationException(server + ": association rejected: " + why + " (our AE title is '"
                            + request.callingAet() + "'; the PACS must know it: --calling-aet)");
                }
                throw new PacsException(server + ": association rejected: " + why);
            }
            case AssociationPdus.ABORT -> throw new PacsException(server + ": " + AssociationPdus.describeAbort(body)
                    + " instead of answering the association request");
            default -> throw new PacsException(server + ": answered the association request with PDU type 0x"
                    + Integer.toHexString(type));
        }
    }

    /** The peer's address, for messages. */
    public PacsServer.Dimse server() {
        return server;
    }

    /** The id of the first accepted context for {@code sopClass}, or -1. */
    public int contextFor(String sopClass) {
        List<Integer> ids = AssociationPdus.acceptedFor(request, accept, sopClass);
        return ids.isEmpty() ? -1 : ids.get(0);
    }

    /** The id of an accepted context for {@code sopClass} whose transfer syntax is {@code ts}, or -1. */
    public int contextFor(String sopClass, String ts) {
        for (int id : AssociationPdus.acceptedFor(request, accept, sopClass)) {
            if (ts.equals(transferSyntax(id))) {
                return id;
            }
        }
        return -1;
    }

    /** Why no context for {@code sopClass} was accepted, in words. */
    public String whyNotAccepted(String sopClass) {
        for (PresentationContext pc : request.contexts()) {
            if (pc.abstractSyntax().equals(sopClass)) {
                PresentationContext.Answer a = accept.answers().get(pc.id());
                return a == null ? "no answer for it" : a.resultText();
            }
        }
        return "not proposed";
    }

    /** The transfer syntax accepted on a context, or null. */
    public String transferSyntax(int contextId) {
        PresentationContext.Answer a = accept.answers().get(contextId);
        return a == null || !a.accepted() ? null : a.transferSyntax();
    }

    /** The abstract syntax (SOP class) we proposed on a context, or null. */
    public String abstractSyntax(int contextId) {
        for (PresentationContext pc : request.contexts()) {
            if (pc.id() == contextId) {
                return pc.abstractSyntax();
            }
        }
        return null;
    }

    /** A fresh message id (1..65535, wrapping). */
    public int nextMessageId() {
        messageId = messageId % 0xFFFF + 1;
        return messageId;
    }

    /** Sends a command set (implicit VR little endian, with its group length). */
    public void sendCommand(int contextId, Attributes command) throws PacsException {
        try {
            byte[] body = DicomWriter.encodeDataset(command, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
            Attributes withLength = new Attributes();
            withLength.setInt(Tag.CommandGroupLength, VR.UL, body.length);
            byte[] gl = DicomWriter.encodeDataset(withLength, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
            byte[] all = new byte[gl.length + body.length];
            System.arraycopy(gl, 0, all, 0, gl.length);
            System.arraycopy(body, 0, all, gl.length, body.length);
            sendPdvs(contextId, true, new ByteArrayInputStream(all));
        } catch (PacsException e) {
            throw e;
        } catch (IOException e) {
            throw failure("sending a command", e);
        }
    }

    /** Sends a dataset read from {@code data} to its end, fragmented to the peer's maximum PDU. */
    public void sendDataset(int contextId, InputStream data) throws PacsException {
        try {
            sendPdvs(contextId, false, data);
        } catch (PacsException e) {
            throw e;
        } catch (IOException e) {
            throw failure("sending a dataset", e);
        }
    }

    private void sendPdvs(int contextId, boolean command, InputStream data) throws IOException {
        int peer = accept.maxPduLength() <= 0 ? DEFAULT_PEER_PDU : Math.min(accept.maxPduLength(), 1 << 24);
        int chunk = Math.max(1, peer - 6);
        byte[] a = new byte[chunk];
        byte[] b = new byte[chunk];
        int na = data.readNBytes(a, 0, chunk);
        while (true) {
            int nb = na == chunk ? data.readNBytes(b, 0, chunk) : 0;
            boolean last = nb == 0;
            int mch = (command ? 1 : 0) | (last ? 2 : 0);
            ByteBuffer h = ByteBuffer.allocate(12);
            h.put((byte) AssociationPdus.P_DATA_TF).put((byte) 0).putInt(6 + na).putInt(2 + na)
                    .put((byte) contextId).put((byte) mch);
            out.write(h.array());
            out.write(a, 0, na);
            if (last) {
                break;
            }
            byte[] t = a;
            a = b;
            b = t;
            na = nb;
        }
        out.flush();
    }

    /**
     * Reads the next command.
     *
     * @throws PacsException if the peer sends a dataset fragment instead, aborts, or goes silent
     */
    public Command readCommand() throws PacsException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int ctx = -1;
        do {
            nextPdv();
            if (!pdvCommand) {
                throw protocolError("a dataset fragment arrived where a command was expected");
            }
            if (ctx >= 0 && ctx != pdvContext) {
                throw protocolError("a command's fragments came on two presentation contexts");
            }
            ctx = pdvContext;
            if (b.size() + pdvLength > MAX_COMMAND) {
                throw protocolError("a command set longer than " + MAX_COMMAND + " bytes");
            }
            b.write(pdu, pdvOffset, pdvLength);
        } while (!pdvLast);
        try {
            Attributes cmd = DicomParser.parseDataset(null, ByteBuffer.wrap(b.toByteArray()),
                    TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
            return new Command(ctx, cmd);
        } catch (DicomParseException e) {
            throw protocolError("malformed command set (" + e.getMessage() + ")");
        }
    }

    /** Streams the dataset that follows a command to {@code sink}; returns its length in bytes. */
    public long readDataset(int contextId, OutputStream sink) throws IOException {
        long n = 0;
        do {
            nextPdv();
            if (pdvCommand) {
                throw protocolError("a command fragment arrived inside a dataset");
            }
            if (pdvContext != contextId) {
                throw protocolError("a dataset fragment came on context " + pdvContext + " instead of " + contextId);
            }
            sink.write(pdu, pdvOffset, pdvLength);
            n += pdvLength;
        } while (!pdvLast);
        return n;
    }

    /** Reads the dataset that follows a command into memory, refusing more than {@code limit} bytes. */
    public byte[] readDataset(int contextId, int limit) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        OutputStream bounded = new OutputStream() {
            @Override
            public void write(int x) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] d, int off, int len) throws IOException {
                if (b.size() + len > limit) {
                    throw protocolError("a dataset larger than " + limit + " bytes where a small answer was expected");
                }
                b.write(d, off, len);
            }
        };
        readDataset(contextId, bounded);
        return b.toByteArray();
    }

    /** Advances to the next PDV, reading a PDU when the current one is used up. */
    private void nextPdv() throws PacsException {
        try {
            while (pduPos >= pduEnd) {
                readDataPdu();
            }
            if (pduEnd - pduPos < 6) {
                throw protocolError("truncated PDV item in a P-DATA-TF PDU");
            }
            ByteBuffer h = ByteBuffer.wrap(pdu, pduPos, 6);
            long len = h.getInt() & 0xFFFFFFFFL;
            if (len < 2 || len > pduEnd - pduPos - 4) {
                throw protocolError("PDV item length " + len + " does not fit its P-DATA-TF PDU");
            }
            pdvContext = h.get() & 0xFF;
            int mch = h.get() & 0xFF;
            pdvCommand = (mch & 1) != 0;
            pdvLast = (mch & 2) != 0;
            pdvOffset = pduPos + 6;
            pdvLength = (int) len - 2;
            pduPos += 4 + (int) len;
        } catch (SocketTimeoutException e) {
            abortQuietly();
            throw new PacsException(server + ": no answer for " + idleSeconds() + " s; association aborted", e);
        } catch (EOFException e) {
            open = false;
            closeQuietly(socket);
            throw new PacsException(server + ": the connection closed in the middle of a message (server stopped?)", e);
        } catch (PacsException e) {
            throw e;
        } catch (IOException e) {
            open = false;
            closeQuietly(socket);
            throw new PacsException(server + ": the connection failed (" + e.getMessage() + ")", e);
        }
    }

    private void readDataPdu() throws IOException {
        int type = in.readUnsignedByte();
        in.readUnsignedByte();
        long len = in.readInt() & 0xFFFFFFFFL;
        if (type == AssociationPdus.P_DATA_TF) {
            if (len > MAX_PDU) {
                throw protocolError("a P-DATA-TF PDU of " + len + " bytes, more than the " + MAX_PDU + " we accept");
            }
            in.readFully(pdu, 0, (int) len);
            pduPos = 0;
            pduEnd = (int) len;
            return;
        }
        if (len > 1024) {
            throw protocolError("PDU type 0x" + Integer.toHexString(type) + " of " + len + " bytes");
        }
        byte[] body = new byte[(int) len];
        in.readFully(body);
        switch (type) {
            case AssociationPdus.ABORT -> {
                open = false;
                closeQuietly(socket);
                throw new PacsException(server + ": " + AssociationPdus.describeAbort(body));
            }
            case AssociationPdus.RELEASE_RQ -> {
                writeSimple(AssociationPdus.RELEASE_RP);
                open = false;
                closeQuietly(socket);
                throw new PacsException(server + ": the peer released the association in the middle of an operation");
            }
            default -> throw protocolError("unexpected PDU type 0x" + Integer.toHexString(type));
        }
    }

    /** Orderly release: A-RELEASE-RQ, wait for A-RELEASE-RP, close. Falls back to abort on trouble. */
    public void release() throws PacsException {
        if (!open) {
            return;
        }
        try {
            writeSimple(AssociationPdus.RELEASE_RQ);
            while (true) {
                int type = in.readUnsignedByte();
                in.readUnsignedByte();
                long len = in.readInt() & 0xFFFFFFFFL;
                if (len > MAX_PDU) {
                    throw protocolError("PDU of " + len + " bytes during release");
                }
                in.skipNBytes(len);
                if (type == AssociationPdus.RELEASE_RP) {
                    break;
                }
                if (type == AssociationPdus.RELEASE_RQ) {
                    // NB: release collision (PS3.8 §7.2.2): as the requestor we answer and keep waiting
                    writeSimple(AssociationPdus.RELEASE_RP);
                }
                if (type == AssociationPdus.ABORT) {
                    break;
                }
            }
        } catch (PacsException e) {
            throw e;
        } catch (IOException e) {
            // NB: a peer that closes instead of answering the release has still released
        } finally {
            open = false;
            closeQuietly(socket);
        }
    }

    /** Aborts (A-ABORT, source service user) and closes; never throws. */
    public void abortQuietly() {
        if (open) {
            try {
                ByteBuffer b = ByteBuffer.allocate(10);
                b.put((byte) AssociationPdus.ABORT).put((byte) 0).putInt(4).putInt(0);
                out.write(b.array());
                out.flush();
            } catch (IOException e) {
                // NB: the connection may already be gone
            }
        }
        open = false;
        closeQuietly(socket);
    }

    /** Aborts if still open (use {@link #release()} for the orderly end). */
    @Override
    public void close() {
        abortQuietly();
    }

    private void writeSimple(int type) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(10);
        b.put((byte) type).put((byte) 0).putInt(4).putInt(0);
        out.write(b.array());
        out.flush();
    }

    private PacsException protocolError(String what) {
        abortQuietly();
        return new PacsException(server + ": DICOM protocol error: " + what + " (association aborted)");
    }

    private PacsException failure(String doing, IOException e) {
        abortQuietly();
        if (e instanceof SocketTimeoutException) {
            return new PacsException(server + ": timed out " + doing + "; association aborted", e);
        }
        return new PacsException(server + ": connection failed while " + doing + " (" + e.getMessage() + ")", e);
    }

    private long idleSeconds() {
        try {
            return socket.getSoTimeout() / 1000;
        } catch (IOException e) {
            return -1;
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // NB: nothing to do
        }
    }
}
