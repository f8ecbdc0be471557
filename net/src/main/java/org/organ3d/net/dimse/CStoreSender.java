package org.organ3d.net.dimse;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.DicomFile;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.DicomWriter;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.TransferSyntax;
import org.organ3d.net.PacsException;
import org.organ3d.net.PacsServer;
import org.organ3d.net.PacsSettings;
import org.organ3d.net.PushResult;
import org.organ3d.net.TransferProgress;
import org.organ3d.net.TransferSyntaxes;

/**
 * C-STORE as an SCU (PS3.4 Annex B): each file's dataset is sent as stored — streamed from the
 * file, after its meta group, on a presentation context proposed for exactly its SOP class and
 * transfer syntax (so an archive that accepts both uncompressed syntaxes on one context cannot make
 * us re-encode), with a second context per class offering both uncompressed syntaxes. When
 * the archive accepts the class only in the other uncompressed syntax (implicit for explicit VR little
 * endian or the reverse), the dataset is re-encoded in memory (one file at a time); a compressed
 * file whose syntax is refused is reported as failed, not transcoded.
 *
 * <p>Files go in groups whose contexts fit one association (at most 128). One use; one thread.
 */
final class CStoreSender {

    private static final int MAX_CONTEXTS = 128;

    private record Item(Path file, String sopClass, String sop, String ts) {
    }

    private final PacsServer.Dimse server;
    private final PacsSettings settings;

    CStoreSender(PacsServer.Dimse server, PacsSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    PushResult store(List<Path> files, TransferProgress progress) throws IOException {
        List<String> stored = new ArrayList<>();
        List<PushResult.Failure> failed = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        for (Path f : files) {
            try {
                DicomFile df = DicomParser.readHeader(f);
                Attributes ds = df.dataset();
                String cls = ds.getString(Tag.SOPClassUID);
                String sop = ds.getString(Tag.SOPInstanceUID);
                if (cls == null || sop == null) {
                    failed.add(new PushResult.Failure(f, sop, "no SOP Class UID or SOP Instance UID"));
                    continue;
                }
                items.add(new Item(f, cls, sop, df.transferSyntax().uid()));
            } catch (NoSuchFileException e) {
                failed.add(new PushResult.Failure(f, null, "no such file"));
            } catch (IOException e) {
                failed.add(new PushResult.Failure(f, null, "not readable as DICOM: " + e.getMessage()));
            }
        }
        progress.seriesStarted("push", items.size(), 0);
        for (List<Item> group : groups(items)) {
            send(group, stored, failed, progress);
        }
        progress.seriesDone("push");
        return new PushResult(stored, failed);
    }

    /** Splits the files so that each group's contexts fit one association. */
    private static List<List<Item>> groups(List<Item> items) {
        List<List<Item>> groups = new ArrayList<>();
        List<Item> current = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (Item it : items) {
            Set<String> more = new LinkedHashSet<>(keys);
            more.add(it.sopClass() + "|" + it.ts());
            more.add(it.sopClass() + "|native");
            if (more.size() > MAX_CONTEXTS && !current.isEmpty()) {
                groups.add(current);
                current = new ArrayList<>();
                keys.clear();
                more = new LinkedHashSet<>(List.of(it.sopClass() + "|" + it.ts(), it.sopClass() + "|native"));
            }
            keys = more;
            current.add(it);
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    private void send(List<Item> group, List<String> stored, List<PushResult.Failure> failed, TransferProgress progress)
            throws IOException {
        Map<String, PresentationContext> byKey = new LinkedHashMap<>();
        int id = 1;
        for (Item it : group) {
            String own = it.sopClass() + "|" + it.ts();
            if (!byKey.containsKey(own)) {
                byKey.put(own, new PresentationContext(id, it.sopClass(), List.of(it.ts())));
                id += 2;
            }
            String nat = it.sopClass() + "|native";
            if (!byKey.containsKey(nat)) {
                byKey.put(nat, new PresentationContext(id, it.sopClass(), TransferSyntaxes.NATIVE));
                id += 2;
            }
        }
        try (Association a = Association.open(server, settings, new ArrayList<>(byKey.values()), List.of())) {
            for (Item it : group) {
                String refused = sendOne(a, it);
                if (refused == null) {
                    stored.add(it.sop());
                    progress.instanceDone(Files.size(it.file()));
                } else {
                    failed.add(new PushResult.Failure(it.file(), it.sop(), refused));
                }
            }
            a.release();
        }
    }

    /** Sends one file; null when stored, else why not. */
    private String sendOne(Association a, Item it) throws IOException {
        int ctx = a.contextFor(it.sopClass(), it.ts());
        boolean reencode = false;
        if (ctx < 0) {
            if (!TransferSyntaxes.NATIVE.contains(it.ts()) && !it.ts().equals(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid())) {
                return "the archive accepts SOP class " + it.sopClass() + " not in the file's transfer syntax "
                        + it.ts() + " (" + a.whyNotAccepted(it.sopClass()) + "); organ3d does not transcode compressed files";
            }
            ctx = a.contextFor(it.sopClass());
            if (ctx < 0) {
                return "the archive does not accept SOP class " + it.sopClass() + " (" + a.whyNotAccepted(it.sopClass()) + ")";
            }
            reencode = true;
        }
        a.sendCommand(ctx, DimseMessages.store(it.sopClass(), it.sop(), a.nextMessageId()));
        if (reencode) {
            DicomFile df = DicomParser.read(it.file());
            byte[] data = DicomWriter.encodeDataset(df.dataset(), TransferSyntax.of(a.transferSyntax(ctx)));
            a.sendDataset(ctx, new ByteArrayInputStream(data));
        } else {
            long offset = Part10.datasetOffset(it.file());
            try (InputStream in = new BufferedInputStream(Files.newInputStream(it.file()), 1 << 16)) {
                in.skipNBytes(offset);
                a.sendDataset(ctx, in);
            }
        }
        Association.Command rsp = a.readCommand();
        Attributes cmd = rsp.command();
        if (cmd.getInt(Tag.CommandField, -1) != DimseMessages.C_STORE_RSP) {
            a.abortQuietly();
            throw new PacsException(server + ": expected a C-STORE response, got command 0x"
                    + Integer.toHexString(cmd.getInt(Tag.CommandField, -1)));
        }
        int status = DimseMessages.status(cmd);
        if (status == DimseMessages.SUCCESS || DimseMessages.isWarning(status)) {
            return null;
        }
        return "refused by the archive: " + DimseMessages.describe(status, cmd);
    }
}
