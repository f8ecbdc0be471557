#!/usr/bin/python3
"""Regenerates the DICOM test fixtures of organ3d (see README.md in this folder).

Run from anywhere with Debian's python3-pydicom and numpy:  /usr/bin/python3 make_fixtures.py
Everything here is written by pydicom (and dcmmkdir from dcmtk for the DICOMDIR), never by
organ3d, so that the Java reader is checked against independent tools.
"""
import gzip
import io
import math
import os
import random
import shutil
import subprocess

import numpy as np
import pydicom
import pydicom.data
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, generate_uid

HERE = os.path.dirname(os.path.abspath(__file__))
PYDICOM_FILES = os.path.join(os.path.dirname(pydicom.data.__file__), "test_files")
CT = "1.2.840.10008.5.1.4.1.1.2"
ENHANCED_CT = "1.2.840.10008.5.1.4.1.1.2.1"
MR = "1.2.840.10008.5.1.4.1.1.4"


def fmt(v):
    """A DS string for v with at most 16 characters (values here are short decimals)."""
    s = repr(round(float(v), 6))
    if s.endswith(".0"):
        s = s[:-2]
    return "0" if s == "-0" else s


def numbers(values):
    return ",".join(repr(float(v)) for v in values)


def geometry_properties(ds):
    """Image position and orientation, pixel spacing and grid frame offsets, as text."""
    props = {}
    for key, tag in (("ipp", "ImagePositionPatient"), ("iop", "ImageOrientationPatient"),
                     ("pixelSpacing", "PixelSpacing"), ("gfov", "GridFrameOffsetVector")):
        if tag in ds and ds.data_element(tag).value is not None:
            props[key] = numbers(ds.data_element(tag).value)
    return props


# ---------------------------------------------------------------- pydicom's own test files
def copy_pydicom_files():
    out = os.path.join(HERE, "pydicom")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    names = ["CT_small.dcm", "MR_small.dcm", "MR_small_bigendian.dcm", "MR_small_implicit.dcm",
             "MR_small_expb.dcm", "image_dfl.dcm", "rtdose.dcm", "rtdose_expb.dcm",
             "SC_rgb_small_odd.dcm", "ExplVR_BigEnd.dcm", "SC_ybr_full_422_uncompressed.dcm",
             "MR_truncated.dcm"]
    for n in names:
        shutil.copyfile(os.path.join(PYDICOM_FILES, n), os.path.join(out, n))
        if n == "MR_truncated.dcm":
            continue
        ds = pydicom.dcmread(os.path.join(out, n))
        a = ds.pixel_array
        pi = ds.PhotometricInterpretation
        if ds.SamplesPerPixel == 3:
            if pi.startswith("YBR"):
                # pydicom 2.x returns YCbCr samples for uncompressed YBR; organ3d keeps Y (luminance)
                grey = a[..., 0].astype(np.int64)
            else:
                a = a.astype(np.float64)
                grey = np.floor(0.299 * a[..., 0] + 0.587 * a[..., 1] + 0.114 * a[..., 2] + 0.5).astype(np.int64)
            a = grey
        frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
        if frames == 1:
            a = a.reshape((1,) + a.shape[-2:])
        np.save(os.path.join(out, n[:-4] + ".npy"), np.ascontiguousarray(a.astype(a.dtype.newbyteorder("<"))))
        props = {
            "transferSyntax": str(ds.file_meta.TransferSyntaxUID),
            "shape": ",".join(str(x) for x in a.shape),
            "frames": str(frames),
            "photometric": pi,
        }
        slope = float(getattr(ds, "RescaleSlope", 1) or 1)
        inter = float(getattr(ds, "RescaleIntercept", 0) or 0)
        if "DoseGridScaling" in ds:
            slope = float(ds.DoseGridScaling)
        props["rescaleSlope"] = repr(slope)
        props["rescaleIntercept"] = repr(inter)
        props.update(geometry_properties(ds))
        with open(os.path.join(out, n[:-4] + ".properties"), "w") as f:
            f.write("# expected values read by pydicom %s from %s\n" % (pydicom.__version__, n))
            for k in sorted(props):
                f.write("%s=%s\n" % (k, props[k]))


