package org.organ3d.cli;

import picocli.CommandLine;

/** Version from the jar manifest (or "development"). */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"organ3d " + (v == null ? "development" : v)};
    }
}
