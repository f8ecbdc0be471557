package org.organ3d.opencl;

import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.JavaBackend;

/** The contract run on the Java backend itself (the analytic checks are what it is held to). */
class JavaBackendContractTest extends SegmentationContract {
    @Override
    protected ComputeBackend createBackend() {
        return new JavaBackend();
    }
}
