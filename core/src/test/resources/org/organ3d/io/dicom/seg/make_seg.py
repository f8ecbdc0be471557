"""Writes DICOM SEG files with pydicom and numpy alone (an independent writer for organ3d's reader).

Usage: make_seg.py CT_FOLDER OUT_FOLDER

Reads the CT series in CT_FOLDER (one file per slice), and writes into OUT_FOLDER:
  binary-overlap.dcm  BINARY, 2 overlapping segments, frames only where a segment is present,
                      in shuffled order, per-frame functional groups, bit stream packed across frames
  fractional.dcm      FRACTIONAL (PROBABILITY, max 255), 1 segment named in the shared functional
                      groups, every slice, frames in reverse order
  labelmap.dcm        LABELMAP (Label Map Segmentation Storage), 16-bit, segments 7 and 300 plus
                      background 0, frames for some slices only
and for each NAME.dcm a NAME.txt with the expected label of every CT voxel (k, j, i order,
whitespace separated): for binary-overlap the larger label where both segments are set, plus
binary-overlap-seg1.txt with segment 1 alone.
"""
import os
import sys

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

ct_dir, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
cts = [pydicom.dcmread(os.path.join(ct_dir, f)) for f in sorted(os.listdir(ct_dir))]
normal = np.cross(np.array(cts[0].ImageOrientationPatient[:3], float), np.array(cts[0].ImageOrientationPatient[3:], float))
cts.sort(key=lambda d: float(np.dot(normal, np.array(d.ImagePositionPatient, float))))
nz, ny, nx = len(cts), int(cts[0].Rows), int(cts[0].Columns)
rng = np.random.default_rng(7)
kk, jj, ii = np.meshgrid(np.arange(nz), np.arange(ny), np.arange(nx), indexing="ij")


def code(value, scheme, meaning):
    c = Dataset()
    c.CodeValue, c.CodingSchemeDesignator, c.CodeMeaning = value, scheme, meaning
    return c


def segment(number, label):
    s = Dataset()
    s.SegmentNumber = number
    s.SegmentLabel = label
    s.SegmentAlgorithmType = "MANUAL"
    s.SegmentedPropertyCategoryCodeSequence = Sequence([code("123037004", "SCT", "Anatomical Structure")])
    s.SegmentedPropertyTypeCodeSequence = Sequence([code("10200004", "SCT", "Liver")])
    s.RecommendedDisplayCIELabValue = [50000, 30000, 40000]
    return s


