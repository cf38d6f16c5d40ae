package io.unitrouter.core;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Core's packages form no cycle (#12), the root package included, and the root package, which holds the value
 * types, depends on no other package of core.
 */
class CorePackagesTest {

    private static final String CORE_PACKAGE = "io.unitrouter.core";

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(CORE_PACKAGE);

    /**
     * No cycle among the packages under {@code base}, each package one slice. {@code slices().matching(..)} cannot
     * express this: a class in the package its pattern starts from, such as the root package here, belongs to no
     * slice and is left out, and the root package is where the cycle of #12 ran through.
     */
    static ArchRule packagesFormNoCycle(String base) {
        return slices().assignedFrom(new EachPackageASlice(base)).should().beFreeOfCycles();
    }

    @Test
    void corePackagesFormNoCycle() {
        packagesFormNoCycle(CORE_PACKAGE).check(CORE);
    }

    @Test
    void theRootPackageDependsOnNoOtherPackageOfCore() {
        classes().that().resideInAPackage(CORE_PACKAGE)
                .should().onlyDependOnClassesThat(
                        resideOutsideOfPackage(CORE_PACKAGE + "..").or(resideInAPackage(CORE_PACKAGE)))
                .because("the value types are what every other package shares; they must not need any of them")
                .check(CORE);
    }

    @Test
    void theCycleRuleTakesTheRootPackageAndEverySubPackageAsSlices() {
        EachPackageASlice assignment = new EachPackageASlice(CORE_PACKAGE);
        Set<SliceIdentifier> slices = CORE.stream().map(assignment::getIdentifierOf).collect(Collectors.toSet());

        assertThat(slices).contains(SliceIdentifier.of(CORE_PACKAGE), SliceIdentifier.of(CORE_PACKAGE + ".routing"),
                SliceIdentifier.of(CORE_PACKAGE + ".shard"), SliceIdentifier.of(CORE_PACKAGE + ".rules"),
                SliceIdentifier.of(CORE_PACKAGE + ".spi"), SliceIdentifier.of(CORE_PACKAGE + ".store"),
                SliceIdentifier.of(CORE_PACKAGE + ".failover.internal"));
        assertThat(assignment.getIdentifierOf(new ClassFileImporter().importClass(String.class)))
                .isEqualTo(SliceIdentifier.ignore());
    }

    @Test
    void theCycleRuleReportsARootPackageAndASubPackageThatUseEachOther() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.unitrouter.cyclefixture");

        EvaluationResult result = packagesFormNoCycle("io.unitrouter.cyclefixture").evaluate(fixture);

        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("Cycle detected", "io.unitrouter.cyclefixture.Upper",
                        "io.unitrouter.cyclefixture.lower.Lower");
    }

    /** Puts each class under a base package in the slice of its own package; ignores every other class. */
    private record EachPackageASlice(String base) implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            boolean under = name.equals(base) || name.startsWith(base + ".");
            return under ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "each package under " + base;
        }
    }
}
