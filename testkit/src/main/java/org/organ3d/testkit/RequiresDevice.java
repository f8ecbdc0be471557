package org.organ3d.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that needs a device. When the {@link #probe()} says the device is
 * missing, the test is skipped with the reason printed, unless the system property
 * {@code organ3d.require} (a comma-separated list, e.g. {@code opencl,gl}) names the device: then the
 * test fails with the reason. Combine with {@code @Tag("opencl")} / {@code @Tag("gl")}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Inherited
@ExtendWith(DeviceCondition.class)
public @interface RequiresDevice {

    /** Device name as used in {@code organ3d.require}: {@code opencl} or {@code gl}. */
    String value();

    /** The probe that tells whether the device is there. */
    Class<? extends DeviceProbe> probe();
}