def base(sop_class, seg_type, bits):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(None, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.SOPClassUID, ds.SOPInstanceUID = sop_class, meta.MediaStorageSOPInstanceUID
    ds.Modality = "SEG"
    for kw in ("PatientName", "PatientID", "StudyInstanceUID", "FrameOfReferenceUID", "StudyDate", "StudyTime"):
        setattr(ds, kw, getattr(cts[0], kw, ""))
    ds.SeriesInstanceUID = generate_uid()
    ds.SeriesNumber = 5
    ds.InstanceNumber = 1
    ref = Dataset()
    ref.SeriesInstanceUID = cts[0].SeriesInstanceUID
    ref.ReferencedInstanceSequence = Sequence()
    for c in cts:
        r = Dataset()
        r.ReferencedSOPClassUID, r.ReferencedSOPInstanceUID = c.SOPClassUID, c.SOPInstanceUID
        ref.ReferencedInstanceSequence.append(r)
    ds.ReferencedSeriesSequence = Sequence([ref])
    ds.SegmentationType = seg_type
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.Rows, ds.Columns = ny, nx
    ds.BitsAllocated = ds.BitsStored = bits
    ds.HighBit, ds.PixelRepresentation = bits - 1, 0
    shared = Dataset()
    ori = Dataset()
    ori.ImageOrientationPatient = cts[0].ImageOrientationPatient
    meas = Dataset()
    meas.PixelSpacing = cts[0].PixelSpacing
    meas.SliceThickness = cts[0].SliceThickness
    shared.PlaneOrientationSequence = Sequence([ori])
    shared.PixelMeasuresSequence = Sequence([meas])
    ds.SharedFunctionalGroupsSequence = Sequence([shared])
    return ds


def frame_item(k, segment_number=None):
    item = Dataset()
    pos = Dataset()
    pos.ImagePositionPatient = cts[k].ImagePositionPatient
    item.PlanePositionSequence = Sequence([pos])
    if segment_number is not None:
        sid = Dataset()
        sid.ReferencedSegmentNumber = segment_number
        item.SegmentIdentificationSequence = Sequence([sid])
    return item


def save(ds, name, truth, extra=None):
    ds.save_as(os.path.join(out, name + ".dcm"), write_like_original=False)
    np.savetxt(os.path.join(out, name + ".txt"), truth.reshape(1, -1), fmt="%d")
    for suffix, arr in (extra or {}).items():
        np.savetxt(os.path.join(out, name + "-" + suffix + ".txt"), arr.reshape(1, -1), fmt="%d")


# 1. binary, two overlapping blobs, shuffled frames, bits packed across frames
m1 = ((ii - nx * 0.4) ** 2 + (jj - ny * 0.5) ** 2 + (kk - nz * 0.5) ** 2 * 4) <= (min(nx, ny) * 0.3) ** 2
m2 = ((ii - nx * 0.6) ** 2 + (jj - ny * 0.5) ** 2) <= (min(nx, ny) * 0.25) ** 2
m2 &= kk >= 1
ds = base("1.2.840.10008.5.1.4.1.1.66.4", "BINARY", 1)
ds.SegmentsOverlap = "YES"
ds.SegmentSequence = Sequence([segment(1, "blob one"), segment(2, "blob two")])
frames = [(s, k) for s, m in ((1, m1), (2, m2)) for k in range(nz) if m[k].any()]
rng.shuffle(frames)
ds.PerFrameFunctionalGroupsSequence = Sequence([frame_item(k, s) for s, k in frames])
ds.NumberOfFrames = len(frames)
bits = np.stack([(m1 if s == 1 else m2)[k] for s, k in frames]).astype(np.uint8).ravel()
packed = np.packbits(bits, bitorder="little").tobytes()
ds.PixelData = packed + (b"\0" if len(packed) % 2 else b"")
ds["PixelData"].VR = "OB"
truth = np.where(m2, 2, np.where(m1, 1, 0))
save(ds, "binary-overlap", truth, {"seg1": m1.astype(int)})

# 2. fractional, one segment identified in the shared groups, frames in reverse slice order
prob = rng.integers(0, 256, size=(nz, ny, nx))
ds = base("1.2.840.10008.5.1.4.1.1.66.4", "FRACTIONAL", 8)
ds.SegmentationFractionalType = "PROBABILITY"
ds.MaximumFractionalValue = 255
ds.SegmentSequence = Sequence([segment(1, "probable")])
sid = Dataset()
sid.ReferencedSegmentNumber = 1
ds.SharedFunctionalGroupsSequence[0].SegmentIdentificationSequence = Sequence([sid])
order = list(range(nz))[::-1]
ds.PerFrameFunctionalGroupsSequence = Sequence([frame_item(k) for k in order])
ds.NumberOfFrames = nz
ds.PixelData = prob[order].astype(np.uint8).tobytes()
save(ds, "fractional", (prob * 2 >= 255).astype(int))

# 3. label map SEG (Supplement 243), 16-bit values 7 and 300, some slices only
lab = np.zeros((nz, ny, nx), dtype=np.uint16)
lab[m1] = 7
lab[m2 & ~m1] = 300
ds = base("1.2.840.10008.5.1.4.1.1.66.7", "LABELMAP", 16)
ds.PixelPaddingValue = 0
bg = segment(0, "Background")
ds.SegmentSequence = Sequence([bg, segment(7, "seven"), segment(300, "three hundred")])
present = [k for k in range(nz) if lab[k].any()]
ds.PerFrameFunctionalGroupsSequence = Sequence([frame_item(k) for k in present])
ds.NumberOfFrames = len(present)
ds.PixelData = lab[present].astype("<u2").tobytes()
ds["PixelData"].VR = "OW"
save(ds, "labelmap", lab.astype(int))
print(nz, ny, nx, len(frames))
