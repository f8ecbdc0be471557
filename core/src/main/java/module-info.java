/**
 * organ3d core: the volume model, readers and writers (DICOM, NIfTI, NRRD, MetaImage; STL, PLY, OBJ,
 * GLB), segmentation, surfaces, measurement, the compute SPI with its pure-Java backend, and the
 * pipeline facade. Exports the API packages only; {@code org.organ3d.io.raw} (voxel streams, gzip,
 * format-error plumbing) stays inside.
 *
 * <p>Service interfaces: {@link org.organ3d.compute.ComputeBackend} (the OpenCL backend of module
 * {@code org.organ3d.opencl} provides one) and {@link org.organ3d.io.ImageFormat}. NB: the
 * {@code provides} below and {@code META-INF/services} (the class path) list the same providers,
 * in the same order; {@code ModularAppTest} fails when they drift apart.
 */
module org.organ3d.core {
    requires transitive org.joml;
    requires com.fasterxml.jackson.databind;
    // NB: ImageIO decodes baseline JPEG frames; jai-imageio (an automatic module) decodes JPEG 2000
    requires java.desktop;
    requires jai.imageio.jpeg2000;

    exports org.organ3d.compute;
    exports org.organ3d.filter;
    exports org.organ3d.io;
    exports org.organ3d.io.dicom;
    exports org.organ3d.io.dicom.codec;
    exports org.organ3d.io.dicom.rtstruct;
    exports org.organ3d.io.dicom.seg;
    exports org.organ3d.io.dicom.sr;
    exports org.organ3d.io.labels;
    exports org.organ3d.io.metaimage;
    exports org.organ3d.io.nifti;
    exports org.organ3d.io.nrrd;
    exports org.organ3d.measure;
    exports org.organ3d.mesh;
    exports org.organ3d.mesh.io;
    exports org.organ3d.parallel;
    exports org.organ3d.pipeline;
    exports org.organ3d.screen;
    exports org.organ3d.segment;
    exports org.organ3d.volume;

    uses org.organ3d.compute.ComputeBackend;
    uses org.organ3d.io.ImageFormat;

    provides org.organ3d.compute.ComputeBackend with org.organ3d.compute.JavaBackend;
    provides org.organ3d.io.ImageFormat with
            org.organ3d.io.nifti.NiftiFormat,
            org.organ3d.io.nrrd.NrrdFormat,
            org.organ3d.io.metaimage.MetaImageFormat,
            org.organ3d.io.dicom.DicomSeriesFormat,
            org.organ3d.io.dicom.seg.SegFormat,
            org.organ3d.io.dicom.rtstruct.RtStructFormat,
            org.organ3d.io.dicom.DicomFileFormat;
}
