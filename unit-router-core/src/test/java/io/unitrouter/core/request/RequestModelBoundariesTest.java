package io.unitrouter.core.request;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of core that the build enforces: no framework or JDBC anywhere in core, and the request model
 * (key sources, routing context, request) on top of the rest of core, never beneath it. That no package of core,
 * these included, takes part in a cycle is {@code CorePackagesTest}'s to check.
 */
class RequestModelBoundariesTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.unitrouter.core");

    @Test
    void coreImportsNoFrameworkAndNoJdbc() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..",
                "reactor..", "io.netty..", "java.sql..", "javax.sql..")
                .because("core is plain Java; integrations adapt it")
                .check(CORE);
    }

    @Test
    void theRequestModelSitsOnTopOfTheRestOfCore() {
        noClasses().that().resideOutsideOfPackages("io.unitrouter.core.key..", "io.unitrouter.core.context..",
                        "io.unitrouter.core.request..")
                .should().dependOnClassesThat().resideInAnyPackage("io.unitrouter.core.key..",
                        "io.unitrouter.core.context..", "io.unitrouter.core.request..")
                .because("routing, rules and stores must not need to know about requests")
                .check(CORE);
    }
}
