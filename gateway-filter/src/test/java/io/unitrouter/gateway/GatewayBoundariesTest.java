package io.unitrouter.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** What the gateway may use of unit-router: core's API and SPI, never its internals. */
class GatewayBoundariesTest {

    @Test
    void theGatewayUsesNoCoreInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.unitrouter.core..internal..")
                .because("integrations adapt core's public API; internals may change in any release")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.unitrouter.gateway"));
    }
}
