package org.organ3d.opencl;

import org.junit.jupiter.api.Tag;
import org.organ3d.compute.ComputeBackend;
import org.organ3d.testkit.RequiresDevice;

/** The contract run on the OpenCL backend (PoCL here; a GPU where there is one), explicit mode. */
@Tag("opencl")
@RequiresDevice(value = "opencl", probe = OpenClProbe.class)
class OpenClBackendContractTest extends JavaParityContract {

    private OpenClBackend cl;

    @Override
    protected ComputeBackend createBackend() {
        cl = new OpenClBackend();
        System.out.println("OpenCL contract on " + cl.device());
        return cl;
    }

    @Override
    protected boolean exactReals() {
        return cl.device().hasFp64();
    }
}
