package org.organ3d.opencl;

import org.organ3d.compute.ComputeBackend;
import org.organ3d.compute.JavaBackend;

/**
 * The contract run on the Java backend itself: held to the plain reference marching cubes and the
 * analytic truths, never compared with itself.
 */
class JavaBackendContractTest extends SegmentationContract {
    @Override
    protected ComputeBackend createBackend() {
        return new JavaBackend();
    }
}
