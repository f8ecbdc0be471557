/**
 * Image filters that run as compute-backend passes ({@link org.organ3d.filter.FilterPasses}): the
 * separable Gaussian in millimetres sampled on a coarser grid ({@link org.organ3d.filter.GaussianFilter})
 * and the scale-normalised Hessian blob response ({@link org.organ3d.filter.HessianBlobFilter}), the
 * scale space of lesion screening ({@code org.organ3d.screen}). The OpenCL backend runs the same
 * passes ({@code screening.cl}); the Gaussian is identical, the response agrees to a few ulps.
 */
package org.organ3d.filter;
