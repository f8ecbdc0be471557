package org.organ3d.io.dicom.rtstruct;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.ReadWarning;
import org.organ3d.io.dicom.DicomParser;
import org.organ3d.io.dicom.ReferencedSeries;
import org.organ3d.io.dicom.ReferencingFormat;
import org.organ3d.io.dicom.Uids;

/**
 * {@code dicom-rtstruct}: an RT Structure Set, recognised by its SOP class, read as a label map
 * ({@link RtStructReader}, {@link ContourRasterizer}) on the grid of the image series it cites: the
 * one given ({@link ReadOptions#reference()}), or the one found in the file's folder. An RTSTRUCT has no grid of its own, so without
 * the series reading fails and says to give it. Registered before {@code dicom-file}.
 */
public final class RtStructFormat implements ReferencingFormat {

    @Override
    public String name() {
        return RtStructureSet.FORMAT;
    }

    @Override
    public boolean canRead(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try {
            return Uids.RT_STRUCTURE_SET_STORAGE.equals(DicomParser.sopClassUID(path));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String citedSeriesUID(Path file) throws IOException {
        return RtStructReader.referencedSeriesUID(DicomParser.read(file).dataset());
    }

    @Override
    public LoadedImage read(Path path, ReadOptions options) throws IOException {
        RtStructureSet set = RtStructReader.read(path);
        List<ReadWarning> warnings = new ArrayList<>();
        ReferencedSeries ref = ReferencingFormat.locate(path, set.referencedSeriesUID(), options, warnings).orElseThrow(() ->
                new ImageFormatException(path, -1, "an RTSTRUCT has no image grid of its own, and the series it cites ("
                        + set.referencedSeriesUID() + ") is not in its folder: give the image series it was drawn on"));
        LoadedImage img = toLoadedImage(set, ref);
        warnings.addAll(img.warnings());
        return new LoadedImage(img.source(), img.format(), img.volume(), img.attributes(), img.labels(), warnings);
    }

    @Override
    public LoadedImage read(Path file, ReferencedSeries reference) throws IOException {
        return toLoadedImage(RtStructReader.read(file), reference);
    }

    /**
     * The structure set rasterised onto {@code ref} as a {@link LoadedImage} (format
     * {@value RtStructureSet#FORMAT}) with attributes {@code modality} (RTSTRUCT), {@code sopClassUID},
     * {@code sopInstanceUID}, {@code transferSyntaxUID}, {@code files} (1), {@code seriesInstanceUID},
     * {@code studyInstanceUID}, {@code referencedSeriesInstanceUID}, {@code segments} (ROIs in the
     * label map), {@code rois} (all ROIs), {@code grid} (referenced).
     */
    public static LoadedImage toLoadedImage(RtStructureSet set, ReferencedSeries ref) throws ImageFormatException {
        ContourRasterizer.Result r = ContourRasterizer.rasterize(set, ref);
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("modality", "RTSTRUCT");
        attrs.put("sopClassUID", Uids.RT_STRUCTURE_SET_STORAGE);
        put(attrs, "sopInstanceUID", set.sopInstanceUID());
        put(attrs, "transferSyntaxUID", set.transferSyntaxUID());
        attrs.put("files", "1");
        put(attrs, "seriesInstanceUID", set.seriesInstanceUID());
        put(attrs, "studyInstanceUID", set.studyInstanceUID());
        attrs.put("referencedSeriesInstanceUID", ref.seriesInstanceUID());
        attrs.put("segments", Integer.toString(r.roiLabel().size()));
        attrs.put("rois", Integer.toString(set.rois().size()));
        attrs.put("grid", "referenced");
        List<ReadWarning> warnings = new ArrayList<>(set.warnings());
        warnings.addAll(r.warnings());
        return new LoadedImage(set.file(), RtStructureSet.FORMAT, r.labels().labels(), attrs, r.labels().info(), warnings);
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
