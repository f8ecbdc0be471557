#!/usr/bin/python3
"""Regenerates the codec fixtures in this folder (see README.md).

Needs /usr/bin/python3 with pydicom + numpy, gdcmconv (libgdcm-tools) and dcmtk (dcmcrle, dcmcjpeg,
dcmcjpls). Run from anywhere: python3 make_fixtures.py. Deterministic: same tools -> same bytes.

Layout written:
  originals/<name>.dcm      uncompressed phantoms written by pydicom (explicit VR LE)
  dcm/<fixture>.dcm          a few whole transcoded files (END_TO_END) for tests through the DICOM reader
  frames/<fixture>.<k>.frame   the k-th frame's compressed bytes (pydicom.encaps)
  expected/<name>.raw.gz    reference stored samples, little endian, bits allocated wide, interleaved colour
  manifest.tsv              one line per fixture (see header line)
"""
import gzip, os, shutil, zlib, subprocess, sys, tempfile
import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import generate_pixel_data_frame
from pydicom.pixel_data_handlers.util import convert_color_space
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

HERE = os.path.dirname(os.path.abspath(__file__))
import pydicom.data
PYDICOM_TEST = os.path.join(os.path.dirname(pydicom.data.__file__), "test_files")
FRAMES = 4
# Whole transcoded files kept in dcm/ for the end-to-end tests through organ3d's DICOM reader.
END_TO_END = {"ct16s_rle_gdcm", "rgb8_rle_gdcm", "ct16u_rle_dcmtk", "ct16s_jll_gdcm", "ct12u_jll_gdcm",
              "ct16s_jll_sv6", "ct16s_jll_rst3_sv6", "rgb8_jll_sv7", "ct16s_jls_gdcm", "ct16u_jls_gdcm",
              "rgb8_jls_is", "ct12u_jls_thresholds", "ct16u_jls_near2", "ct16s_j2k_gdcm", "ct12u_j2k_gdcm",
              "rgb8_j2k_gdcm", "ct16s_j2k_lossy", "rgb8_jpeg_ybr422", "gray8_jpeg", "ct12u_jpeg12"}


def ct_phantom(n=64, frames=FRAMES):
    """CT-like slices in HU: air, body ellipse, lungs, bone ring, vessel, deterministic noise."""
    rng = np.random.default_rng(20261127)
    y, x = np.mgrid[0:n, 0:n].astype(np.float64)
    cx, cy = (n - 1) / 2, (n - 1) / 2
    out = np.empty((frames, n, n), np.int32)
    for k in range(frames):
        img = np.full((n, n), -1000.0)
        body = ((x - cx) / (0.45 * n)) ** 2 + ((y - cy) / (0.38 * n)) ** 2 <= 1
        img[body] = 40 + 8 * k
        for sx in (-1, 1):
            lung = ((x - cx - sx * 0.2 * n) / (0.12 * n)) ** 2 + ((y - cy) / (0.22 * n)) ** 2 <= 1
            img[lung] = -850
        r = np.hypot(x - cx, y - cy - 0.25 * n)
        img[(r > 0.05 * n) & (r < 0.09 * n)] = 1200 + 100 * k
        img[np.hypot(x - cx - 0.1 * n, y - cy + 0.1 * n) < 0.04 * n] = 300
        img += x * 2.0 - y  # gentle ramp so every predictor sees gradients
        img += rng.normal(0, 12, (n, n))
        out[k] = np.clip(np.rint(img), -1024, 3071).astype(np.int32)
    return out


def write_original(name, arr, bits_alloc, bits_stored, signed, photometric="MONOCHROME2", spp=1):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7.3" if bits_alloc == 16 else "1.2.840.10008.5.1.4.1.1.7.4"
    meta.MediaStorageSOPInstanceUID = "1.2.826.0.1.3680043.10.1105." + str(zlib.crc32(name.encode()))
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = "1.2.826.0.1.3680043.10.1105.1"
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = "1.2.826.0.1.3680043.10.1105.2"
    ds.SeriesInstanceUID = "1.2.826.0.1.3680043.10.1105.3." + str(len(name))
    ds.Modality = "OT"
    ds.PatientName = "Codec^Phantom"
    ds.PatientID = "CODEC"
    ds.Rows, ds.Columns = arr.shape[1], arr.shape[2]
    ds.NumberOfFrames = arr.shape[0]
    ds.SamplesPerPixel = spp
    ds.PhotometricInterpretation = photometric
    if spp == 3:
        ds.PlanarConfiguration = 0
    ds.BitsAllocated = bits_alloc
    ds.BitsStored = bits_stored
    ds.HighBit = bits_stored - 1
    ds.PixelRepresentation = 1 if signed else 0
    dtype = {(8, False): "<u1", (16, False): "<u2", (16, True): "<i2"}[(bits_alloc, signed)]
    ds.PixelData = arr.astype(dtype).tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    path = os.path.join(HERE, "originals", name + ".dcm")
    ds.save_as(path, write_like_original=False)
    return path