# ------------------------------------------------- pydicom's compressed test files, decoded by GDCM
# file -> lossless?  Expected pixels come from gdcmconv --raw (GDCM decompresses, pydicom reads the
# result), so no organ3d code is involved; lossless ones must match organ3d exactly, lossy ones
# within the tolerance the test states.
PYDICOM_COMPRESSED = {
    "MR_small_RLE.dcm": True, "MR_small_jpeg_ls_lossless.dcm": True, "MR_small_jp2klossless.dcm": True,
    "rtdose_rle.dcm": True, "SC_rgb_rle.dcm": True, "SC_rgb_jpeg_gdcm.dcm": True,
    "JPGExtended.dcm": False, "JPEG2000.dcm": False, "SC_rgb_jpeg_dcmtk.dcm": False,
}


def luminance(ds, a):
    """organ3d keeps one sample per pixel: RGB -> rounded Rec. 601 luminance; YBR -> Y."""
    if ds.SamplesPerPixel != 3:
        return a
    if ds.PhotometricInterpretation.startswith("YBR"):
        return a[..., 0].astype(np.int64)
    a = a.astype(np.float64)
    return np.floor(0.299 * a[..., 0] + 0.587 * a[..., 1] + 0.114 * a[..., 2] + 0.5).astype(np.int64)


def copy_pydicom_compressed():
    out = os.path.join(HERE, "pydicom")
    os.makedirs(out, exist_ok=True)
    tmp = os.path.join(out, "gdcm_raw.tmp.dcm")
    for n, lossless in PYDICOM_COMPRESSED.items():
        shutil.copyfile(os.path.join(PYDICOM_FILES, n), os.path.join(out, n))
        subprocess.run(["gdcmconv", "--raw", os.path.join(out, n), tmp], check=True)
        ds = pydicom.dcmread(tmp)
        a = luminance(ds, ds.pixel_array)
        frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
        if frames == 1:
            a = a.reshape((1,) + a.shape[-2:])
        os.remove(tmp)
        # NB: gzipped (mtime 0, so reruns give the same bytes): two of these are 1024x256 images
        buf = io.BytesIO()
        np.save(buf, np.ascontiguousarray(a.astype(a.dtype.newbyteorder("<"))))
        with gzip.GzipFile(os.path.join(out, n[:-4] + ".npy.gz"), "wb", mtime=0) as z:
            z.write(buf.getvalue())
        src = pydicom.dcmread(os.path.join(out, n), stop_before_pixels=True)
        slope = float(getattr(src, "RescaleSlope", 1) or 1)
        if "DoseGridScaling" in src:
            slope = float(src.DoseGridScaling)
        props = {
            "lossless": "true" if lossless else "false",
            "photometric": src.PhotometricInterpretation,
            "rescaleIntercept": repr(float(getattr(src, "RescaleIntercept", 0) or 0)),
            "rescaleSlope": repr(slope),
            "shape": ",".join(str(x) for x in a.shape),
            "transferSyntax": str(src.file_meta.TransferSyntaxUID),
        }
        props.update(geometry_properties(src))
        with open(os.path.join(out, n[:-4] + ".properties"), "w") as f:
            f.write("# expected pixels: gdcmconv --raw (GDCM), then read by pydicom %s, from %s\n"
                    % (pydicom.__version__, n))
            for k in sorted(props):
                f.write("%s=%s\n" % (k, props[k]))


# ---------------------------------------------------------------- phantom series written by pydicom
def phantom_value(i, j, k):
    """Stored value of voxel (column i, row j, slice k in patient order)."""
    return ((i * 7 + j * 13 + k * 31) % 2000) - 1000


