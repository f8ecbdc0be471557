/**
 * PACS clients: DICOMweb (QIDO-RS, WADO-RS, STOW-RS) and the DICOM network (C-ECHO, C-FIND, C-GET,
 * C-STORE). {@code org.organ3d.net} is the API ({@code PacsClient}); the protocol packages stay inside.
 */
module org.organ3d.net {
    requires transitive org.organ3d.core;
    requires java.net.http;

    exports org.organ3d.net;
}
