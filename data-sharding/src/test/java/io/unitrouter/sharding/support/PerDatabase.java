package io.unitrouter.sharding.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A suite that runs once per {@linkplain TestDatabase#enabled() enabled database}; its constructor takes the
 * {@link TestDatabase}. Tagged {@value TestDatabase#TAG}, so that the build's per-database test runs
 * ({@code -Pdatabases}) pick it up.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(TestDatabase.TAG)
@ParameterizedClass(name = "{displayName} on {0}")
@MethodSource("io.unitrouter.sharding.support.TestDatabase#enabled")
public @interface PerDatabase {
}
