#!/usr/bin/python3
"""Regenerates the compressed 512x512 CT-like slice that CodecBench decodes (see README.md).

A signed 16-bit slice in HU (air, body, lungs, spine, vessels, Gaussian noise sigma 10 HU) is written
by pydicom, then transcoded by gdcmconv (RLE, JPEG lossless SV1, JPEG-LS lossless, JPEG 2000 lossless);
each single frame is stored as <syntax>.frame so that the benchmark needs neither Python nor GDCM.
"""
import os, subprocess, tempfile
import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import generate_pixel_data_frame
from pydicom.uid import ExplicitVRLittleEndian

HERE = os.path.dirname(os.path.abspath(__file__))
N = 512


def slice_hu():
    rng = np.random.default_rng(512)
    y, x = np.mgrid[0:N, 0:N].astype(np.float64)
    c = (N - 1) / 2
    img = np.full((N, N), -1000.0)
    img[((x - c) / (0.44 * N)) ** 2 + ((y - c) / (0.36 * N)) ** 2 <= 1] = 35
    for s in (-1, 1):
        img[((x - c - s * 0.18 * N) / (0.12 * N)) ** 2 + ((y - c + 0.02 * N) / (0.2 * N)) ** 2 <= 1] = -840
    r = np.hypot(x - c, y - c - 0.25 * N)
    img[r < 0.06 * N] = 260
    img[(r > 0.06 * N) & (r < 0.09 * N)] = 1250
    img[np.hypot(x - c - 0.05 * N, y - c + 0.05 * N) < 0.04 * N] = 180
    img += rng.normal(0, 10, (N, N))
    return np.clip(np.rint(img), -1024, 3071).astype("<i2")


def main():
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    meta.MediaStorageSOPInstanceUID = "1.2.826.0.1.3680043.10.1105.512"
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID, ds.SOPInstanceUID = meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID
    ds.Modality = "CT"
    ds.Rows = ds.Columns = N
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
    ds.RescaleIntercept, ds.RescaleSlope = 0, 1
    ds.PixelData = slice_hu().tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    tmp = tempfile.mkdtemp()
    src = os.path.join(tmp, "ct512.dcm")
    ds.save_as(src, write_like_original=False)
    for name, opt in (("rle", "--rle"), ("jpeg-lossless-sv1", "--jpeg"), ("jpeg-ls", "--jpegls"),
                      ("jpeg2000", "--j2k")):
        out = os.path.join(tmp, name + ".dcm")
        subprocess.run(["gdcmconv", opt, src, out], check=True)
        c = pydicom.dcmread(out)
        with open(os.path.join(HERE, name + ".frame"), "wb") as f:
            f.write(next(generate_pixel_data_frame(c.PixelData, 1)))


if __name__ == "__main__":
    main()