def stored_raw(ds):
    """The stored samples of every frame as the decoder must output them: masked to Bits Stored,
    colour as RGB (GDCM keeps YBR_FULL* when it decompresses lossy JPEG; convert like the JFIF spec)."""
    arr = ds.pixel_array
    if ds.SamplesPerPixel == 3 and str(ds.PhotometricInterpretation).startswith("YBR_FULL"):
        arr = convert_color_space(arr, "YBR_FULL", "RGB")
    bits = ds.BitsAllocated
    a = np.asarray(arr).astype(np.int64) & ((1 << ds.BitsStored) - 1)
    return a.astype("<u1" if bits == 8 else "<u2" if bits == 16 else "<u4").tobytes()


def run(*cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def encode_lossless_with_restarts(img, precision, predictor, restart_mcus, interleaved=False):
    """A minimal JPEG lossless (T.81 process 14) encoder with a restart interval of restart_mcus
    MCUs: no dcmtk/GDCM encoder writes DRI (nor one scan per colour component), so this writes the
    stream and GDCM's decoder then checks it (see add_restart_fixture). img is (rows, columns) or
    (rows, columns, 3); colour is one interleaved scan or three scans. After a restart the sample
    gets the default prediction and the rest of its line Ra (the first-line rule of T.81 H.1.2.1).
    Huffman table: 17 codes of 5 bits."""
    planes = [img] if img.ndim == 2 else [img[..., c] for c in range(img.shape[2])]
    planes = [p.astype(np.int64) & 0xFFFF for p in planes]
    h, w = planes[0].shape
    nf = len(planes)
    out = bytearray(b"\xff\xd8")
    out += b"\xff\xc4" + (2 + 1 + 16 + 17).to_bytes(2, "big") + b"\x00" + bytes([0, 0, 0, 0, 17] + [0] * 11) + bytes(range(17))
    out += b"\xff\xdd\x00\x04" + restart_mcus.to_bytes(2, "big")
    out += b"\xff\xc3" + (8 + 3 * nf).to_bytes(2, "big") + bytes([precision]) + h.to_bytes(2, "big") + w.to_bytes(2, "big")
    out += bytes([nf]) + b"".join(bytes([c + 1, 0x11, 0]) for c in range(nf))
    scans = [list(range(nf))] if interleaved else [[c] for c in range(nf)]
    for comps in scans:
        out += b"\xff\xda" + (6 + 2 * len(comps)).to_bytes(2, "big") + bytes([len(comps)])
        out += b"".join(bytes([c + 1, 0]) for c in comps) + bytes([predictor, 0, 0])
        out += _lossless_scan([planes[c] for c in comps], precision, predictor, restart_mcus)
    return bytes(out + b"\xff\xd9")


def _lossless_scan(planes, precision, predictor, restart_mcus):
    h, w = planes[0].shape
    acc, nacc = 0, 0
    data = bytearray()

    def put(value, n):
        nonlocal acc, nacc
        for i in range(n - 1, -1, -1):
            acc = acc << 1 | (value >> i) & 1
            nacc += 1
            if nacc == 8:
                data.append(acc)
                if acc == 0xFF:
                    data.append(0)
                acc, nacc = 0, 0

    def flush():
        nonlocal acc, nacc
        if nacc:
            put((1 << (8 - nacc)) - 1, 8 - nacc)

    rst = 0
    first_start, first_end = 0, w
    for p in range(h * w):
        y, c = divmod(p, w)
        if p and p % restart_mcus == 0:
            flush()
            data.extend(bytes([0xFF, 0xD0 + rst]))
            rst = (rst + 1) % 8
            first_start, first_end = p, (y + 1) * w
        for x in planes:
            if p == first_start:
                px = 1 << (precision - 1)
            elif p < first_end:
                px = x[y, c - 1]
            elif c == 0:
                px = x[y - 1, 0]
            else:
                ra, rb, rc = x[y, c - 1], x[y - 1, c], x[y - 1, c - 1]
                px = [0, ra, rb, rc, ra + rb - rc, ra + ((rb - rc) >> 1), rb + ((ra - rc) >> 1), (ra + rb) >> 1][predictor]
            d = int((x[y, c] - px) & 0xFFFF)
            if d >= 0x8000:
                d -= 0x10000
            if d == -32768:
                put(16, 5)
                continue
            ssss = 0 if d == 0 else abs(d).bit_length()
            put(ssss, 5)
            if ssss:
                put(d if d > 0 else d + (1 << ssss) - 1, ssss)
    flush()
    return bytes(data)


def add_restart_fixture(fixture, src_name, arr, predictor, restart_mcus, tmp, interleaved=False):
    """Encodes every frame with restarts, wraps them in a DICOM file and checks GDCM decodes it to arr."""
    from pydicom.encaps import encapsulate
    ds = pydicom.dcmread(os.path.join(HERE, "originals", src_name + ".dcm"))
    precision = 8 if arr.dtype == np.uint8 else 16
    ds.PixelData = encapsulate([encode_lossless_with_restarts(f, precision, predictor, restart_mcus, interleaved)
                                for f in arr])
    ds["PixelData"].VR = "OB"
    ds["PixelData"].is_undefined_length = True
    ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.4.57" if predictor != 1 else "1.2.840.10008.1.2.4.70"
    ds.is_little_endian, ds.is_implicit_VR = True, False
    path = os.path.join(tmp, fixture + ".dcm")
    ds.save_as(path, write_like_original=False)
    raw = os.path.join(tmp, fixture + ".raw.dcm")
    run("gdcmconv", "--raw", path, raw)
    decoded = pydicom.dcmread(raw).pixel_array.astype(np.int64) & 0xFFFF
    if not np.array_equal(decoded.reshape(arr.shape), arr.astype(np.int64) & 0xFFFF):
        raise SystemExit("GDCM does not decode the restart-interval stream " + fixture + " to the original")
    add(fixture, path, src_name)


MANIFEST = []


def add(fixture, dcm_path, expected, tolerance="exact", frames_limit=None):
    """Splits dcm_path's frames into frames/, copies it into dcm/ and records it in the manifest."""
    ds = pydicom.dcmread(dcm_path)
    ts = str(ds.file_meta.TransferSyntaxUID)
    nframes = int(getattr(ds, "NumberOfFrames", 1) or 1)
    n = nframes if frames_limit is None else min(nframes, frames_limit)
    gen = generate_pixel_data_frame(ds.PixelData, nframes)
    for k in range(n):
        with open(os.path.join(HERE, "frames", "%s.%d.frame" % (fixture, k)), "wb") as f:
            f.write(next(gen))
    if fixture in END_TO_END:
        shutil.copyfile(dcm_path, os.path.join(HERE, "dcm", fixture + ".dcm"))
    MANIFEST.append("\t".join(str(v) for v in (
        fixture, ts, ds.Columns, ds.Rows, ds.SamplesPerPixel, ds.BitsAllocated, ds.BitsStored,
        ds.PixelRepresentation, int(getattr(ds, "PlanarConfiguration", 0) or 0),
        ds.PhotometricInterpretation, n, expected, tolerance)))


def expected_from(name, path):
    """Writes expected/<name>.raw.gz from a file pydicom can read (uncompressed or RLE)."""
    with gzip.GzipFile(os.path.join(HERE, "expected", name + ".raw.gz"), "wb", 9, mtime=0) as f:
        f.write(stored_raw(pydicom.dcmread(path)))
    return name


def gdcm_reference(name, path, tmp):
    """Expected samples decoded by GDCM (an independent decoder): gdcmconv --raw then pydicom."""
    raw = os.path.join(tmp, name + ".raw.dcm")
    run("gdcmconv", "--raw", path, raw)
    return expected_from(name, raw)


def main():
    for d in ("originals", "dcm", "frames", "expected"):
        shutil.rmtree(os.path.join(HERE, d), ignore_errors=True)
        os.makedirs(os.path.join(HERE, d))
    tmp = tempfile.mkdtemp()
    hu = ct_phantom()
    ct16s = hu.copy()
    ct16s[0, 0, 0], ct16s[0, 0, 1] = -32768, 32767  # full signed range in one frame
    ct12u = np.clip(hu + 1024, 0, 4095)
    ct16u = np.clip((hu + 1024) * 16 + 7, 0, 65535)
    ct16u[0, 0, 0], ct16u[0, 0, 1] = 0, 65535
    y, x = np.mgrid[0:47, 0:63]
    rgb = np.stack([(x * 4) % 256, (y * 5) % 256, ((x + y) * 3) % 256], axis=-1)
    rgb[10:30, 20:40] = (200, 30, 60)
    rgb8 = np.stack([np.roll(rgb, k * 3, axis=1) for k in range(2)]).astype(np.uint8)
    gray8 = np.clip((hu + 1024) // 16, 0, 255)

    origs = {
        "ct16s": write_original("ct16s", ct16s, 16, 16, True),
        "ct12u": write_original("ct12u", ct12u, 16, 12, False),
        "ct16u": write_original("ct16u", ct16u, 16, 16, False),
        "rgb8": write_original("rgb8", rgb8, 8, 8, False, "RGB", 3),
        "gray8": write_original("gray8", gray8, 8, 8, False),
    }
    for name, p in origs.items():
        expected_from(name, p)

    def conv(fixture, src, tool, *opts, tolerance="exact", reference=None):
        out = os.path.join(tmp, fixture + ".dcm")
        if tool == "gdcmconv":
            run("gdcmconv", *opts, origs[src], out)
        else:
            run(tool, *opts, origs[src], out)
        expected = src if reference is None else gdcm_reference(fixture, out, tmp)
        add(fixture, out, expected, tolerance)

    # RLE Lossless (1.2.840.10008.1.2.5)
    for src in ("ct16s", "ct12u", "rgb8", "gray8"):
        conv(src + "_rle_gdcm", src, "gdcmconv", "--rle")
    conv("ct16u_rle_dcmtk", "ct16u", "dcmcrle")
    conv("rgb8_rle_dcmtk", "rgb8", "dcmcrle")
    # JPEG lossless, process 14 (SV1 = .70 and other predictors = .57)
    for src in ("ct16s", "ct12u", "ct16u", "rgb8", "gray8"):
        conv(src + "_jll_gdcm", src, "gdcmconv", "--jpeg")
    for sv in range(1, 8):
        conv("ct16s_jll_sv%d" % sv, "ct16s", "dcmcjpeg", "+el", "+sv", str(sv))
    conv("ct12u_jll_sv6", "ct12u", "dcmcjpeg", "+el", "+sv", "6")
    conv("rgb8_jll_sv7", "rgb8", "dcmcjpeg", "+el", "+sv", "7")
    add_restart_fixture("ct16s_jll_rst1_sv1", "ct16s", ct16s, 1, 64, tmp)
    add_restart_fixture("ct16s_jll_rst3_sv6", "ct16s", ct16s, 6, 3 * 64, tmp)
    add_restart_fixture("rgb8_jll_scans_rst2_sv4", "rgb8", rgb8, 4, 2 * 63, tmp)
    add_restart_fixture("rgb8_jll_ilv_rst2_sv5", "rgb8", rgb8, 5, 2 * 63, tmp, interleaved=True)
    conv("ct12u_jll_sv1_pt2", "ct12u", "dcmcjpeg", "+e1", "+pt", "2", tolerance="pt2")
    # JPEG-LS lossless (.80) and near-lossless (.81)
    for src in ("ct16s", "ct12u", "ct16u", "rgb8", "gray8"):
        conv(src + "_jls_gdcm", src, "gdcmconv", "--jpegls")
    for mode in ("il", "is", "in"):
        conv("rgb8_jls_" + mode, "rgb8", "dcmcjpls", "+" + mode)
    conv("ct12u_jls_thresholds", "ct12u", "dcmcjpls", "+t1", "5", "+t2", "20", "+t3", "100", "+rs", "32")
    conv("ct16u_jls_near2", "ct16u", "dcmcjpls", "+en", "+md", "2", "+un", tolerance="max2")
    conv("ct12u_jls_near3", "ct12u", "gdcmconv", "--jpegls", "--lossy", "-e", "3", tolerance="max3")
    conv("rgb8_jls_near1_is", "rgb8", "dcmcjpls", "+en", "+md", "1", "+is", "+un", tolerance="max1")
    # JPEG 2000 lossless (.90) and lossy (.91)
    for src in ("ct16s", "ct12u", "ct16u", "rgb8"):
        conv(src + "_j2k_gdcm", src, "gdcmconv", "--j2k")
    conv("ct16s_j2k_lossy", "ct16s", "gdcmconv", "--j2k", "--lossy", "-q", "45", tolerance="ref8", reference=True)
    conv("rgb8_j2k_lossy", "rgb8", "gdcmconv", "--j2k", "--lossy", "-q", "40", tolerance="ref2", reference=True)
    # JPEG baseline 8-bit (.50): compared with GDCM's (libjpeg) decode of the same stream
    conv("rgb8_jpeg_ybr422", "rgb8", "dcmcjpeg", "+eb", "+un", tolerance="ref2", reference=True)
    conv("rgb8_jpeg_rgb", "rgb8", "dcmcjpeg", "+eb", "+cr", "+un", tolerance="ref2", reference=True)
    conv("rgb8_jpeg_gdcm", "rgb8", "gdcmconv", "--jpeg", "--lossy", "-q", "90", tolerance="ref2", reference=True)
    conv("gray8_jpeg", "gray8", "dcmcjpeg", "+eb", "+un", tolerance="ref2", reference=True)
    # JPEG extended 12-bit (.51)
    conv("ct12u_jpeg12", "ct12u", "dcmcjpeg", "+ee", "+un", tolerance="ref2", reference=True)

    # pydicom's own test files (MIT licence), references decoded by GDCM or their uncompressed twin
    mr = expected_from("MR_small", os.path.join(PYDICOM_TEST, "MR_small.dcm"))
    for f in ("MR_small_RLE", "MR_small_jpeg_ls_lossless", "MR_small_jp2klossless"):
        add("pydicom_" + f, os.path.join(PYDICOM_TEST, f + ".dcm"), mr)
    for f in ("SC_rgb_rle", "SC_rgb_rle_16bit", "SC_rgb_rle_32bit_2frame"):
        # GDCM has no 32-bit RLE: these references come from pydicom's own (numpy) RLE decoder
        p = os.path.join(PYDICOM_TEST, f + ".dcm")
        add("pydicom_" + f, p, expected_from("pydicom_" + f, p))
    # NB: GDCMJ2K_TextGBR.dcm is left out: GDCM (OpenJPEG) and jai-imageio (JJ2000) disagree on 6.6 %
    # of its samples and Pillow refuses the stream, so it is no reference for bit-exactness.
    for f in ("SC_rgb_jpeg_gdcm",):
        p = os.path.join(PYDICOM_TEST, f + ".dcm")
        add("pydicom_" + f, p, gdcm_reference("pydicom_" + f, p, tmp))
    for f in ("SC_rgb_jpeg_dcmtk", "SC_jpeg_no_color_transform", "SC_rgb_small_odd_jpeg", "JPGExtended",
              "SC_rgb_jpeg_app14_dcmd", "SC_rgb_dcmtk_+eb+cy+n1", "SC_rgb_dcmtk_+eb+cy+n2", "SC_rgb_dcmtk_+eb+cy+np",
              "SC_rgb_dcmtk_+eb+cy+s2", "SC_rgb_dcmtk_+eb+cy+s4", "SC_rgb_dcmtk_+eb+cr", "SC_rgb_jpeg_lossy_gdcm",
              "SC_rgb_gdcm_KY"):
        p = os.path.join(PYDICOM_TEST, f + ".dcm")
        add("pydicom_" + f, p, gdcm_reference("pydicom_" + f, p, tmp), "ref2")

    with open(os.path.join(HERE, "manifest.tsv"), "w") as f:
        f.write("#fixture\ttransferSyntax\tcolumns\trows\tspp\tbitsAllocated\tbitsStored\tpixelRep\t"
                "planar\tphotometric\tframes\texpected\ttolerance\n")
        f.write("\n".join(MANIFEST) + "\n")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
