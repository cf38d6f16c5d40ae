package io.unitrouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import java.util.regex.Pattern;

/**
 * What an operator does with an imported document: replace every placeholder with a real value. Each unit
 * gets its own city and data center ({@code hz-UNITA}, {@code hz-UNITA-1}); capacities become the given number.
 */
final class FilledDocument {

    private static final Pattern SITE = Pattern.compile("'?<fill-in:(city|data-center)-of-([A-Za-z0-9_.-]+)>'?");
    private static final Pattern CAPACITY = Pattern.compile("'?<fill-in:capacity-of-[A-Za-z0-9_.-]+>'?");

    private FilledDocument() {
    }

    /** The text with every placeholder replaced. */
    static String fill(String yaml, int capacity) {
        String filled = SITE.matcher(yaml).replaceAll(m -> "hz-" + m.group(2)
                + (m.group(1).equals("data-center") ? "-1" : ""));
        filled = CAPACITY.matcher(filled).replaceAll(Integer.toString(capacity));
        assertThat(filled.lines().filter(line -> !line.startsWith("#")))
                .as("every placeholder outside the comment is filled").noneMatch(line -> line.contains("<fill-in:"));
        return filled;
    }

    /** Fills in and parses: the document the operator ends up with. */
    static RuleDocument parse(String yaml, int capacity) {
        return RuleDocuments.parse(fill(yaml, capacity), "filled.yaml");
    }
}
