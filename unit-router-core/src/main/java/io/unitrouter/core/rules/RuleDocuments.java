package io.unitrouter.core.rules;

import io.unitrouter.core.UnitRouterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads rule documents from YAML or JSON text and writes them back as YAML.
 *
 * <p>Stateless and thread-safe.
 */
public final class RuleDocuments {

    private RuleDocuments() {
    }

    /**
     * Parses and validates a document.
     *
     * @param text YAML or JSON, at most 4 MiB
     * @param source where it came from, for messages (a path, a data id)
     * @return the validated document
     * @throws RuleValidationException listing every problem, including syntax errors
     */
    public static RuleDocument parse(String text, String source) {
        if (text.length() > RuleReader.MAX_DOCUMENT_CHARS) {
            throw new RuleValidationException(source, List.of("the document is " + text.length()
                    + " characters long; the limit is " + RuleReader.MAX_DOCUMENT_CHARS));
        }
        return RuleValidator.validate(RuleReader.read(text, source));
    }

    /**
     * Reads, parses and validates a UTF-8 file.
     *
     * @param file the file
     * @return the validated document, with the file's path as its source
     * @throws RuleValidationException listing every problem
     * @throws UnitRouterException naming the file when it cannot be read
     */
    public static RuleDocument read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnitRouterException("cannot read rule file " + file + ": " + e, Map.of("file", file.toString()),
                    e);
        }
        return parse(text, file.toString());
    }

    /**
     * Writes a document as YAML that {@link #parse} reads back to an equal document.
     *
     * @param document the document
     * @return YAML text
     */
    public static String toYaml(RuleDocument document) {
        return RuleWriter.write(document);
    }
}
