/** Segmentation networks in-process through ONNX Runtime: model cards, sliding windows, label maps out. */
module org.organ3d.inference {
    requires transitive org.organ3d.core;
    requires com.microsoft.onnxruntime;
    requires com.fasterxml.jackson.databind;

    exports org.organ3d.inference;
}
