/**
 * organ3d's OpenCL backend: the heavy passes of {@link org.organ3d.compute.ComputeBackend} as OpenCL
 * kernels through JOCL, found by {@link java.util.ServiceLoader} and chosen with
 * {@code ComputeBackends.select("opencl" | "auto")}. It exports nothing: an application talks to it
 * through the core's {@code ComputeBackend} interface only.
 */
module org.organ3d.opencl {
    requires org.organ3d.core;
    // NB: JOCL has no module name of its own; "jocl" is its automatic name, from the jar's file name
    requires jocl;

    provides org.organ3d.compute.ComputeBackend with org.organ3d.opencl.OpenClBackend;
}
