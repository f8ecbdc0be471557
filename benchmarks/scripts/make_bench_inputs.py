#!/usr/bin/python3
"""Builds the real-anatomy inputs of the one-shot comparisons (not committed: made from Debian data).

Source: the Colin 27 average brain (ch2.nii.gz, 181x217x181 uint8 at 1 mm, MNI space) shipped by the
Debian package mricron-data (/usr/share/mricron/templates; BSD-3-clause per the package's copyright
file; the template itself is from the Montreal Neurological Institute, free for any use with
acknowledgement). Needs /usr/bin/python3 with nibabel, numpy, scipy, pydicom and GDCM's gdcmconv.

Writes into OUT (default $TMPDIR/organ3d-bench-inputs, reused when present):
  head_0.5mm.nii.gz  the head upsampled x2 by cubic spline (scipy.ndimage.zoom, order 3) to
                     362x434x362 int16 at 0.5 mm (56.9 M voxels; iso 60.5 gives 7.09 M triangles),
                     gzip level 6 (nibabel's writer), the same grid placement as the source
  dicom/explicit/    the 1 mm head as 181 CT slices of 181x217, int16, explicit VR little endian
  dicom/jpeg-lossless/      ... JPEG lossless SV1 (1.2.840.10008.1.2.4.70, gdcmconv --jpeg)
  dicom/j2k/         ... JPEG 2000 lossless (1.2.840.10008.1.2.4.90, gdcmconv --j2k)
  dicom512/j2k/      a 512x512 CT-like series of 40 slices (the head resampled in-plane), JPEG 2000
                     lossless, for the per-slice decode time

Usage: make_bench_inputs.py [OUT]
Licence: same as organ3d.
"""
import os
import subprocess
import sys
import tempfile

import nibabel as nib
import numpy as np
import pydicom
import scipy.ndimage as ndi
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

CH2 = "/usr/share/mricron/templates/ch2.nii.gz"


def head(out):
    path = os.path.join(out, "head_0.5mm.nii.gz")
    if os.path.exists(path):
        return
    img = nib.load(CH2)
    d = np.asanyarray(img.dataobj).astype(np.float32)
    u = np.clip(np.rint(ndi.zoom(d, 2, order=3)), -32768, 32767).astype(np.int16)
    a = img.affine.copy()
    a[:3, :3] = img.affine[:3, :3] / 2
    # fine voxel centres tile the coarse voxels: the first lies a quarter voxel before the coarse one
    a[:3, 3] = img.affine[:3, 3] + img.affine[:3, :3] @ np.array([-0.25, -0.25, -0.25])
    h = nib.Nifti1Image(u, a)
    h.set_qform(a, 1)
    h.set_sform(a, 1)
    tmp = path + ".part.nii.gz"
    nib.save(h, tmp)
    os.replace(tmp, path)


def write_series(folder, vol, spacing, series_uid):
    """vol: (nz, ny, nx) int16; one explicit VR LE CT file per slice, LPS axial."""
    os.makedirs(folder, exist_ok=True)
    study = generate_uid()
    frame = generate_uid()
    nz, ny, nx = vol.shape
    for k in range(nz):
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
        meta.MediaStorageSOPInstanceUID = generate_uid()
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = FileDataset(None, {}, file_meta=meta, preamble=b"\0" * 128)
        ds.SOPClassUID = meta.MediaStorageSOPClassUID
        ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
        ds.Modality = "CT"
        ds.PatientName = "Colin27^Head"
        ds.PatientID = "COLIN27"
        ds.StudyInstanceUID = study
        ds.SeriesInstanceUID = series_uid
        ds.FrameOfReferenceUID = frame
        ds.SeriesNumber = 1
        ds.InstanceNumber = k + 1
        ds.ImagePositionPatient = [0.0, 0.0, float(k * spacing[2])]
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.PixelSpacing = [spacing[1], spacing[0]]
        ds.SliceThickness = spacing[2]
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.Rows, ds.Columns = ny, nx
        ds.BitsAllocated = 16
        ds.BitsStored = 16
        ds.HighBit = 15
        ds.PixelRepresentation = 1
        ds.RescaleIntercept = 0
        ds.RescaleSlope = 1
        ds.PixelData = np.ascontiguousarray(vol[k]).astype("<i2").tobytes()
        ds.save_as(os.path.join(folder, "IM%05d.dcm" % (k + 1)), write_like_original=False)


def transcode(src, dst, args):
    os.makedirs(dst, exist_ok=True)
    for f in sorted(os.listdir(src)):
        subprocess.run(["gdcmconv"] + args + [os.path.join(src, f), os.path.join(dst, f)], check=True)


def dicom(out):
    base = os.path.join(out, "dicom")
    if os.path.isdir(os.path.join(base, "j2k")):
        return
    img = nib.load(CH2)
    d = np.asanyarray(img.dataobj).astype(np.int16)          # (x, y, z) RAS-ish
    vol = np.transpose(d, (2, 1, 0))[:, ::-1, ::-1]           # (z, y, x), rows/columns flipped to LPS
    write_series(os.path.join(base, "explicit"), vol, (1.0, 1.0, 1.0), generate_uid())
    transcode(os.path.join(base, "explicit"), os.path.join(base, "jpeg-lossless"), ["--jpeg"])
    transcode(os.path.join(base, "explicit"), os.path.join(base, "j2k"), ["--j2k"])
    # 512x512 slices: the head resampled in plane (linear) and scaled to a CT-like range
    big = np.stack([ndi.zoom(vol[k].astype(np.float32), (512 / vol.shape[1], 512 / vol.shape[2]), order=1)
                    for k in range(70, 110)])
    big = np.clip(np.rint(big * 6 - 1000), -1024, 3000).astype(np.int16)
    with tempfile.TemporaryDirectory() as tmp:
        write_series(tmp, big, (0.42, 0.42, 1.0), generate_uid())
        transcode(tmp, os.path.join(out, "dicom512", "j2k"), ["--j2k"])


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(tempfile.gettempdir(), "organ3d-bench-inputs")
    os.makedirs(out, exist_ok=True)
    head(out)
    dicom(out)
    print(out)


if __name__ == "__main__":
    main()
