package io.unitrouter.cli;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.failover.spi.Fence;
import io.unitrouter.sharding.Fences;
import io.unitrouter.sharding.ShardLayout;
import io.unitrouter.sharding.failover.DatabaseFence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The fence databases of {@code failover execute}, {@code resume} and {@code abort}, from a small YAML file:
 *
 * <pre>
 * layout: { databases: 2, tables-per-database: 5 }
 * databases:
 *   - { url: "jdbc:mariadb://db-a:3306/bank", user: failover, password-env: FENCE_PASSWORD }
 *   - { url: "jdbc:mariadb://db-b:3306/bank", user: failover, password-env: FENCE_PASSWORD }
 * </pre>
 *
 * The databases are listed in layout order (database 0 first). A password is given as {@code password} or,
 * better, as {@code password-env}, the name of an environment variable holding it.
 */
final class FenceConfig {

    private static final Set<String> TOP = Set.of("layout", "databases");
    private static final Set<String> LAYOUT = Set.of("databases", "tables-per-database");
    private static final Set<String> DATABASE = Set.of("name", "url", "user", "password", "password-env");

    private FenceConfig() {
    }

    /**
     * Reads a fence configuration.
     *
     * @param file the YAML file
     * @param shards the rule document's shard count
     * @param env where {@code password-env} values are looked up
     * @return the fence over the databases
     * @throws CliException naming the file and the entry that is wrong
     */
    static Fence read(Path file, int shards, Function<String, String> env) {
        Map<?, ?> root = map(load(file), file + "", file);
        unknown(root, TOP, file + "", file);
        Map<?, ?> layout = map(root.get("layout"), "layout", file);
        unknown(layout, LAYOUT, "layout", file);
        ShardLayout shardLayout;
        try {
            shardLayout = ShardLayout.of(number(layout, "databases", file), number(layout, "tables-per-database", file));
        } catch (UnitRouterException e) {
            throw new CliException("fence configuration " + file + ": " + e.getMessage());
        }
        if (!(root.get("databases") instanceof List<?> entries) || entries.isEmpty()) {
            throw new CliException("fence configuration " + file + ": databases must list the " + shardLayout.databases()
                    + " databases in layout order, each {url, user, password or password-env}");
        }
        Map<String, DataSource> databases = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String label = "databases[" + i + "]";
            Map<?, ?> entry = map(entries.get(i), label, file);
            unknown(entry, DATABASE, label, file);
            String url = text(entry, "url", label, file);
            String password = entry.get("password-env") != null ? env.apply(text(entry, "password-env", label, file))
                    : entry.get("password") == null ? "" : String.valueOf(entry.get("password"));
            if (password == null) {
                throw new CliException("fence configuration " + file + ": " + label + ": environment variable "
                        + entry.get("password-env") + " is not set");
            }
            String name = entry.get("name") == null ? "ds_" + i : String.valueOf(entry.get("name"));
            databases.put(name, new JdbcDataSource(url, entry.get("user") == null ? "" : String.valueOf(entry.get("user")),
                    password));
        }
        try {
            return DatabaseFence.of(Fences.of(databases, shardLayout, shards));
        } catch (UnitRouterException e) {
            throw new CliException("fence configuration " + file + ": " + e.getMessage());
        }
    }

    private static Object load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CliException("fence configuration " + file + " does not exist");
        }
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | YAMLException e) {
            throw new CliException("fence configuration " + file + " cannot be read: " + ErrorHandler.oneLine(
                    e.getMessage()));
        }
    }

    private static Map<?, ?> map(Object value, String label, Path file) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new CliException("fence configuration " + file + ": " + label + " must be a mapping");
        }
        return map;
    }

    private static void unknown(Map<?, ?> map, Set<String> known, String label, Path file) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw new CliException("fence configuration " + file + ": " + label + ": unknown field '" + key
                        + "' (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    private static int number(Map<?, ?> map, String key, Path file) {
        if (!(map.get(key) instanceof Integer value)) {
            throw new CliException("fence configuration " + file + ": layout." + key + " must be a whole number, was "
                    + map.get(key));
        }
        return value;
    }

    private static String text(Map<?, ?> map, String key, String label, Path file) {
        Object value = map.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new CliException("fence configuration " + file + ": " + label + ": " + key + " is missing");
        }
        return String.valueOf(value);
    }
}
