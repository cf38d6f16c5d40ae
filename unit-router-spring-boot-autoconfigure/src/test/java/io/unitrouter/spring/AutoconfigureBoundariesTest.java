package io.unitrouter.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** What the shared Spring Boot wiring may use: core's API and SPI, and nothing of the cell starter. */
class AutoconfigureBoundariesTest {

    private static final JavaClasses SHARED = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.unitrouter.spring");

    @Test
    void theSharedWiringUsesNoCoreInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.unitrouter.core..internal..")
                .because("integrations adapt core's public API; internals may change in any release")
                .check(SHARED);
    }

    @Test
    void theSharedWiringUsesNothingOfTheCellStarter() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.unitrouter.boot..")
                .because("a gateway uses this module without the cell starter")
                .check(SHARED);
    }
}
