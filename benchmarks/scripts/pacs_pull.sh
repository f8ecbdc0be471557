#!/usr/bin/env bash
# Issue 18's speed goal: a 512x512x400 CT study pulled from a local Orthanc over DICOMweb at
# >= 100 MB/s. Writes the study with pydicom (int16, explicit VR little endian, 400 files of 512 KiB),
# starts Debian's Orthanc with its DICOMweb plugin (loopback, basic auth, storage in a temporary
# folder), stores the files through Orthanc's REST API, then times `organ3d pull` (DICOMweb, and
# C-GET for comparison) and curl fetching the same multipart answer to /dev/null (the server's own
# pace). Every run starts from an empty output folder; the page cache is warm.
#
# Usage: benchmarks/scripts/pacs_pull.sh [REPEAT] [SLICES]     defaults: 5 runs, 400 slices
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
repeat="${1:-5}"
slices="${2:-400}"
tmp="$(mktemp -d)"
orthanc_pid=""
cleanup() {
  if [ -n "$orthanc_pid" ]; then kill -9 "$orthanc_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http_port="$(free_port)"
dicom_port="$(free_port)"
user="bench"
password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "writing a 512x512x$slices study with pydicom ..."
/usr/bin/python3 - "$tmp/study" "$slices" <<'PY'
import sys, os, numpy as np, pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid, CTImageStorage
out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(out)
study, series, frame = generate_uid(), generate_uid(), generate_uid()
rng = np.random.default_rng(18)
base = rng.integers(-1024, 1500, size=(512, 512), dtype=np.int16)
for k in range(n):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CTImageStorage
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID, ds.SOPInstanceUID = CTImageStorage, meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study, series, frame
    ds.PatientID, ds.PatientName, ds.Modality, ds.StudyDate = "BENCH", "Bench^Mark", "CT", "20250101"
    ds.InstanceNumber = k + 1
    ds.ImagePositionPatient = [-179.6, -179.6, -300.0 + 1.25 * k]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.PixelSpacing = [0.703125, 0.703125]
    ds.SliceThickness = 1.25
    ds.Rows = ds.Columns = 512
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated = ds.BitsStored = 16
    ds.HighBit, ds.PixelRepresentation = 15, 1
    ds.RescaleIntercept, ds.RescaleSlope = 0, 1
    ds.PixelData = np.roll(base, k, axis=0).tobytes()
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(os.path.join(out, "CT%05d.dcm" % (k + 1)), write_like_original=False)
print(study)
PY
study="$(/usr/bin/python3 -c 'import pydicom,sys,glob; print(pydicom.dcmread(sorted(glob.glob(sys.argv[1]+"/*.dcm"))[0]).StudyInstanceUID)' "$tmp/study")"
series="$(/usr/bin/python3 -c 'import pydicom,sys,glob; print(pydicom.dcmread(sorted(glob.glob(sys.argv[1]+"/*.dcm"))[0]).SeriesInstanceUID)' "$tmp/study")"
bytes="$(du -cb "$tmp"/study/*.dcm | tail -1 | cut -f1)"

mkdir -p "$tmp/orthanc/db"
cat > "$tmp/orthanc/orthanc.json" <<EOF
{ "Name": "organ3d-bench", "StorageDirectory": "$tmp/orthanc/db", "IndexDirectory": "$tmp/orthanc/db",
  "Plugins": ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"],
  "HttpPort": $http_port, "DicomPort": $dicom_port, "DicomAet": "ORTHANC",
  "RemoteAccessAllowed": false, "AuthenticationEnabled": true, "RegisteredUsers": {"$user": "$password"},
  "HttpCompressionEnabled": false, "StorageCompression": false, "SaveJobs": false,
  "DicomCheckModalityHost": true,
  "DicomModalities": {"organ3d": {"AET": "ORGAN3D", "Host": "127.0.0.1", "Port": 1, "AllowGet": true, "AllowFind": true}},
  "DicomWeb": {"Enable": true, "Root": "/dicom-web/"} }
EOF
Orthanc "$tmp/orthanc/orthanc.json" > "$tmp/orthanc/log" 2>&1 &
orthanc_pid=$!
for _ in $(seq 1 100); do
  curl -sf -u "$user:$password" "http://127.0.0.1:$http_port/system" >/dev/null && break
  sleep 0.2
done
echo "storing $slices files in Orthanc ..."
for f in "$tmp"/study/*.dcm; do
  curl -sf -u "$user:$password" -X POST -H "Content-Type: application/dicom" --data-binary "@$f" \
    "http://127.0.0.1:$http_port/instances" >/dev/null
done

# the launcher builds on first use (build output on stderr)
"$root/organ3d" --version >/dev/null
export ORGAN3D_PACS_USER="$user" ORGAN3D_PACS_PASSWORD="$password"
url="http://127.0.0.1:$http_port/dicom-web"
echo "study: $slices files, $((bytes / 1000000)) MB; $repeat runs each"
run() {  # label, server
  local label="$1" server="$2" rates=()
  for i in $(seq 1 "$repeat"); do
    rm -rf "$tmp/out"
    local t0 t1
    t0=$(date +%s.%N)
    /usr/bin/time -f '%U %S' -o "$tmp/cpu" \
      "$root/organ3d" pull "$server" --study "$study" --out "$tmp/out" --json > "$tmp/pull.json" 2>"$tmp/pull.err"
    t1=$(date +%s.%N)
    local inner cpu
    inner="$(/usr/bin/python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print("%.1f" % j["megabytesPerSecond"])' "$tmp/pull.json")"
    cpu="$(awk '{printf "%.2f", $1 + $2}' "$tmp/cpu")"
    rates+=("$(/usr/bin/python3 -c "print('%.1f' % ($bytes / 1e6 / ($t1 - $t0)))") (in-process $inner; CPU $cpu s)")
  done
  printf '%-24s MB/s per run: whole command incl. JVM start (pull alone from the JSON; user+sys CPU seconds of the command):\n' "$label"
  printf '    %s\n' "${rates[@]}"
}
run "organ3d pull, DICOMweb" "$url"
run "organ3d pull, C-GET" "dicom://ORTHANC@127.0.0.1:$dicom_port"
curl_rates=()
for i in $(seq 1 "$repeat"); do
  curl_rates+=("$(curl -s -u "$user:$password" -o /dev/null -w '%{speed_download}' \
    -H 'Accept: multipart/related; type="application/dicom"; transfer-syntax=*' \
    "$url/studies/$study/series/$series" | /usr/bin/python3 -c 'import sys; print("%.1f" % (float(sys.stdin.read())/1e6))')")
done
echo "curl to /dev/null (the server's pace), MB/s per run: ${curl_rates[*]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