def new_dataset(path, sop_class, syntax=ExplicitVRLittleEndian):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = syntax
    meta.ImplementationClassUID = pydicom.uid.PYDICOM_IMPLEMENTATION_UID
    ds = FileDataset(path, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.is_little_endian = True
    ds.is_implicit_VR = syntax == ImplicitVRLittleEndian
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    return ds


def write_series(folder, nx, ny, nz, iop, ipp0, step, spacing, rng, series_uid=None, modality="CT",
                 echo=None, tilt=None, syntax=ExplicitVRLittleEndian, names=None):
    """One file per slice; file names and instance numbers shuffled; IPP_k = ipp0 + k*step."""
    os.makedirs(folder, exist_ok=True)
    series_uid = series_uid or generate_uid()
    study = generate_uid()
    for_uid = generate_uid()
    order = list(range(nz))
    rng.shuffle(order)
    instances = list(range(1, nz + 1))
    rng.shuffle(instances)
    for k in range(nz):
        name = names[k] if names else "img_%s.dcm" % "".join(rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(8))
        path = os.path.join(folder, name)
        ds = new_dataset(path, CT if modality == "CT" else MR, syntax)
        ds.Modality = modality
        ds.PatientName = "Phantom^Series"
        ds.PatientID = "PH-1"
        ds.StudyDate = "20260101"
        ds.StudyTime = "120000"
        ds.StudyID = "1"
        ds.StudyInstanceUID = study
        ds.SeriesInstanceUID = series_uid
        ds.FrameOfReferenceUID = for_uid
        ds.SeriesNumber = 1
        ds.InstanceNumber = instances[order[k]]
        pos = [ipp0[a] + k * step[a] for a in range(3)]
        ds.ImagePositionPatient = [fmt(x) for x in pos]
        ds.ImageOrientationPatient = [fmt(x) for x in iop]
        ds.PixelSpacing = [fmt(spacing[0]), fmt(spacing[1])]
        ds.SliceThickness = fmt(math.sqrt(sum(s * s for s in step)))
        if echo is not None:
            ds.EchoNumbers = echo
        if tilt is not None:
            ds.GantryDetectorTilt = fmt(tilt)
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.Rows = ny
        ds.Columns = nx
        ds.BitsAllocated = 16
        ds.BitsStored = 16
        ds.HighBit = 15
        ds.PixelRepresentation = 1
        ds.RescaleIntercept = "-1024"
        ds.RescaleSlope = "1"
        jj, ii = np.mgrid[0:ny, 0:nx]
        pix = ((ii * 7 + jj * 13 + k * 31) % 2000 - 1000).astype("<i2")
        ds.PixelData = pix.tobytes()
        ds.save_as(path, write_like_original=False)
    return series_uid


def phantoms():
    rng = random.Random(20260127)
    for d in ("phantom-axial", "phantom-oblique", "phantom-tilted", "multiecho", "enhanced", "dicomdir",
              "phantom-oblique-implicit", "phantom-oblique-bigendian", "phantom-oblique-deflated"):
        shutil.rmtree(os.path.join(HERE, d), ignore_errors=True)
    # axial: 64x64x40, pixel spacing 0.75 (rows) x 0.7 (columns), 2.5 mm slices
    write_series(os.path.join(HERE, "phantom-axial"), 64, 64, 40, [1, 0, 0, 0, 1, 0], [-24.15, -30.2, -50.0],
                 [0, 0, 2.5], [0.75, 0.7], rng)
    # oblique: row (0.6, 0.8, 0), column (-0.48, 0.36, 0.8), normal (0.64, -0.48, 0.6), 3 mm steps
    write_series(os.path.join(HERE, "phantom-oblique"), 32, 24, 12, [0.6, 0.8, 0, -0.48, 0.36, 0.8],
                 [10.5, -20.25, 33.0], [1.92, -1.44, 1.8], [0.8, 0.9], rng)
    # gantry tilt: axial planes, each slice 2 mm up and 0.5 mm posterior (14.036 degrees)
    write_series(os.path.join(HERE, "phantom-tilted"), 32, 24, 10, [1, 0, 0, 0, 1, 0], [-8.0, -6.0, -20.0],
                 [0, 0.5, 2.0], [0.5, 0.5], rng, tilt=math.degrees(math.atan2(0.5, 2.0)))
    # multi-echo MR: one series, echo 1 with 3 slices and echo 2 with 4 slices at shared positions
    uid = generate_uid()
    write_series(os.path.join(HERE, "multiecho"), 8, 8, 3, [1, 0, 0, 0, 1, 0], [0, 0, 0], [0, 0, 4.0],
                 [1.0, 1.0], rng, series_uid=uid, modality="MR", echo=1)
    write_series(os.path.join(HERE, "multiecho"), 8, 8, 4, [1, 0, 0, 0, 1, 0], [0, 0, 0], [0, 0, 4.0],
                 [1.0, 1.0], rng, series_uid=uid, modality="MR", echo=2)
    transcode("phantom-oblique")
    enhanced(rng, per_frame_rescale=False)
    enhanced(rng, per_frame_rescale=True)
    dicomdir(rng)


def transcode(name):
    """The same series transcoded by dcmtk's dcmconv to implicit VR LE, explicit VR BE and deflated."""
    src = os.path.join(HERE, name)
    for suffix, flag in (("implicit", "+ti"), ("bigendian", "+tb"), ("deflated", "+td")):
        dst = os.path.join(HERE, name + "-" + suffix)
        os.makedirs(dst, exist_ok=True)
        for f in sorted(os.listdir(src)):
            subprocess.run(["dcmconv", flag, os.path.join(src, f), os.path.join(dst, f)], check=True)


def enhanced(rng, per_frame_rescale):
    """Enhanced CT, 16x12 pixels, 6 frames stored in shuffled order, functional groups."""
    folder = os.path.join(HERE, "enhanced")
    os.makedirs(folder, exist_ok=True)
    name = "enhanced_ct_rescales.dcm" if per_frame_rescale else "enhanced_ct.dcm"
    path = os.path.join(folder, name)
    ds = new_dataset(path, ENHANCED_CT)
    ds.Modality = "CT"
    ds.PatientName = "Phantom^Enhanced"
    ds.PatientID = "PH-2"
    ds.StudyInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.FrameOfReferenceUID = generate_uid()
    ds.InstanceNumber = 1
    nx, ny, nz = 16, 12, 6
    ds.NumberOfFrames = nz
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows, ds.Columns = ny, nx
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    shared = Dataset()
    pm = Dataset()
    pm.PixelSpacing = ["0.6", "0.4"]
    pm.SliceThickness = "1.5"
    shared.PixelMeasuresSequence = Sequence([pm])
    po = Dataset()
    po.ImageOrientationPatient = ["1", "0", "0", "0", "0", "-1"]  # coronal: rows go L, columns go inferior
    shared.PlaneOrientationSequence = Sequence([po])
    if not per_frame_rescale:
        pvt = Dataset()
        pvt.RescaleIntercept = "-1000"
        pvt.RescaleSlope = "2"
        pvt.RescaleType = "HU"
        shared.PixelValueTransformationSequence = Sequence([pvt])
    ds.SharedFunctionalGroupsSequence = Sequence([shared])
    order = list(range(nz))
    rng.shuffle(order)  # frame f holds the slice at spatial index order[f]
    per = []
    frames = []
    for f in range(nz):
        k = order[f]
        item = Dataset()
        pp = Dataset()
        # normal of coronal (1,0,0)x(0,0,-1) = (0,1,0): slices step 1.5 mm posterior
        pp.ImagePositionPatient = [fmt(-5.0), fmt(12.0 + 1.5 * k), fmt(40.0)]
        item.PlanePositionSequence = Sequence([pp])
        if per_frame_rescale:
            pvt = Dataset()
            pvt.RescaleIntercept = fmt(-1000 + 10 * k)
            pvt.RescaleSlope = fmt(1 + 0.5 * k)
            pvt.RescaleType = "HU"
            item.PixelValueTransformationSequence = Sequence([pvt])
        per.append(item)
        jj, ii = np.mgrid[0:ny, 0:nx]
        frames.append(((ii * 3 + jj * 5 + k * 100) % 4096).astype("<u2"))
    ds.PerFrameFunctionalGroupsSequence = Sequence(per)
    ds.PixelData = np.stack(frames).tobytes()
    ds.save_as(path, write_like_original=False)
    with open(os.path.join(folder, name[:-4] + ".properties"), "w") as fh:
        fh.write("# frame f of the file holds the slice at spatial index order[f]\n")
        fh.write("order=%s\n" % ",".join(str(k) for k in order))


def dicomdir(rng):
    """A DICOMDIR (dcmtk dcmmkdir) referencing 5 slices; an unreferenced series sits beside it."""
    folder = os.path.join(HERE, "dicomdir")
    os.makedirs(folder, exist_ok=True)
    names = ["IM%06d" % (k + 1) for k in range(5)]
    write_series(os.path.join(folder, "REF"), 8, 8, 5, [1, 0, 0, 0, 1, 0], [0, 0, 0], [0, 0, 2.0], [1.0, 1.0],
                 rng, names=names)
    # a larger series that the DICOMDIR does not reference: the reader must ignore it
    write_series(os.path.join(folder, "OTHER"), 8, 8, 9, [1, 0, 0, 0, 1, 0], [0, 0, 0], [0, 0, 1.0], [1.0, 1.0],
                 rng, names=["OT%06d" % (k + 1) for k in range(9)])
    subprocess.run(["dcmmkdir", "--recurse", "--output-file", "DICOMDIR", "REF"], cwd=folder, check=True,
                   stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    copy_pydicom_files()
    copy_pydicom_compressed()
    phantoms()
    print("fixtures written to", HERE)
