package org.organ3d.testkit;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link RequiresDevice}: skips (with a printed reason) or fails a test
 * whose device is missing, as {@code organ3d.require} says.
 */
public final class DeviceCondition implements BeforeAllCallback, BeforeEachCallback {

    /** System property naming the devices whose tests must run ({@link Requirements#PROPERTY}). */
    public static final String REQUIRE_PROPERTY = Requirements.PROPERTY;

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

    /** The devices and tools named by {@code organ3d.require}, lower-case. */
    public static Set<String> requiredDevices() {
        return Requirements.required();
    }

    private static void check(RequiresDevice a, ExtensionContext context) {
        Optional<String> why = CACHE.computeIfAbsent(a.probe(), DeviceCondition::probe);
        if (why.isEmpty()) {
            return;
        }
        Requirements.missing(a.value().toLowerCase(Locale.ROOT), false, context.getDisplayName(), why.get());
    }

    private static Optional<String> probe(Class<? extends DeviceProbe> type) {
        try {
            return type.getDeclaredConstructor().newInstance().unavailableReason();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.of("probe " + type.getSimpleName() + " failed: " + e);
        }
    }
}
