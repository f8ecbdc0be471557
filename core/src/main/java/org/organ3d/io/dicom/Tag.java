package org.organ3d.io.dicom;

/**
 * Tags (group &lt;&lt; 16 | element) of the attributes organ3d reads or writes, named as in PS3.6.
 * Static constants only; {@link #toString(int)} formats a tag as {@code (gggg,eeee)}.
 */
public final class Tag {
    // Command group (DIMSE command sets, PS3.7 E.1; always implicit VR little endian)
    public static final int CommandGroupLength = 0x00000000;
    public static final int AffectedSOPClassUID = 0x00000002;
    public static final int RequestedSOPClassUID = 0x00000003;
    public static final int CommandField = 0x00000100;
    public static final int MessageID = 0x00000110;
    public static final int MessageIDBeingRespondedTo = 0x00000120;
    public static final int MoveDestination = 0x00000600;
    public static final int Priority = 0x00000700;
    public static final int CommandDataSetType = 0x00000800;
    public static final int Status = 0x00000900;
    public static final int OffendingElement = 0x00000901;
    public static final int ErrorComment = 0x00000902;
    public static final int ErrorID = 0x00000903;
    public static final int AffectedSOPInstanceUID = 0x00001000;
    public static final int RequestedSOPInstanceUID = 0x00001001;
    public static final int NumberOfRemainingSuboperations = 0x00001020;
    public static final int NumberOfCompletedSuboperations = 0x00001021;
    public static final int NumberOfFailedSuboperations = 0x00001022;
    public static final int NumberOfWarningSuboperations = 0x00001023;
    public static final int MoveOriginatorApplicationEntityTitle = 0x00001030;
    public static final int MoveOriginatorMessageID = 0x00001031;

    // File meta information (group 0002)
    public static final int FileMetaInformationGroupLength = 0x00020000;
    public static final int FileMetaInformationVersion = 0x00020001;
    public static final int MediaStorageSOPClassUID = 0x00020002;
    public static final int MediaStorageSOPInstanceUID = 0x00020003;
    public static final int TransferSyntaxUID = 0x00020010;
    public static final int ImplementationClassUID = 0x00020012;
    public static final int ImplementationVersionName = 0x00020013;
    public static final int SourceApplicationEntityTitle = 0x00020016;

    // DICOMDIR (group 0004)
    public static final int DirectoryRecordSequence = 0x00041220;
    public static final int DirectoryRecordType = 0x00041430;
    public static final int ReferencedFileID = 0x00041500;
    public static final int ReferencedSOPClassUIDInFile = 0x00041510;
    public static final int ReferencedSOPInstanceUIDInFile = 0x00041511;
    public static final int ReferencedTransferSyntaxUIDInFile = 0x00041512;

    // Identification
    public static final int SpecificCharacterSet = 0x00080005;
    public static final int ImageType = 0x00080008;
    public static final int InstanceCreationDate = 0x00080012;
    public static final int InstanceCreationTime = 0x00080013;
    public static final int SOPClassUID = 0x00080016;
    public static final int SOPInstanceUID = 0x00080018;
    public static final int StudyDate = 0x00080020;
    public static final int SeriesDate = 0x00080021;
    public static final int ContentDate = 0x00080023;
    public static final int StudyTime = 0x00080030;
    public static final int SeriesTime = 0x00080031;
    public static final int ContentTime = 0x00080033;
    public static final int AccessionNumber = 0x00080050;
    public static final int Modality = 0x00080060;
    public static final int Manufacturer = 0x00080070;
    public static final int ReferringPhysicianName = 0x00080090;
    public static final int StudyDescription = 0x00081030;
    public static final int SeriesDescription = 0x0008103E;
    public static final int PatientName = 0x00100010;
    public static final int PatientID = 0x00100020;
    public static final int PatientBirthDate = 0x00100030;
    public static final int PatientSex = 0x00100040;

    // Acquisition
    public static final int BodyPartExamined = 0x00180015;
    public static final int SliceThickness = 0x00180050;
    public static final int KVP = 0x00180060;
    public static final int SpacingBetweenSlices = 0x00180088;
    public static final int EchoNumbers = 0x00180086;
    public static final int GantryDetectorTilt = 0x00181120;
    public static final int PatientPosition = 0x00185100;

    // Relationship and image plane
    public static final int StudyInstanceUID = 0x0020000D;
    public static final int SeriesInstanceUID = 0x0020000E;
    public static final int StudyID = 0x00200010;
    public static final int SeriesNumber = 0x00200011;
    public static final int AcquisitionNumber = 0x00200012;
    public static final int InstanceNumber = 0x00200013;
    public static final int ImagePositionPatient = 0x00200032;
    public static final int ImageOrientationPatient = 0x00200037;
    public static final int FrameOfReferenceUID = 0x00200052;
    public static final int TemporalPositionIdentifier = 0x00200100;
    public static final int PositionReferenceIndicator = 0x00201040;
    public static final int SliceLocation = 0x00201041;
    public static final int TemporalPositionIndex = 0x00209128;
    public static final int FrameContentSequence = 0x00209111;
    public static final int PlanePositionSequence = 0x00209113;
    public static final int PlaneOrientationSequence = 0x00209116;
    public static final int DimensionIndexValues = 0x00209157;
    public static final int InStackPositionNumber = 0x00209057;
    public static final int StackID = 0x00209056;

