package io.unitrouter.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON files of an AppActive rule directory. AppActive parses them with fastjson, which also
 * takes trailing commas, single quotes and unquoted names (AppActive's own {@code path-address} example has a
 * trailing comma), so this reader takes them too. A name given twice in one object is refused: fastjson
 * silently keeps the last value.
 */
final class AppActiveJsonFiles {

    /** AppActive's FILE channel reads a file into a buffer of 1 MiB and refuses bigger ones. */
    static final long MAX_BYTES = 1024 * 1024;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    // Jackson points back at the start of an unclosed object with a note on the (hidden) source: drop it.
    private static final Pattern SOURCE_NOTE = Pattern.compile("\\s*\\(start marker at \\[Source:[^\\]]*\\][^)]*\\)");

    private final Path dir;
    private final List<String> problems;

    /**
     * @param dir the rule directory
     * @param problems where problems are added, each starting with the file name
     */
    AppActiveJsonFiles(Path dir, List<String> problems) {
        this.dir = dir;
        this.problems = problems;
    }

    /** Whether the directory holds a file of that name. */
    boolean exists(String name) {
        return Files.exists(dir.resolve(name));
    }

    /**
     * Parses one file.
     *
     * @param name the file name inside the directory
     * @param meaning what the file holds, for the message when it is missing, e.g. {@code the id-to-unit mapping}
     * @return its JSON, or {@code null} after adding a problem
     */
    JsonNode read(String name, String meaning) {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            problems.add(name + ": missing: AppActive's FILE channel reads " + meaning + " from it");
            return null;
        }
        if (!Files.isRegularFile(file)) {
            problems.add(name + ": is not a regular file");
            return null;
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                problems.add(name + ": is " + Files.size(file) + " bytes long; AppActive reads at most " + MAX_BYTES);
                return null;
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(name + ": cannot be read: " + e);
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                problems.add(name + ": is empty");
                return null;
            }
            return node;
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            problems.add(name + ": not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
                    + SOURCE_NOTE.matcher(e.getOriginalMessage()).replaceAll(""));
            return null;
        }
    }
}
