package org.organ3d.cli;

/** Test control: initialises JOCL directly, without organ3d's loader (whatever it prints, it prints). */
public final class JoclDirect {
    private JoclDirect() {
    }

    public static void main(String[] args) {
        try {
            org.jocl.CL.setExceptionsEnabled(true);
            System.err.println("JOCL loaded");
        } catch (Throwable t) {
            System.err.println("JOCL failed: " + t);
        }
    }
}
