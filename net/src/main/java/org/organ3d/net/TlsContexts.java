package org.organ3d.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS contexts that trust the system's certificate authorities (the JDK's trust store, which on
 * Debian is the system's {@code ca-certificates}) plus, optionally, the certificates of one CA file
 * (PEM or DER, one or several certificates) — for a hospital's own CA or a test server's
 * self-signed certificate.
 *
 * <p>Only what to trust is changed here: the JDK's own trust manager checks the chains, and
 * hostname verification stays on (the HTTP client and {@code Association} ask for endpoint
 * identification "HTTPS"). Thread-safe (stateless).
 */
public final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * A TLS context trusting the system CAs and those in {@code caFile} (null: system CAs only).
     *
     * @throws PacsException if the CA file cannot be read or holds no certificate
     */
    public static SSLContext create(Path caFile) throws PacsException {
        try {
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            SSLContext ctx = SSLContext.getInstance("TLS");
            if (caFile == null) {
                ctx.init(null, system.getTrustManagers(), null);
                return ctx;
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int n = 0;
            for (TrustManager tm : system.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        ks.setCertificateEntry("system-" + n++, c);
                    }
                }
            }
            Collection<? extends Certificate> extra = readCertificates(caFile);
            int k = 0;
            for (Certificate c : extra) {
                ks.setCertificateEntry("organ3d-ca-" + k++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (PacsException e) {
            throw e;
        } catch (GeneralSecurityException | IOException e) {
            throw new PacsException("cannot set up TLS" + (caFile == null ? "" : " with the CA file " + caFile) + ": "
                    + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> readCertificates(Path caFile) throws PacsException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(caFile)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new PacsException("the CA file " + caFile + " is not a PEM or DER certificate file: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new PacsException("the CA file " + caFile + " holds no certificate");
        }
        return certs;
    }
}
