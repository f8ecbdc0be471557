package org.organ3d.io.dicom.sr;

import org.organ3d.io.dicom.Attributes;
import org.organ3d.io.dicom.CodedConcept;
import org.organ3d.io.dicom.Tag;
import org.organ3d.io.dicom.VR;

/**
 * The coded concepts organ3d's measurement reports use, with where each comes from: DCM (PS3.16
 * Annex D), SCT (SNOMED CT, as PS3.16 cites it), IBSI (Image Biomarker Standardisation Initiative
 * features in DICOM CID 7477 "Global Shape Descriptors"), UCUM units, and organ3d's private scheme
 * {@code 99ORGAN3D} for a measure no standard code describes exactly (declared in the report's
 * Coding Scheme Identification Sequence).
 */
final class SrCodes {

    static final CodedConcept IMAGING_MEASUREMENT_REPORT = dcm("126000", "Imaging Measurement Report");
    static final CodedConcept LANGUAGE = dcm("121049", "Language of Content Item and Descendants");
    static final CodedConcept ENGLISH_US = new CodedConcept("en-US", "RFC5646", "English (United States)");
    static final CodedConcept OBSERVER_TYPE = dcm("121005", "Observer Type");
    static final CodedConcept DEVICE = dcm("121007", "Device");
    static final CodedConcept DEVICE_OBSERVER_UID = dcm("121012", "Device Observer UID");
    static final CodedConcept DEVICE_OBSERVER_NAME = dcm("121013", "Device Observer Name");
    static final CodedConcept DEVICE_OBSERVER_MANUFACTURER = dcm("121014", "Device Observer Manufacturer");
    static final CodedConcept PROCEDURE_REPORTED = dcm("121058", "Procedure reported");
    static final CodedConcept IMAGING_PROCEDURE = sct("363679005", "Imaging procedure");
    static final CodedConcept IMAGE_LIBRARY = dcm("111028", "Image Library");
    static final CodedConcept IMAGE_LIBRARY_GROUP = dcm("126200", "Image Library Group");
    static final CodedConcept IMAGING_MEASUREMENTS = dcm("126010", "Imaging Measurements");
    static final CodedConcept MEASUREMENT_GROUP = dcm("125007", "Measurement Group");
    static final CodedConcept TRACKING_IDENTIFIER = dcm("112039", "Tracking Identifier");
    static final CodedConcept TRACKING_UID = dcm("112040", "Tracking Unique Identifier");
    static final CodedConcept REFERENCED_SEGMENT = dcm("121191", "Referenced Segment");
    static final CodedConcept SOURCE_SERIES_FOR_SEGMENTATION = dcm("121232", "Source series for segmentation");
    static final CodedConcept FINDING = dcm("121071", "Finding");
    static final CodedConcept MEASUREMENT_METHOD = sct("370129005", "Measurement Method");
    static final CodedConcept DERIVATION = dcm("121401", "Derivation");
    static final CodedConcept MEAN = sct("373098007", "Mean");
    static final CodedConcept RECIST_1_1 = dcm("126081", "RECIST 1.1");
    static final CodedConcept CENTER = dcm("111010", "Center");
    /** A ruler's length: CID 7470 "Linear Measurement" (in CID 218, which TID 1500 row 9 binds to $Measurement). */
    static final CodedConcept LENGTH = sct("410668003", "Length");
    /** Concept of the coordinates a measurement is inferred from: CID 7551 (TID 1500 row 9, $ImagePurpose). */
    static final CodedConcept SOURCE_OF_MEASUREMENT = dcm("121112", "Source of Measurement");
    /** TID 1501 row 6 / TID 301 row 5: where a measurement lies, as an anatomic code. */
    static final CodedConcept FINDING_SITE = sct("363698007", "Finding Site");
    /** The name of the structure a ruler's first point lies on (no standard concept names an endpoint's structure). */
    static final CodedConcept FIRST_ENDPOINT_STRUCTURE = new CodedConcept("ENDPOINT1", "99ORGAN3D",
            "Structure at first endpoint");
    /** The name of the structure a ruler's second point lies on. */
    static final CodedConcept SECOND_ENDPOINT_STRUCTURE = new CodedConcept("ENDPOINT2", "99ORGAN3D",
            "Structure at second endpoint");

    /** Volume by counting voxels: voxel count × voxel volume. */
    static final CodedConcept VOLUME_VOXELS = new CodedConcept("YEKZ", "IBSI", "Volume from Voxel Summation");
    /** Volume enclosed by the label's surface mesh (divergence theorem). */
    static final CodedConcept VOLUME_MESH = new CodedConcept("RNU0", "IBSI", "Volume of Mesh");
    static final CodedConcept LONG_AXIS = sct("103339001", "Long Axis");
    static final CodedConcept SHORT_AXIS = sct("103340004", "Short Axis");
    /** organ3d's maximum Feret diameter: over voxel corners (IBSI L0JK is over mesh vertices). */
    static final CodedConcept MAX_FERET = new CodedConcept("MAXFERET", "99ORGAN3D", "Maximum Feret diameter of voxel corners");
    static final CodedConcept ATTENUATION = dcm("112031", "Attenuation Coefficient");
    static final CodedConcept INTENSITY = new CodedConcept("INTENSITY", "99ORGAN3D", "Image intensity");

    static final CodedConcept MM = new CodedConcept("mm", "UCUM", "millimeter");
    static final CodedConcept MM3 = new CodedConcept("mm3", "UCUM", "cubic millimeter");
    static final CodedConcept HU = new CodedConcept("[hnsf'U]", "UCUM", "Hounsfield unit");
    static final CodedConcept ARBITRARY = new CodedConcept("[arb'U]", "UCUM", "arbitrary unit");

    private SrCodes() {
    }

    private static CodedConcept dcm(String v, String m) {
        return new CodedConcept(v, "DCM", m);
    }

    private static CodedConcept sct(String v, String m) {
        return new CodedConcept(v, "SCT", m);
    }

    /** The Coding Scheme Identification item declaring {@code 99ORGAN3D}. */
    static Attributes privateScheme() {
        Attributes a = Attributes.utf8();
        a.setString(Tag.CodingSchemeDesignator, VR.SH, "99ORGAN3D");
        a.setString(Tag.CodingSchemeName, VR.ST, "organ3d measurement concepts");
        a.setString(Tag.CodingSchemeResponsibleOrganization, VR.ST, "organ3d project (docs/clinical.md)");
        return a;
    }
}
