package io.unitrouter.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The ids to check, given as {@code --check KEYS}: the path of a file with one id per line (blank lines and
 * lines starting with {@code #} are skipped; nothing else is trimmed, since a space is part of an id), or
 * else a comma-separated list of ids. A KEYS that names no file but holds a path separator is a missing
 * file, not an id.
 *
 * @param origin where the ids come from, for the report
 * @param keys the ids, in order, at least one
 */
record CheckKeys(String origin, List<String> keys) {

    CheckKeys {
        keys = List.copyOf(keys);
    }

    /**
     * @throws CliException if a key file is missing or unreadable, or no id is given
     */
    static CheckKeys parse(String spec) {
        Path file = asPath(spec);
        CheckKeys keys;
        if (file != null && Files.isRegularFile(file)) {
            keys = new CheckKeys("file " + spec, lines(file));
        } else if (spec.contains("/") || spec.contains(java.io.File.separator)) {
            throw new CliException("key file " + spec + " does not exist");
        } else {
            keys = new CheckKeys("the command line", Arrays.stream(spec.split(",")).filter(k -> !k.isEmpty())
                    .toList());
        }
        if (keys.keys().isEmpty()) {
            throw new CliException("no ids to check in " + keys.origin());
        }
        return keys;
    }

    private static Path asPath(String spec) {
        try {
            return Path.of(spec);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new CliException("cannot read key file " + file + ": " + e);
        }
    }
}
