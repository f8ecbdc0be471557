package org.organ3d.net.dimse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.organ3d.net.PacsAuthenticationException;
import org.organ3d.net.PacsException;
import org.organ3d.net.PacsServer;
import org.organ3d.net.PacsSettings;

/**
 * PDU encoding against the byte layout of PS3.8 §9.3 computed here by hand, and the association's
 * behaviour against a scripted peer on a loopback socket: rejection, abort in the middle of an
 * operation, silence (idle timeout), an oversized PDU, a fragmented answer.
 */
class AssociationTest {

    @Test
    void associateRequestHasThePs38Layout() {
        AssociationPdus.Request rq = new AssociationPdus.Request("ORTHANC", "ORGAN3D",
                List.of(new PresentationContext(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2"))),
                List.of("1.2.3"), 16384);
        byte[] b = AssociationPdus.encodeRequest(rq);
        ByteBuffer bb = ByteBuffer.wrap(b);
        assertEquals(0x01, b[0]);
        assertEquals(b.length - 6, bb.getInt(2), "PDU length = bytes after the length field");
        assertEquals(1, bb.getShort(6), "protocol version 1");
        assertEquals("ORTHANC         ", new String(b, 10, 16, StandardCharsets.US_ASCII));
        assertEquals("ORGAN3D         ", new String(b, 26, 16, StandardCharsets.US_ASCII));
        for (int i = 42; i < 74; i++) {
            assertEquals(0, b[i], "reserved byte " + i);
        }
        int p = 74;
        assertEquals(0x10, b[p]);
        int len = bb.getShort(p + 2);
        assertEquals(AssociationPdus.APPLICATION_CONTEXT, new String(b, p + 4, len, StandardCharsets.US_ASCII));
        p += 4 + len;
        assertEquals(0x20, b[p]);
        int pcLen = bb.getShort(p + 2);
        assertEquals(1, b[p + 4], "context id");
        assertEquals(0x30, b[p + 8]);
        int asLen = bb.getShort(p + 10);
        assertEquals("1.2.840.10008.1.1", new String(b, p + 12, asLen, StandardCharsets.US_ASCII));
        int ts = p + 12 + asLen;
        assertEquals(0x40, b[ts]);
        assertEquals("1.2.840.10008.1.2", new String(b, ts + 4, bb.getShort(ts + 2), StandardCharsets.US_ASCII));
        p += 4 + pcLen;
        assertEquals(0x50, b[p]);
        int u = p + 4;
        assertEquals(0x51, b[u]);
        assertEquals(4, bb.getShort(u + 2));
        assertEquals(16384, bb.getInt(u + 4));
        u += 8;
        assertEquals(0x52, b[u]);
        u += 4 + bb.getShort(u + 2);
        assertEquals(0x54, b[u], "role selection");
        assertEquals(5, bb.getShort(u + 4), "UID length");
        assertEquals("1.2.3", new String(b, u + 6, 5, StandardCharsets.US_ASCII));
        assertArrayEquals(new byte[] {0, 1}, new byte[] {b[u + 11], b[u + 12]}, "SCU role 0, SCP role 1");
        u += 4 + bb.getShort(u + 2);
        assertEquals(0x55, b[u]);
        assertEquals(b.length, u + 4 + bb.getShort(u + 2));
    }

    @Test
    void acceptIsDecodedAndMalformedAcceptsAreTypedErrors() throws Exception {
        byte[] ac = accept(1, 0, "1.2.840.10008.1.2.1", 32768);
        AssociationPdus.Accept a = AssociationPdus.decodeAccept(java.util.Arrays.copyOfRange(ac, 6, ac.length));
        assertEquals(32768, a.maxPduLength());
        assertEquals("1.2.840.10008.1.2.1", a.answers().get(1).transferSyntax());
        assertTrue(a.answers().get(1).accepted());
        byte[] cut = java.util.Arrays.copyOfRange(ac, 6, ac.length - 3);
        assertThrows(DimseFormatException.class, () -> AssociationPdus.decodeAccept(cut));
        assertThrows(DimseFormatException.class, () -> AssociationPdus.decodeAccept(new byte[10]));
        assertEquals("calling AE title not recognized", AssociationPdus.describeReject(new byte[] {0, 1, 1, 3}));
        assertTrue(AssociationPdus.describeReject(new byte[] {0, 2, 3, 1}).contains("transient"));
    }

    /** An A-ASSOCIATE-AC with one presentation context answer and a max PDU length. */
    static byte[] accept(int id, int result, String ts, int maxPdu) {
        ByteBuffer items = ByteBuffer.allocate(512);
        byte[] app = AssociationPdus.APPLICATION_CONTEXT.getBytes(StandardCharsets.US_ASCII);
        items.put((byte) 0x10).put((byte) 0).putShort((short) app.length).put(app);
        byte[] t = ts.getBytes(StandardCharsets.US_ASCII);
        items.put((byte) 0x21).put((byte) 0).putShort((short) (4 + 4 + t.length));
        items.put((byte) id).put((byte) 0).put((byte) result).put((byte) 0);
        items.put((byte) 0x40).put((byte) 0).putShort((short) t.length).put(t);
        items.put((byte) 0x50).put((byte) 0).putShort((short) 8);
        items.put((byte) 0x51).put((byte) 0).putShort((short) 4).putInt(maxPdu);
        int n = items.position();
        ByteBuffer pdu = ByteBuffer.allocate(6 + 68 + n);
        pdu.put((byte) 2).put((byte) 0).putInt(68 + n).putShort((short) 1).putShort((short) 0);
        pdu.put("ORTHANC         ORGAN3D         ".getBytes(StandardCharsets.US_ASCII)).put(new byte[32]);
        pdu.put(items.array(), 0, n);
        return pdu.array();
    }

    /** Runs {@code script} as the peer of one connection; returns the server for the client's address. */
    static PacsServer.Dimse peer(Consumer<Socket> script) throws IOException {
        ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture.runAsync(() -> {
            try (ss; Socket s = ss.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                in.readByte();
                in.readByte();
                in.skipNBytes(in.readInt());
                script.accept(s);
            } catch (IOException e) {
                // NB: the client went away; the test's assertions are on the client side
            }
        });
        return new PacsServer.Dimse("ORTHANC", "127.0.0.1", ss.getLocalPort());
    }

    static PacsSettings quick() {
        return PacsSettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(800));
    }

    static void send(Socket s, byte[]... pdus) {
        try {
            OutputStream o = s.getOutputStream();
            for (byte[] p : pdus) {
                o.write(p);
            }
            o.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void hold(Socket s) {
        try {
            s.getInputStream().readAllBytes();
        } catch (IOException e) {
            // NB: closed by the client
        }
    }

    @Test
    void rejectionOfOurAeTitleIsAnAuthenticationError() throws IOException {
        PacsServer.Dimse srv = peer(s -> send(s, new byte[] {3, 0, 0, 0, 0, 4, 0, 1, 1, 3}));
        PacsAuthenticationException e = assertThrows(PacsAuthenticationException.class,
                () -> new DimseClient(srv, quick()).echo());
        assertTrue(e.getMessage().contains("calling AE title not recognized") && e.getMessage().contains("ORGAN3D"),
                e.getMessage());
    }

    @Test
    void abortInTheMiddleIsReported() throws IOException {
        PacsServer.Dimse srv = peer(s -> {
            send(s, accept(1, 0, "1.2.840.10008.1.2.1", 16384), new byte[] {7, 0, 0, 0, 0, 4, 0, 0, 2, 1});
            hold(s);
        });
        PacsException e = assertThrows(PacsException.class, () -> new DimseClient(srv, quick()).echo());
        assertTrue(e.getMessage().contains("aborted the association (unrecognized PDU)"), e.getMessage());
    }

    @Test
    void silentPeerTimesOut() throws IOException {
        PacsServer.Dimse srv = peer(s -> {
            send(s, accept(1, 0, "1.2.840.10008.1.2.1", 16384));
            hold(s);
        });
        long t0 = System.nanoTime();
        PacsException e = assertThrows(PacsException.class, () -> new DimseClient(srv, quick()).echo());
        assertTrue(e.getMessage().contains("no answer"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 4_000_000_000L, "gave up after the idle timeout");
    }

    @Test
    void oversizedPduIsAProtocolError() throws IOException {
        PacsServer.Dimse srv = peer(s -> {
            send(s, accept(1, 0, "1.2.840.10008.1.2.1", 16384),
                    ByteBuffer.allocate(6).put((byte) 4).put((byte) 0).putInt(Association.MAX_PDU + 1).array());
            hold(s);
        });
        PacsException e = assertThrows(PacsException.class, () -> new DimseClient(srv, quick()).echo());
        assertTrue(e.getMessage().contains("protocol error") && e.getMessage().contains("more than"), e.getMessage());
    }

    @Test
    void unacceptedContextSaysWhy() throws IOException {
        PacsServer.Dimse srv = peer(s -> {
            send(s, accept(1, 3, "1.2.840.10008.1.2.1", 16384));
            hold(s);
        });
        PacsException e = assertThrows(PacsException.class, () -> new DimseClient(srv, quick()).echo());
        assertTrue(e.getMessage().contains("abstract syntax (SOP class) not supported"), e.getMessage());
    }

    @Test
    void fragmentedEchoResponseIsReassembled() throws IOException {
        PacsServer.Dimse srv = peer(s -> {
            send(s, accept(1, 0, "1.2.840.10008.1.2", 16384));
            try {
                DataInputStream in = new DataInputStream(s.getInputStream());
                in.readByte();
                in.readByte();
                in.skipNBytes(in.readInt());
                org.organ3d.io.dicom.Attributes rsp = new org.organ3d.io.dicom.Attributes();
                rsp.setString(org.organ3d.io.dicom.Tag.AffectedSOPClassUID, org.organ3d.io.dicom.VR.UI, DimseMessages.VERIFICATION);
                rsp.setInt(org.organ3d.io.dicom.Tag.CommandField, org.organ3d.io.dicom.VR.US, DimseMessages.C_ECHO_RSP);
                rsp.setInt(org.organ3d.io.dicom.Tag.MessageIDBeingRespondedTo, org.organ3d.io.dicom.VR.US, 1);
                rsp.setInt(org.organ3d.io.dicom.Tag.CommandDataSetType, org.organ3d.io.dicom.VR.US, DimseMessages.NO_DATASET);
                rsp.setInt(org.organ3d.io.dicom.Tag.Status, org.organ3d.io.dicom.VR.US, 0);
                byte[] cmd = org.organ3d.io.dicom.DicomWriter.encodeDataset(rsp,
                        org.organ3d.io.dicom.TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
                // three PDVs in two PDUs: the first PDU carries two fragments
                int a = 10;
                int b = 25;
                ByteBuffer pdu1 = ByteBuffer.allocate(6 + 6 + a + 6 + (b - a));
                pdu1.put((byte) 4).put((byte) 0).putInt(6 + a + 6 + (b - a));
                pdu1.putInt(2 + a).put((byte) 1).put((byte) 1).put(cmd, 0, a);
                pdu1.putInt(2 + b - a).put((byte) 1).put((byte) 1).put(cmd, a, b - a);
                ByteBuffer pdu2 = ByteBuffer.allocate(6 + 6 + cmd.length - b);
                pdu2.put((byte) 4).put((byte) 0).putInt(6 + cmd.length - b);
                pdu2.putInt(2 + cmd.length - b).put((byte) 1).put((byte) 3).put(cmd, b, cmd.length - b);
                send(s, pdu1.array(), pdu2.array());
                in.readByte();
                in.readByte();
                in.skipNBytes(in.readInt());
                send(s, new byte[] {6, 0, 0, 0, 0, 4, 0, 0, 0, 0});
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        new DimseClient(srv, quick()).echo();
    }
}
