package org.organ3d.opencl;

import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.CL_PLATFORM_VERSION;
import static org.jocl.CL.CL_SUCCESS;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * Lists the OpenCL platforms and devices visible through JOCL. Never throws for a missing OpenCL
 * runtime: {@link #list()} reports it as an {@link OpenClUnavailableException}.
 */
public final class OpenClPlatforms {

    private OpenClPlatforms() {
    }

    /** One device of one platform. */
    public record DeviceDescription(String platform, String platformVersion, String device) {
        @Override
        public String toString() {
            return platform + " (" + platformVersion + "): " + device;
        }
    }

    /**
     * Every device of every platform.
     *
     * @throws OpenClUnavailableException when the OpenCL library cannot be loaded or lists no platform
     */
    public static List<DeviceDescription> list() {
        try {
            CL.setExceptionsEnabled(false);
            int[] n = new int[1];
            int rc = clGetPlatformIDs(0, null, n);
            if (rc != CL_SUCCESS || n[0] == 0) {
                throw new OpenClUnavailableException("no OpenCL platform (clGetPlatformIDs: " + CL.stringFor_errorCode(rc)
                        + ", " + n[0] + " platforms); install an ICD such as pocl-opencl-icd");
            }
            cl_platform_id[] platforms = new cl_platform_id[n[0]];
            clGetPlatformIDs(platforms.length, platforms, null);
            List<DeviceDescription> out = new ArrayList<>();
            for (cl_platform_id p : platforms) {
                String pname = platformString(p, CL_PLATFORM_NAME);
                String pver = platformString(p, CL_PLATFORM_VERSION);
                int[] nd = new int[1];
                if (clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 0, null, nd) != CL_SUCCESS || nd[0] == 0) {
                    continue;
                }
                cl_device_id[] devs = new cl_device_id[nd[0]];
                clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, devs.length, devs, null);
                for (cl_device_id d : devs) {
                    out.add(new DeviceDescription(pname, pver, deviceString(d, CL_DEVICE_NAME)));
                }
            }
            if (out.isEmpty()) {
                throw new OpenClUnavailableException("OpenCL platforms found but no device");
            }
            return out;
        } catch (LinkageError e) {
            throw new OpenClUnavailableException("OpenCL runtime could not be loaded (" + e.getMessage()
                    + "); JOCL opens libOpenCL.so: on Debian/Ubuntu install ocl-icd-opencl-dev and an ICD", e);
        }
    }

    private static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        clGetPlatformInfo(p, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    private static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(d, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8).trim();
    }
}
