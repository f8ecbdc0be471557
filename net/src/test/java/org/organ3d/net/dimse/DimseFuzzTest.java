package org.organ3d.net.dimse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.organ3d.net.PacsException;
import org.organ3d.net.PacsServer;
import org.organ3d.testkit.HostileInputs;

/**
 * Fuzz targets for what a DICOM peer sends (see docs/robustness.md): the A-ASSOCIATE-AC body alone,
 * and a whole answer on a loopback socket (the input is everything the peer writes after our
 * A-ASSOCIATE-RQ: its A-ASSOCIATE-AC, P-DATA-TF PDUs with commands and datasets, A-RELEASE or
 * A-ABORT ...), read by an {@link Association} as commands and datasets until it fails or the peer
 * closes. Errors must be {@link DimseFormatException} / {@link PacsException} (the latter naming the
 * peer); nothing may hang (short timeouts) or run unbounded.
 */
class DimseFuzzTest {

    @BeforeAll
    static void warmUp() {
        HostileInputs.warmUp(DimseFuzzTest.class);
    }

    @FuzzTest
    void associateAccept(byte[] input) {
        HostileInputs.parseOrTypedError(null, DimseFormatException.class, () -> AssociationPdus.decodeAccept(input));
    }

    /** NB: FuzzCampaign turns Jazzer's SSRF detector off: this target connects to its own loopback peer. */
    @FuzzTest
    void peerAnswers(byte[] input) throws IOException {
        PacsServer.Dimse srv = AssociationTest.peer((Socket s) -> AssociationTest.send(s, input));
        HostileInputs.parseOrTypedError("127.0.0.1", PacsException.class, () -> {
            try (Association a = Association.open(srv, AssociationTest.quick(),
                    List.of(new PresentationContext(1, DimseMessages.VERIFICATION, List.of("1.2.840.10008.1.2"))), List.of())) {
                for (int i = 0; i < 8; i++) {
                    Association.Command c = a.readCommand();
                    if (DimseMessages.hasDataset(c.command())) {
                        a.readDataset(c.contextId(), 1 << 20);
                    }
                }
            }
        });
    }
}
