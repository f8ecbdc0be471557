package org.organ3d.cli;

import java.time.Duration;
import org.organ3d.net.PacsClient;
import org.organ3d.net.PacsException;
import org.organ3d.net.PacsServer;
import org.organ3d.net.PacsSettings;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code <server>}, {@code --calling-aet} and {@code --timeout} of find, pull and push
 * (shared/CONTRACT.md, PACS), as a picocli mixin. Credentials come from the environment or the
 * config file only ({@link PacsSettings}), never from an option.
 */
final class PacsConnection {

    @Parameters(index = "0", paramLabel = "<server>", description = {"DICOMweb base URL (http://host:port/dicom-web, "
            + "https://...) or DICOM address dicom://AET@host:port.",
        "Credentials: ORGAN3D_PACS_USER + ORGAN3D_PACS_PASSWORD or ORGAN3D_PACS_TOKEN, or the owner-only file "
            + "~/.config/organ3d/pacs.properties; ORGAN3D_PACS_CA: extra CA certificate for TLS."})
    String server;

    @Option(names = "--calling-aet", paramLabel = "AET", defaultValue = PacsSettings.DEFAULT_CALLING_AET,
            description = "Our AE title on DICOM associations. Default: ${DEFAULT-VALUE}.")
    String callingAet;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Give up when the server sends nothing for this long. Default: ${DEFAULT-VALUE}.")
    int timeout;

    /** The parsed server. */
    PacsServer parsedServer() {
        try {
            return PacsServer.parse(server);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The settings from the environment and these options. */
    PacsSettings settings() throws PacsException {
        if (timeout < 1) {
            throw new UsageException("--timeout must be at least 1 second: " + timeout);
        }
        try {
            PacsSettings s = PacsSettings.fromEnvironment().withCallingAet(callingAet);
            return s.withTimeouts(s.connectTimeout(), Duration.ofSeconds(timeout));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** A client for the server. */
    PacsClient open() throws PacsException {
        PacsServer s = parsedServer();
        return PacsClient.open(s, settings());
    }
}
