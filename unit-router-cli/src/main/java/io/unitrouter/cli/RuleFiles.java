package io.unitrouter.cli;

import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.rules.RuleValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Reads rule files, turning the usual file problems into short messages. */
final class RuleFiles {

    private RuleFiles() {
    }

    /**
     * Reads and validates one rule file.
     *
     * @throws CliException if the file is missing, a directory or unreadable
     * @throws RuleValidationException if the document is invalid
     */
    static RuleDocument read(Path file) {
        if (!Files.exists(file)) {
            throw new CliException("rule file " + file + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new CliException("rule file " + file + " is a directory");
        }
        if (!Files.isReadable(file)) {
            throw new CliException("rule file " + file + " is not readable");
        }
        return RuleDocuments.read(file);
    }

    /**
     * Reads and validates several rule documents, reporting the problems of all of them at once.
     *
     * @param readers each reads one document, e.g. {@code () -> read(file)}
     * @throws CliException if a document cannot be read: a file is missing, a directory or unreadable
     * @throws InvalidRulesException if any document is invalid, with the errors of each
     */
    @SafeVarargs
    static List<RuleDocument> readAll(Supplier<RuleDocument>... readers) {
        List<RuleDocument> documents = new ArrayList<>();
        List<RuleValidationException> failures = new ArrayList<>();
        for (Supplier<RuleDocument> reader : readers) {
            try {
                documents.add(reader.get());
            } catch (RuleValidationException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw new InvalidRulesException(failures);
        }
        return documents;
    }

    /** One or more rule files are invalid. */
    static final class InvalidRulesException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient List<RuleValidationException> failures;

        InvalidRulesException(List<RuleValidationException> failures) {
            super(failures.size() + " invalid rule file(s)", null, false, false);
            this.failures = List.copyOf(failures);
        }

        List<RuleValidationException> failures() {
            return failures;
        }
    }
}
