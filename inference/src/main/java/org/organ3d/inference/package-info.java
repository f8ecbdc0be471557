/**
 * Segmentation networks in-process through ONNX Runtime: a {@link org.organ3d.inference.ModelCard}
 * says what grid, patch, tensor layout, normalization and labels an ONNX model has; a
 * {@link org.organ3d.inference.SegmentationModel} holds its session (open once, run on many volumes,
 * thread-safe); {@link org.organ3d.inference.ModelSegmentation#run} turns a volume into a label map on
 * the volume's own grid.
 *
 * <p>The sliding-window scheme follows nnU-Net (Isensee F, Jaeger PF, Kohl SAA, Petersen J,
 * Maier-Hein KH: nnU-Net, a self-configuring method for deep learning-based biomedical image
 * segmentation. Nature Methods 18:203–211, 2021: patch steps, Gaussian importance map with σ = 1/8 of
 * the patch, mirroring over all axis combinations, CT normalization) and MONAI's
 * {@code sliding_window_inference}; discarding the border of each output patch is the overlap-tile
 * strategy of Ronneberger O, Fischer P, Brox T: U-Net, convolutional networks for biomedical image
 * segmentation. MICCAI 2015, LNCS 9351:234–241. docs/inference.md describes the card and the pipeline.
 */
package org.organ3d.inference;
