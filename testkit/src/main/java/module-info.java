/**
 * organ3d's test kit: the one requirement switch for devices and cross-check tools
 * ({@code -Dorgan3d.require}), external tools, child processes that cannot outlive their test.
 */
module org.organ3d.testkit {
    requires transitive org.junit.jupiter.api;
    requires java.net.http;

    exports org.organ3d.testkit;
}
