package org.organ3d.opencl;

import org.jocl.CL;
import org.organ3d.compute.BackendUnavailableException;

/**
 * A typed OpenCL failure: the OpenCL status code (0 when the failure is not a status, e.g. no
 * platform) and a message that says what was being done. It is a {@link BackendUnavailableException}
 * so that {@code auto} selection falls back to the Java backend and an explicit {@code opencl}
 * request fails with this reason. Every {@link org.jocl.CLException} is turned into one of these at
 * the backend boundary.
 */
public class OpenClException extends BackendUnavailableException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public OpenClException(String message, int status) {
        super(message);
        this.status = status;
    }

    public OpenClException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The OpenCL status code ({@code CL_OUT_OF_RESOURCES} ...), or 0. */
    public int status() {
        return status;
    }

    /** The status as its OpenCL name, e.g. {@code CL_MEM_OBJECT_ALLOCATION_FAILURE}. */
    public String statusName() {
        return status == 0 ? "none" : CL.stringFor_errorCode(status);
    }

    /**
     * True for out-of-memory kinds of failure (allocation failure, out of resources or host memory,
     * invalid buffer size), after which a smaller brick may still work.
     */
    public boolean isResourceFailure() {
        return status == CL.CL_MEM_OBJECT_ALLOCATION_FAILURE || status == CL.CL_OUT_OF_RESOURCES
                || status == CL.CL_OUT_OF_HOST_MEMORY || status == CL.CL_INVALID_BUFFER_SIZE;
    }
}
