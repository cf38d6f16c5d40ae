package io.unitrouter.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/** The load generators' command-line options: {@code --name=value} pairs. */
public final class BenchmarkOptions {

    private BenchmarkOptions() {
    }

    /**
     * Reads {@code --name=value} arguments.
     *
     * @param args the arguments
     * @return the values by name, in the order given
     * @throws IllegalArgumentException naming an argument of another form
     */
    public static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }
}
