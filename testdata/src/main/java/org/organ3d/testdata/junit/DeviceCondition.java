package org.organ3d.testdata.junit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link RequiresDevice}: skips (with a printed reason) or fails a test
 * whose device is missing, as {@code organ3d.require} says.
 */
public final class DeviceCondition implements BeforeAllCallback, BeforeEachCallback {

    /** System property naming the devices whose tests must run. */
    public static final String REQUIRE_PROPERTY = "organ3d.require";

    private static final Map<Class<? extends DeviceProbe>, Optional<String>> CACHE = new ConcurrentHashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, RequiresDevice.class))
                .ifPresent(a -> check(a, context));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, RequiresDevice.class))
                .ifPresent(a -> check(a, context));
    }

    /** The devices named by {@code organ3d.require}, lower-case. */
    public static Set<String> requiredDevices() {
        String p = System.getProperty(REQUIRE_PROPERTY, "");
        return Arrays.stream(p.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    private static void check(RequiresDevice a, ExtensionContext context) {
        Optional<String> why = CACHE.computeIfAbsent(a.probe(), DeviceCondition::probe);
        if (why.isEmpty()) {
            return;
        }
        String device = a.value().toLowerCase(Locale.ROOT);
        String msg = "[" + device + "] " + context.getDisplayName() + ": device unavailable: " + why.get();
        if (requiredDevices().contains(device)) {
            Assertions.fail(msg + " (required by -D" + REQUIRE_PROPERTY + ")");
        }
        System.out.println("SKIPPED " + msg);
        Assumptions.abort(msg);
    }

    private static Optional<String> probe(Class<? extends DeviceProbe> type) {
        try {
            return type.getDeclaredConstructor().newInstance().unavailableReason();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.of("probe " + type.getSimpleName() + " failed: " + e);
        }
    }
}
