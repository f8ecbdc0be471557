package org.organ3d.io.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.organ3d.io.ImageFormat;
import org.organ3d.io.ImageFormatException;
import org.organ3d.io.ImageFormats;
import org.organ3d.io.LoadedImage;
import org.organ3d.io.ReadOptions;
import org.organ3d.io.ReadWarning;
import org.organ3d.io.StrictReadException;

/**
 * A format of objects drawn on another series' grid (DICOM SEG, RTSTRUCT), read as a label map on
 * that grid. Through {@link ImageFormats#read(Path, ReadOptions)} the grid is the series in
 * {@link ReadOptions#reference()}, or the series the file cites looked for in the file's folder
 * ({@link #locate}); {@link #read(Path, ReferencedSeries)} takes an already read series.
 */
public interface ReferencingFormat extends ImageFormat {

    /** Reads {@code file} onto {@code reference}'s grid. */
    LoadedImage read(Path file, ReferencedSeries reference) throws IOException;

    /** The Series Instance UID of the image series {@code file} cites, or null when it cites none. */
    String citedSeriesUID(Path file) throws IOException;

    /** True if a registered referencing format (SEG, RTSTRUCT) claims {@code file}. */
    static boolean claims(Path file) {
        for (ImageFormat f : ImageFormats.all()) {
            if (f instanceof ReferencingFormat rf && rf.canRead(file)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The series {@code file} lies on. With {@link ReadOptions#reference()}: the series it cites
     * ({@code cited}) when that folder or file holds it, else the reference's largest series (with an
     * {@link ReadWarning.Kind#OTHER_SERIES} warning; the reader then checks the fit). Without: the
     * cited series looked for in the file's folder (searched recursively), or empty. The series'
     * own warnings (uneven spacing ...) are added to {@code warnings}, less the files a search of
     * the object's own folder skipped; a strict {@code options} refuses them.
     *
     * @throws ImageFormatException if the reference holds no image series
     * @throws StrictReadException  if {@code options} refuses an irregularity of the series
     */
    static Optional<ReferencedSeries> locate(Path file, String cited, ReadOptions options, List<ReadWarning> warnings)
            throws IOException {
        if (cited != null) {
            try {
                ReadOptions.builder().seriesUid(cited);
            } catch (IllegalArgumentException e) {
                // NB: the cited UID comes from the file: a damaged one is the file's fault, not the caller's
                throw new ImageFormatException(file, -1, "the Referenced Series Instance UID is " + e.getMessage(), e);
            }
        }
        ReadOptions.Builder b = ReadOptions.builder();
        options.refused().forEach(b::refuse);
        ReadOptions seriesOptions = b.dataFilesOutsideFolder(options.dataFilesOutsideFolder()).build();
        ReferencedSeries ref = null;
        if (options.reference().isPresent()) {
            Path series = options.reference().get();
            if (cited != null) {
                try {
                    ref = ReferencedSeries.read(series, seriesOptions.toBuilder().seriesUid(cited).build());
                } catch (StrictReadException e) {
                    throw e;
                } catch (ImageFormatException e) {
                    ref = null;
                }
            }
            if (ref == null) {
                ref = ReferencedSeries.read(series, seriesOptions);
                if (cited != null) {
                    warnings.add(new ReadWarning(ReadWarning.Kind.OTHER_SERIES, file, series + " does not hold the series "
                            + cited + " this file cites; its largest series " + ref.seriesInstanceUID() + " is used"));
                }
            }
        } else if (cited != null) {
            Path folder = file.toAbsolutePath().getParent();
            ref = ReferencedSeries.find(folder, cited).orElse(null);
        }
        if (ref != null) {
            boolean beside = options.reference().isEmpty();
            Path self = file.toAbsolutePath().normalize();
            for (ReadWarning w : ref.warnings()) {
                // NB: files the folder search skipped (the object itself, reports, other objects) are not the series'
                boolean skipped = w.kind() == ReadWarning.Kind.SKIPPED_FILE;
                if (!(skipped && (beside || w.file().toAbsolutePath().normalize().equals(self)))) {
                    warnings.add(w);
                }
            }
        }
        return Optional.ofNullable(ref);
    }
}
