package org.organ3d.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.organ3d.net.DateRange;
import org.organ3d.net.PacsClient;
import org.organ3d.net.SeriesRecord;
import org.organ3d.net.StudyQuery;
import org.organ3d.net.StudyRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code organ3d find <server> [--patient ID] [--study-date RANGE] [--modality M] [--json]}
 * (shared/CONTRACT.md, PACS): studies on a PACS with their series, over DICOMweb (QIDO-RS) or
 * C-FIND. JSON {@code studies}: {@code studyInstanceUID}, {@code patientID}, {@code studyDate},
 * {@code modalities}, {@code series} [{@code seriesInstanceUID}, {@code modality}, {@code instances}],
 * plus {@code patientName}, {@code accessionNumber}, {@code description}, {@code server}.
 */
@Command(name = "find", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Search a PACS for studies (DICOMweb QIDO-RS or DICOM C-FIND) and list their series.")
final class FindCommand implements Callable<Integer> {

    @Mixin
    PacsConnection connection;

    @Option(names = "--patient", paramLabel = "ID", description = "Patient ID (wildcards * and ? where the PACS allows).")
    String patient;

    @Option(names = "--patient-name", paramLabel = "NAME", description = "Patient's Name, e.g. DOE^JOHN or DOE*.")
    String patientName;

    @Option(names = "--study-date", paramLabel = "RANGE", description = "YYYYMMDD or YYYYMMDD-YYYYMMDD (either end open).")
    String studyDate;

    @Option(names = "--modality", paramLabel = "M", description = "Only studies with a series of this modality, e.g. CT.")
    String modality;

    @Option(names = "--accession", paramLabel = "NUMBER", description = "Accession Number.")
    String accession;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "At most N studies. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StudyQuery q;
        try {
            q = new StudyQuery(patient, patientName, studyDate == null ? null : DateRange.parse(studyDate), modality,
                    accession, null, limit);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<StudyRecord> studies;
        try (PacsClient c = connection.open()) {
            studies = c.findStudies(q);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.object();
            o.put("server", connection.parsedServer().toString());
            ArrayNode a = o.putArray("studies");
            for (StudyRecord s : studies) {
                ObjectNode n = a.addObject();
                n.put("studyInstanceUID", s.studyInstanceUID());
                n.put("patientID", s.patientId());
                n.put("patientName", s.patientName());
                n.put("studyDate", s.studyDate());
                n.put("accessionNumber", s.accessionNumber());
                n.put("description", s.description());
                ArrayNode m = n.putArray("modalities");
                s.modalities().forEach(m::add);
                ArrayNode sa = n.putArray("series");
                for (SeriesRecord r : s.series()) {
                    ObjectNode x = sa.addObject();
                    x.put("seriesInstanceUID", r.seriesInstanceUID());
                    x.put("modality", r.modality());
                    if (r.instances() >= 0) {
                        x.put("instances", r.instances());
                    } else {
                        x.putNull("instances");
                    }
                    x.put("seriesNumber", r.seriesNumber());
                    x.put("description", r.description());
                }
            }
            Json.print(out, o);
            return ExitCodes.OK;
        }
        if (studies.isEmpty()) {
            out.println("no studies found");
        }
        for (StudyRecord s : studies) {
            out.printf("%s  patient %s  %s  %s  %s%n", s.studyInstanceUID(), nz(s.patientId()), nz(s.studyDate()),
                    String.join("/", s.modalities()), nz(s.description()));
            for (SeriesRecord r : s.series()) {
                out.printf("    %s  %-3s %5s instances  %s%n", r.seriesInstanceUID(), nz(r.modality()),
                        r.instances() < 0 ? "?" : Integer.toString(r.instances()), nz(r.description()));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
