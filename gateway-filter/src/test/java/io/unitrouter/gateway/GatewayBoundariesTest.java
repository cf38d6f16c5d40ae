package io.unitrouter.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * What the gateway may use of unit-router: core's API and SPI, never its internals, and the shared Spring Boot
 * wiring ({@code io.unitrouter.spring..}), never the cell starter.
 */
class GatewayBoundariesTest {

    /** Every package of unit-router-spring-boot-starter; none of them is in unit-router-spring-boot-autoconfigure. */
    private static final String[] STARTER_PACKAGES = {
        "io.unitrouter.boot",
        "io.unitrouter.boot.autoconfigure",
        "io.unitrouter.boot.circuitbreaker",
        "io.unitrouter.boot.client",
        "io.unitrouter.boot.context",
        "io.unitrouter.boot.metrics",
        "io.unitrouter.boot.reactive",
        "io.unitrouter.boot.servlet",
        "io.unitrouter.boot.web"};

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.unitrouter.gateway");

    @Test
    void theGatewayUsesNoCoreInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.unitrouter.core..internal..")
                .because("integrations adapt core's public API; internals may change in any release")
                .check(GATEWAY);
    }

    @Test
    void theGatewayUsesNoStarterPackage() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(STARTER_PACKAGES)
                .because("the cell starter is not on a gateway's classpath: a gateway is no cell, and what both"
                        + " need lives in unit-router-spring-boot-autoconfigure")
                .check(GATEWAY);
    }
}
