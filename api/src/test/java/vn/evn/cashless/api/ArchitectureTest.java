package vn.evn.cashless.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The modules are the architecture: api → application → domain, api → projections → domain, and no other way. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vn.evn.cashless");

    @Test
    void domainKnowsNoSpringNoJdbcNoHttp() {
        noClasses().that().resideInAPackage("vn.evn.cashless.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                        "javax.sql..", "jakarta..", "tools.jackson..", "com.fasterxml..")
                .check(CLASSES);
    }

    @Test
    void domainDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("vn.evn.cashless.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.evn.cashless.application..",
                        "vn.evn.cashless.projections..", "vn.evn.cashless.api..")
                .check(CLASSES);
    }

    @Test
    void applicationKnowsNeitherReadModelsNorHttp() {
        noClasses().that().resideInAPackage("vn.evn.cashless.application..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.evn.cashless.projections..",
                        "vn.evn.cashless.api..", "org.springframework.web..", "jakarta.servlet..")
                .check(CLASSES);
    }

    @Test
    void projectionsKnowNeitherTheCommandSideNorHttp() {
        noClasses().that().resideInAPackage("vn.evn.cashless.projections..")
                .should().dependOnClassesThat().resideInAnyPackage("vn.evn.cashless.application..",
                        "vn.evn.cashless.api..", "org.springframework.web..", "jakarta.servlet..")
                .check(CLASSES);
    }
}
