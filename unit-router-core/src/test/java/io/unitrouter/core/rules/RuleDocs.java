package io.unitrouter.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.unitrouter.core.TestRules;
import java.util.List;

/** Small helpers that derive broken documents from {@code three-cities.yaml} and collect their errors. */
final class RuleDocs {

    static final String LAST_CITY = "  - { id: sz, data-centers: [sz1] }\n";
    static final String LAST_CELL = "  - { id: czhz, kind: CZONE, data-center: hz2 }\n";

    private RuleDocs() {
    }

    /** The reference document's text. */
    static String base() {
        return TestRules.text("three-cities.yaml");
    }

    /** The reference text with each {@code from} (which must occur exactly once) replaced by the next {@code to}. */
    static String edit(String... fromTo) {
        return TestRules.threeCitiesTextWith(fromTo);
    }

    /** The reference text with one more city entry (it becomes {@code cities[3]}). */
    static String withCity(String entry) {
        return edit(LAST_CITY, LAST_CITY + "  - " + entry + "\n");
    }

    /** The reference text with one more cell entry (it becomes {@code cells[8]}). */
    static String withCell(String entry) {
        return edit(LAST_CELL, LAST_CELL + "  - " + entry + "\n");
    }

    /** The reference text with these override entries, one per line. */
    static String withOverrides(String... entries) {
        return edit("overrides: []", "overrides:\n  - " + String.join("\n  - ", entries));
    }

    /** The errors a document is rejected with; fails the test if it is accepted. */
    static List<String> errorsOf(String text) {
        RuleValidationException e = catchThrowableOfType(RuleValidationException.class,
                () -> RuleDocuments.parse(text, "test.yaml"));
        assertThat(e).as("the document is rejected").isNotNull();
        assertThat(e.source()).isEqualTo("test.yaml");
        return e.errors();
    }
}