    // Image pixel module
    public static final int SamplesPerPixel = 0x00280002;
    public static final int PhotometricInterpretation = 0x00280004;
    public static final int PlanarConfiguration = 0x00280006;
    public static final int NumberOfFrames = 0x00280008;
    public static final int Rows = 0x00280010;
    public static final int Columns = 0x00280011;
    public static final int PixelSpacing = 0x00280030;
    public static final int BitsAllocated = 0x00280100;
    public static final int BitsStored = 0x00280101;
    public static final int HighBit = 0x00280102;
    public static final int PixelRepresentation = 0x00280103;
    public static final int WindowCenter = 0x00281050;
    public static final int WindowWidth = 0x00281051;
    public static final int RescaleIntercept = 0x00281052;
    public static final int RescaleSlope = 0x00281053;
    public static final int RescaleType = 0x00281054;
    public static final int PixelMeasuresSequence = 0x00289110;
    public static final int FrameVOILUTSequence = 0x00289132;
    public static final int PixelValueTransformationSequence = 0x00289145;

    // Code sequence macro and references (PS3.3 8.8, 10.x)
    public static final int CodeValue = 0x00080100;
    public static final int CodingSchemeDesignator = 0x00080102;
    public static final int CodingSchemeVersion = 0x00080103;
    public static final int CodeMeaning = 0x00080104;
    public static final int MappingResource = 0x00080105;
    public static final int CodingSchemeUID = 0x0008010C;
    public static final int CodingSchemeIdentificationSequence = 0x00080110;
    public static final int CodingSchemeName = 0x00080115;
    public static final int CodingSchemeResponsibleOrganization = 0x00080116;
    public static final int MappingResourceUID = 0x00080118;
    public static final int LongCodeValue = 0x00080119;
    public static final int URNCodeValue = 0x00080120;
    public static final int OperatorsName = 0x00081070;
    public static final int ManufacturerModelName = 0x00081090;
    public static final int ReferencedStudySequence = 0x00081110;
    public static final int ReferencedSeriesSequence = 0x00081115;
    public static final int ReferencedInstanceSequence = 0x0008114A;
    public static final int ReferencedSOPClassUID = 0x00081150;
    public static final int ReferencedSOPInstanceUID = 0x00081155;
    public static final int ReferencedFrameNumber = 0x00081160;
    public static final int ReferencedSOPSequence = 0x00081199;
    public static final int SourceImageSequence = 0x00082112;
    public static final int AnatomicRegionSequence = 0x00082218;
    public static final int DerivationImageSequence = 0x00089124;
    public static final int DerivationCodeSequence = 0x00089215;
    public static final int DeviceSerialNumber = 0x00181000;
    public static final int SoftwareVersions = 0x00181020;

    // Multi-frame dimensions (PS3.3 C.7.6.17)
    public static final int DimensionOrganizationUID = 0x00209164;
    public static final int DimensionIndexPointer = 0x00209165;
    public static final int FunctionalGroupPointer = 0x00209167;
    public static final int DimensionOrganizationSequence = 0x00209221;
    public static final int DimensionIndexSequence = 0x00209222;
    public static final int DimensionOrganizationType = 0x00209311;
    public static final int DimensionDescriptionLabel = 0x00209421;
    public static final int PixelPaddingValue = 0x00280120;
    public static final int LossyImageCompression = 0x00282110;

    // Segmentation (PS3.3 C.8.20)
    public static final int SegmentationType = 0x00620001;
    public static final int SegmentSequence = 0x00620002;
    public static final int SegmentedPropertyCategoryCodeSequence = 0x00620003;
    public static final int SegmentNumber = 0x00620004;
    public static final int SegmentLabel = 0x00620005;
    public static final int SegmentDescription = 0x00620006;
    public static final int SegmentAlgorithmType = 0x00620008;
    public static final int SegmentAlgorithmName = 0x00620009;
    public static final int SegmentIdentificationSequence = 0x0062000A;
    public static final int ReferencedSegmentNumber = 0x0062000B;
    public static final int RecommendedDisplayGrayscaleValue = 0x0062000C;
    public static final int RecommendedDisplayCIELabValue = 0x0062000D;
    public static final int MaximumFractionalValue = 0x0062000E;
    public static final int SegmentedPropertyTypeCodeSequence = 0x0062000F;
    public static final int SegmentationFractionalType = 0x00620010;
    public static final int SegmentedPropertyTypeModifierCodeSequence = 0x00620011;
    public static final int SegmentsOverlap = 0x00620013;
    public static final int TrackingID = 0x00620020;
    public static final int TrackingUID = 0x00620021;
    public static final int ContentLabel = 0x00700080;
    public static final int ContentDescription = 0x00700081;
    public static final int ContentCreatorName = 0x00700084;
    public static final int GraphicData = 0x00700022;
    public static final int GraphicType = 0x00700023;

