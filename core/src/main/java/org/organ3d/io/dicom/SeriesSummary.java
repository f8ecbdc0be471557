package org.organ3d.io.dicom;

/**
 * One series of a DICOM folder as {@link DicomSeriesReader#listSeries} finds it, without decoding
 * any pixel.
 *
 * @param seriesInstanceUID Series Instance UID ("" when the files carry none)
 * @param studyInstanceUID  Study Instance UID ("" when absent)
 * @param modality          Modality ("" when absent)
 * @param seriesDescription Series Description ("" when absent)
 * @param seriesNumber      Series Number, or -1 when absent or not a number
 * @param files             files holding images of the series
 * @param images            images (frames) of the series
 * @param stacks            stacks the series splits into (size, orientation, echo, temporal position);
 *                          a read takes the largest
 * @param columns           columns of the largest stack's images
 * @param rows              rows of the largest stack's images
 * @param largestStack      images of the largest stack (the slices a read gives, before duplicates
 *                          are dropped)
 */
public record SeriesSummary(String seriesInstanceUID, String studyInstanceUID, String modality, String seriesDescription,
        int seriesNumber, int files, int images, int stacks, int columns, int rows, int largestStack) {
}
