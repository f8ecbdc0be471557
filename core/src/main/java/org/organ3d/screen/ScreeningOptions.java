package org.organ3d.screen;

import java.util.Objects;
import org.joml.Vector3d;
import org.joml.Vector3dc;
import org.organ3d.volume.LabelMap;

/**
 * What to screen and how much to report.
 *
 * @param lung          look for lung nodules
 * @param liver         look for focal liver lesions (needs {@code liverLabels} or {@code liverSeedLps})
 * @param minDiameterMm candidates smaller than this (equivalent diameter) are not reported
 * @param minScore      candidates scoring below this are not reported (0 reports everything found; NaN:
 *                      each target's default, the operating point of its score model)
 * @param liverLabels   a label map on the CT's grid holding the liver, or null
 * @param liverLabel    the liver's value in {@code liverLabels}
 * @param liverSeedLps  a point in the liver (LPS mm) to grow it from when no label map is given, or null
 * @param closingMm     radius of the rolling ball that keeps juxta-pleural nodules in the lung field
 */
public record ScreeningOptions(boolean lung, boolean liver, double minDiameterMm, double minScore, LabelMap liverLabels,
        int liverLabel, Vector3dc liverSeedLps, double closingMm) {

    /** Default smallest reported diameter: 3 mm, the smallest nodule size LUNA16 counts. */
    public static final double DEFAULT_MIN_DIAMETER_MM = 3;
    /** Default rolling-ball radius, mm (juxta-pleural nodules up to 30 mm). */
    public static final double DEFAULT_CLOSING_MM = 15;

    public ScreeningOptions {
        if (!lung && !liver) {
            throw new IllegalArgumentException("nothing to screen: ask for the lung, the liver or both");
        }
        if (!(minDiameterMm >= 0) || Double.isInfinite(minDiameterMm)) {
            throw new IllegalArgumentException("minimum diameter must be a finite number >= 0 mm: " + minDiameterMm);
        }
        if (!Double.isNaN(minScore) && !(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("minimum score must be in [0, 1]: " + minScore);
        }
        if (liver && liverLabels == null && liverSeedLps == null) {
            throw new IllegalArgumentException("liver screening needs the liver: a label map or a seed point in it");
        }
        if (liverLabel < 1 || liverLabel > 65535) {
            throw new IllegalArgumentException("liver label must be 1..65535: " + liverLabel);
        }
        if (!(closingMm > 0) || Double.isInfinite(closingMm)) {
            throw new IllegalArgumentException("closing radius must be a positive number of mm: " + closingMm);
        }
        liverSeedLps = liverSeedLps == null ? null : new Vector3d(liverSeedLps);
    }

    /** Lung screening with the defaults and the operating point of the shipped score model. */
    public static ScreeningOptions lungs() {
        return new ScreeningOptions(true, false, DEFAULT_MIN_DIAMETER_MM, Double.NaN, null, 1, null, DEFAULT_CLOSING_MM);
    }

    /** Liver screening in the liver labelled {@code label} of {@code labels}, with the defaults. */
    public static ScreeningOptions liver(LabelMap labels, int label) {
        Objects.requireNonNull(labels);
        return new ScreeningOptions(false, true, DEFAULT_MIN_DIAMETER_MM, Double.NaN, labels, label, null, DEFAULT_CLOSING_MM);
    }

    /** The score a candidate of {@code target} ({@code lung} or {@code liver}) needs to be reported. */
    public double minScoreFor(String target) {
        if (!Double.isNaN(minScore)) {
            return minScore;
        }
        return "liver".equals(target) ? CandidateScore.liver().operatingPoint() : CandidateScore.lung().operatingPoint();
    }

    /** The same options reporting every candidate found (score 0 and up, any size): for FROC analysis. */
    public ScreeningOptions reportingAll() {
        return new ScreeningOptions(lung, liver, 0, 0, liverLabels, liverLabel, liverSeedLps, closingMm);
    }
}