    // Structured reporting (PS3.3 C.17)
    public static final int RelationshipType = 0x0040A010;
    public static final int ValueType = 0x0040A040;
    public static final int ConceptNameCodeSequence = 0x0040A043;
    public static final int ContinuityOfContent = 0x0040A050;
    public static final int UID = 0x0040A124;
    public static final int TextValue = 0x0040A160;
    public static final int ConceptCodeSequence = 0x0040A168;
    public static final int PurposeOfReferenceCodeSequence = 0x0040A170;
    public static final int MeasuredValueSequence = 0x0040A300;
    public static final int NumericValue = 0x0040A30A;
    public static final int PerformedProcedureCodeSequence = 0x0040A372;
    public static final int CurrentRequestedProcedureEvidenceSequence = 0x0040A375;
    public static final int PertinentOtherEvidenceSequence = 0x0040A385;
    public static final int CompletionFlag = 0x0040A491;
    public static final int VerificationFlag = 0x0040A493;
    public static final int ContentTemplateSequence = 0x0040A504;
    public static final int ContentSequence = 0x0040A730;
    public static final int MeasurementUnitsCodeSequence = 0x004008EA;
    public static final int TemplateIdentifier = 0x0040DB00;

    // RT Structure Set (PS3.3 C.8.8.5, C.8.8.6, C.8.8.8)
    public static final int StructureSetLabel = 0x30060002;
    public static final int StructureSetName = 0x30060004;
    public static final int StructureSetDescription = 0x30060006;
    public static final int StructureSetDate = 0x30060008;
    public static final int StructureSetTime = 0x30060009;
    public static final int ReferencedFrameOfReferenceSequence = 0x30060010;
    public static final int RTReferencedStudySequence = 0x30060012;
    public static final int RTReferencedSeriesSequence = 0x30060014;
    public static final int ContourImageSequence = 0x30060016;
    public static final int StructureSetROISequence = 0x30060020;
    public static final int ROINumber = 0x30060022;
    public static final int ReferencedFrameOfReferenceUID = 0x30060024;
    public static final int ROIName = 0x30060026;
    public static final int ROIDescription = 0x30060028;
    public static final int ROIDisplayColor = 0x3006002A;
    public static final int ROIGenerationAlgorithm = 0x30060036;
    public static final int ROIGenerationDescription = 0x30060038;
    public static final int ROIContourSequence = 0x30060039;
    public static final int ContourSequence = 0x30060040;
    public static final int ContourGeometricType = 0x30060042;
    public static final int NumberOfContourPoints = 0x30060046;
    public static final int ContourNumber = 0x30060048;
    public static final int ContourData = 0x30060050;
    public static final int RTROIObservationsSequence = 0x30060080;
    public static final int ObservationNumber = 0x30060082;
    public static final int ReferencedROINumber = 0x30060084;
    public static final int RTROIInterpretedType = 0x300600A4;
    public static final int ROIInterpreter = 0x300600A6;

    /** organ3d's private creator block (0073,0010) "organ3d" and its label value (0073,1001) US in SEG segments. */
    public static final int Organ3dPrivateCreator = 0x00730010;
    public static final int Organ3dLabelValue = 0x00731001;

    // RT dose (multi-frame grids)
    public static final int GridFrameOffsetVector = 0x3004000C;
    public static final int DoseGridScaling = 0x3004000E;

    // Enhanced multi-frame functional groups
    public static final int SharedFunctionalGroupsSequence = 0x52009229;
    public static final int PerFrameFunctionalGroupsSequence = 0x52009230;

    // Query/retrieve and DICOMweb store responses
    public static final int QueryRetrieveLevel = 0x00080052;
    public static final int RetrieveAETitle = 0x00080054;
    public static final int InstanceAvailability = 0x00080056;
    public static final int ModalitiesInStudy = 0x00080061;
    public static final int SOPClassesInStudy = 0x00080062;
    public static final int RetrieveURL = 0x00081190;
    public static final int WarningReason = 0x00081196;
    public static final int FailureReason = 0x00081197;
    public static final int FailedSOPSequence = 0x00081198;
    public static final int NumberOfStudyRelatedSeries = 0x00201206;
    public static final int NumberOfStudyRelatedInstances = 0x00201208;
    public static final int NumberOfSeriesRelatedInstances = 0x00201209;

    // Pixel data
    public static final int ExtendedOffsetTable = 0x7FE00001;
    public static final int ExtendedOffsetTableLengths = 0x7FE00002;
    public static final int FloatPixelData = 0x7FE00008;
    public static final int DoubleFloatPixelData = 0x7FE00009;
    public static final int PixelData = 0x7FE00010;

    // Item and delimiters (group FFFE)
    public static final int Item = 0xFFFEE000;
    public static final int ItemDelimitationItem = 0xFFFEE00D;
    public static final int SequenceDelimitationItem = 0xFFFEE0DD;

    private Tag() {
    }

    /** The group number (high 16 bits). */
    public static int group(int tag) {
        return tag >>> 16;
    }

    /** The element number (low 16 bits). */
    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** {@code (gggg,eeee)} in upper-case hex. */
    public static String toString(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }
}
