#!/usr/bin/env bash
# Line and branch coverage of the readers reached by the fuzz corpora: the committed Inputs folders
# plus the working corpus a campaign (scripts/fuzz.sh) left in <module>/target/fuzz/corpus. Every
# input runs once through its target (testkit's CorpusReplay, no Jazzer) under the JaCoCo agent;
# the result is one line per family, for the classes that family's targets are about.
#   scripts/fuzz-coverage.sh            (after scripts/fuzz.sh; needs Maven Central once for JaCoCo)
set -euo pipefail
cd "$(dirname "$0")/.."
v=0.8.15
agent="$HOME/.m2/repository/org/jacoco/org.jacoco.agent/$v/org.jacoco.agent-$v-runtime.jar"
cli="$HOME/.m2/repository/org/jacoco/org.jacoco.cli/$v/org.jacoco.cli-$v-nodeps.jar"
[ -f "$agent" ] || mvn -q -B dependency:get -Dartifact="org.jacoco:org.jacoco.agent:$v:jar:runtime"
[ -f "$cli" ] || mvn -q -B dependency:get -Dartifact="org.jacoco:org.jacoco.cli:$v:jar:nodeps"
mvn -o -q -B test-compile dependency:build-classpath -pl core,viewer-demo,net -am -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt
out="$PWD/target/fuzz-coverage"
rm -rf "$out"
mkdir -p "$out"

# family NAME MODULE TARGET-REGEX CLASS-REGEX (on package/Class in JaCoCo's CSV; writers left out)
family() {
  local name=$1 module=$2 targets=$3 classes=$4
  local writers='(Writer|Painter|WrittenInstance|SeriesInfo|Uids|OutputStream|AnatomyCodes)'
  (cd "$module" && java -Xmx1g -javaagent:"$agent=destfile=$out/$name.exec,includes=org.organ3d.*" \
    -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.organ3d.testkit.CorpusReplay "$targets") \
    > "$out/$name.replay.txt" 2>&1
  java -jar "$cli" report "$out/$name.exec" --classfiles core/target/classes --classfiles net/target/classes \
    --classfiles viewer-demo/target/classes --csv "$out/$name.csv" > /dev/null
  awk -F, -v re="$classes" -v no="$writers" -v name="$name" 'NR > 1 && ($2 "/" $3) ~ re && $3 !~ no {
      bm += $6; bc += $7; lm += $8; lc += $9; n++ }
    END { printf "%-9s %3d classes: lines %6d/%6d (%.1f%%), branches %6d/%6d (%.1f%%)\n", name, n, lc, lc + lm,
      100 * lc / (lc + lm), bc, bc + bm, 100 * bc / (bc + bm) }' "$out/$name.csv"
}

family dicom core 'DicomFuzzTest|CodecFuzzTest|SegFuzzTest' '^org\.organ3d\.io\.dicom(\.codec|\.seg)?/'
family research core 'NiftiFuzzTest|NrrdFuzzTest|MetaImageFuzzTest' '^org\.organ3d\.io\.(nifti|nrrd|metaimage|raw)/'
family mesh core 'MeshReadersFuzzTest' '^org\.organ3d\.mesh\.io/(.*Reader.*|MeshReaders|MeshBuilder)$'
family json viewer-demo 'MeasurementSetFuzzTest' '^org\.organ3d\.viewer\.measure/(MeasurementSet|Measurement)$'
family net net 'DicomWebFuzzTest|DimseFuzzTest' '^org\.organ3d\.net\.(dicomweb/(MultipartReader.*|DicomJson.*|JsonReader.*)|dimse/(Association.*|AssociationPdus.*))$'
echo "per-class figures: $out/<family>.csv; replay counts: $out/<family>.replay.txt"
