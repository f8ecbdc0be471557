package org.organ3d.io.dicom;

import java.util.HashMap;
import java.util.Map;

/**
 * The VRs of the attributes organ3d needs, for implicit VR transfer syntaxes (where the file does
 * not say) and for elements an explicit VR file labels {@code UN}. Not the whole PS3.6 dictionary:
 * an unknown tag reads as {@code UN} (raw bytes), except that an unknown element of undefined length
 * is parsed as a sequence (PS3.5 §7.5.1), so nested data of any kind is still walked correctly.
 */
final class DataDictionary {

    private static final Map<Integer, VR> VRS = new HashMap<>();

    static {
        put(VR.UI, Tag.AffectedSOPClassUID, Tag.RequestedSOPClassUID, Tag.AffectedSOPInstanceUID,
                Tag.RequestedSOPInstanceUID, Tag.SOPClassesInStudy, Tag.ReferencedSOPClassUID,
                Tag.ReferencedSOPInstanceUID);
        put(VR.US, Tag.CommandField, Tag.MessageID, Tag.MessageIDBeingRespondedTo, Tag.Priority,
                Tag.CommandDataSetType, Tag.Status, Tag.ErrorID, Tag.NumberOfRemainingSuboperations,
                Tag.NumberOfCompletedSuboperations, Tag.NumberOfFailedSuboperations,
                Tag.NumberOfWarningSuboperations, Tag.MoveOriginatorMessageID, Tag.WarningReason, Tag.FailureReason);
        put(VR.AE, Tag.MoveDestination, Tag.MoveOriginatorApplicationEntityTitle, Tag.RetrieveAETitle);
        put(VR.AT, Tag.OffendingElement);
        put(VR.LO, Tag.ErrorComment);
        put(VR.CS, Tag.QueryRetrieveLevel, Tag.InstanceAvailability, Tag.ModalitiesInStudy);
        put(VR.UR, Tag.RetrieveURL);
        put(VR.SQ, Tag.FailedSOPSequence, Tag.ReferencedSOPSequence);
        put(VR.IS, Tag.NumberOfStudyRelatedSeries, Tag.NumberOfStudyRelatedInstances,
                Tag.NumberOfSeriesRelatedInstances);
        put(VR.UL, Tag.FileMetaInformationGroupLength);
        put(VR.OB, Tag.FileMetaInformationVersion);
        put(VR.UI, Tag.MediaStorageSOPClassUID, Tag.MediaStorageSOPInstanceUID, Tag.TransferSyntaxUID,
                Tag.ImplementationClassUID, Tag.SOPClassUID, Tag.SOPInstanceUID, Tag.StudyInstanceUID,
                Tag.SeriesInstanceUID, Tag.FrameOfReferenceUID, Tag.ReferencedSOPClassUIDInFile,
                Tag.ReferencedSOPInstanceUIDInFile, Tag.ReferencedTransferSyntaxUIDInFile);
        put(VR.SH, Tag.ImplementationVersionName, Tag.AccessionNumber, Tag.StudyID);
        put(VR.AE, Tag.SourceApplicationEntityTitle);
        put(VR.SQ, Tag.DirectoryRecordSequence, Tag.FrameContentSequence, Tag.PlanePositionSequence,
                Tag.PlaneOrientationSequence, Tag.PixelMeasuresSequence, Tag.FrameVOILUTSequence,
                Tag.PixelValueTransformationSequence, Tag.SharedFunctionalGroupsSequence,
                Tag.PerFrameFunctionalGroupsSequence,
                0x00081111, 0x00081115, 0x00081140, 0x00082112, 0x00089121, 0x00089124, 0x00209071,
                0x00209222, 0x00189112, 0x00189114, 0x00189115, 0x00189117, 0x00189118, 0x00189119,
                0x00189125, 0x00189226, 0x00189227, 0x00189301, 0x00189304, 0x00189308, 0x00189326,
                0x00189345, 0x00189346, 0x00400275, 0x0040A730, 0x0040A043, 0x00400260, 0x00082218,
                0x00620002, 0x00620003, 0x00620004, 0x0062000F, 0x00640002, 0x00640005, 0x30060020,
                0x30060039, 0x30060040, 0x300A0010, 0x300C0002);
        put(VR.CS, Tag.DirectoryRecordType, Tag.SpecificCharacterSet, Tag.ImageType, Tag.Modality,
                Tag.PatientSex, Tag.BodyPartExamined, Tag.PatientPosition, Tag.PhotometricInterpretation,
                Tag.RescaleType);
        put(VR.DA, Tag.InstanceCreationDate, Tag.StudyDate, Tag.SeriesDate, Tag.ContentDate, Tag.PatientBirthDate);
        put(VR.TM, Tag.StudyTime, Tag.SeriesTime, Tag.ContentTime);
        put(VR.LO, Tag.Manufacturer, Tag.StudyDescription, Tag.SeriesDescription, Tag.PatientID);
        put(VR.PN, Tag.ReferringPhysicianName, Tag.PatientName);
        put(VR.DS, Tag.SliceThickness, Tag.KVP, Tag.SpacingBetweenSlices, Tag.GantryDetectorTilt,
                Tag.ImagePositionPatient, Tag.ImageOrientationPatient, Tag.SliceLocation, Tag.PixelSpacing,
                Tag.WindowCenter, Tag.WindowWidth, Tag.RescaleIntercept, Tag.RescaleSlope,
                Tag.GridFrameOffsetVector, Tag.DoseGridScaling);
        put(VR.IS, Tag.EchoNumbers, Tag.SeriesNumber, Tag.AcquisitionNumber, Tag.InstanceNumber,
                Tag.TemporalPositionIdentifier, Tag.NumberOfFrames);
        put(VR.CS, Tag.ReferencedFileID);
        put(VR.LO, Tag.PositionReferenceIndicator);
        put(VR.UL, Tag.TemporalPositionIndex, Tag.DimensionIndexValues, Tag.InStackPositionNumber);
        put(VR.SH, Tag.StackID);
        put(VR.US, Tag.SamplesPerPixel, Tag.PlanarConfiguration, Tag.Rows, Tag.Columns, Tag.BitsAllocated,
                Tag.BitsStored, Tag.HighBit, Tag.PixelRepresentation);
        // SEG, RTSTRUCT and SR (io.dicom.seg, .rtstruct, .sr): files written in implicit VR by other tools
        put(VR.SQ, Tag.CodingSchemeIdentificationSequence, Tag.ReferencedStudySequence, Tag.ReferencedSeriesSequence,
                Tag.ReferencedInstanceSequence, Tag.ReferencedSOPSequence, Tag.SourceImageSequence,
                Tag.AnatomicRegionSequence, Tag.DerivationImageSequence, Tag.DerivationCodeSequence,
                Tag.DimensionOrganizationSequence, Tag.DimensionIndexSequence, Tag.SegmentSequence,
                Tag.SegmentedPropertyCategoryCodeSequence, Tag.SegmentIdentificationSequence,
                Tag.SegmentedPropertyTypeCodeSequence, Tag.SegmentedPropertyTypeModifierCodeSequence,
                Tag.ConceptNameCodeSequence, Tag.ConceptCodeSequence, Tag.PurposeOfReferenceCodeSequence,
                Tag.MeasuredValueSequence, Tag.PerformedProcedureCodeSequence,
                Tag.CurrentRequestedProcedureEvidenceSequence, Tag.PertinentOtherEvidenceSequence,
                Tag.ContentTemplateSequence, Tag.ContentSequence, Tag.MeasurementUnitsCodeSequence,
                Tag.ReferencedFrameOfReferenceSequence, Tag.RTReferencedStudySequence, Tag.RTReferencedSeriesSequence,
                Tag.ContourImageSequence, Tag.StructureSetROISequence, Tag.ROIContourSequence, Tag.ContourSequence,
                Tag.RTROIObservationsSequence, 0x00082228, 0x00082230, 0x00620007, 0x30060086, 0x300600B0);
        put(VR.SH, Tag.CodeValue, Tag.CodingSchemeDesignator, Tag.CodingSchemeVersion, Tag.StructureSetLabel);
        put(VR.LO, Tag.CodeMeaning, Tag.ManufacturerModelName, Tag.DeviceSerialNumber, Tag.SoftwareVersions,
                Tag.DimensionDescriptionLabel, Tag.SegmentLabel, Tag.SegmentAlgorithmName, Tag.ContentDescription,
                Tag.StructureSetName, Tag.ROIName, Tag.ROIGenerationDescription, Tag.Organ3dPrivateCreator);
        put(VR.CS, Tag.MappingResource, Tag.DimensionOrganizationType, Tag.LossyImageCompression, Tag.SegmentationType,
                Tag.SegmentAlgorithmType, Tag.SegmentationFractionalType, Tag.SegmentsOverlap, Tag.ContentLabel,
                Tag.GraphicType, Tag.RelationshipType, Tag.ValueType, Tag.ContinuityOfContent, Tag.CompletionFlag,
                Tag.VerificationFlag, Tag.TemplateIdentifier, Tag.ROIGenerationAlgorithm, Tag.ContourGeometricType,
                Tag.RTROIInterpretedType);
        put(VR.UI, Tag.CodingSchemeUID, Tag.MappingResourceUID, Tag.ReferencedSOPClassUID, Tag.ReferencedSOPInstanceUID,
                Tag.DimensionOrganizationUID, Tag.TrackingUID, Tag.UID, Tag.ReferencedFrameOfReferenceUID);
        put(VR.ST, Tag.CodingSchemeName, Tag.CodingSchemeResponsibleOrganization, Tag.SegmentDescription,
                Tag.StructureSetDescription, Tag.ROIDescription);
        put(VR.UC, Tag.LongCodeValue);
        put(VR.UR, Tag.URNCodeValue);
        put(VR.UT, Tag.TrackingID, Tag.TextValue);
        put(VR.PN, Tag.OperatorsName, Tag.ContentCreatorName, Tag.ROIInterpreter);
        put(VR.IS, Tag.ReferencedFrameNumber, Tag.ROINumber, Tag.ROIDisplayColor, Tag.NumberOfContourPoints,
                Tag.ContourNumber, Tag.ObservationNumber, Tag.ReferencedROINumber);
        put(VR.DS, Tag.NumericValue, Tag.ContourData);
        put(VR.DA, Tag.StructureSetDate);
        put(VR.TM, Tag.InstanceCreationTime, Tag.StructureSetTime);
        put(VR.AT, Tag.DimensionIndexPointer, Tag.FunctionalGroupPointer);
        put(VR.US, Tag.SegmentNumber, Tag.ReferencedSegmentNumber, Tag.RecommendedDisplayGrayscaleValue,
                Tag.RecommendedDisplayCIELabValue, Tag.MaximumFractionalValue, Tag.Organ3dLabelValue);
        put(VR.FL, Tag.GraphicData);
        put(VR.OV, Tag.ExtendedOffsetTable, Tag.ExtendedOffsetTableLengths);
        put(VR.OF, Tag.FloatPixelData);
        put(VR.OD, Tag.DoubleFloatPixelData);
        put(VR.OW, Tag.PixelData);
    }

    private DataDictionary() {
    }

    private static void put(VR vr, int... tags) {
        for (int t : tags) {
            VRS.put(t, vr);
        }
    }

    /**
     * The VR of {@code tag}: the dictionary's, {@code UL} for group lengths, {@code LO} for private
     * creators, else {@code UN}.
     */
    public static VR vrOf(int tag) {
        VR v = VRS.get(tag);
        if (v != null) {
            return v;
        }
        int element = tag & 0xFFFF;
        if (element == 0) {
            return VR.UL;
        }
        if ((Tag.group(tag) & 1) == 1 && element >= 0x10 && element <= 0xFF) {
            return VR.LO;
        }
        return VR.UN;
    }

    /** True if the dictionary knows this tag. */
    public static boolean knows(int tag) {
        return VRS.containsKey(tag);
    }
}
