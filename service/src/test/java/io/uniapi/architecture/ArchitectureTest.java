package io.uniapi.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps libraries inside the package that owns their concern (STYLE.md §7). */
class ArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.uniapi");

    @Test
    void failsafeIsUsedOnlyByTheDispatcher() {
        noClasses().that().resideOutsideOfPackage("io.uniapi.dispatch..")
                .should().dependOnClassesThat().resideInAPackage("dev.failsafe..")
                .check(CLASSES);
    }

    @Test
    void bucket4jIsUsedOnlyByTheLimiter() {
        noClasses().that().resideOutsideOfPackage("io.uniapi.limits..")
                .should().dependOnClassesThat().resideInAPackage("io.github.bucket4j..")
                .check(CLASSES);
    }

    @Test
    void providersNeverSeeJersey() {
        noClasses().that().resideInAPackage("io.uniapi.providers..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.glassfish.jersey..")
                .check(CLASSES);
    }
}
