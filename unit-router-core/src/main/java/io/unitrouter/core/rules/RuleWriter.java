package io.unitrouter.core.rules;

import io.unitrouter.core.Cell;
import io.unitrouter.core.City;
import io.unitrouter.core.ShardRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Writes a document back to YAML in the shape the reader takes, one entry per line. */
final class RuleWriter {

    private RuleWriter() {
    }

    static String write(RuleDocument doc) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("epoch", doc.epoch());
        root.put("shards", doc.shards());
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("type", doc.shardFunctionSpec().type());
        function.putAll(doc.shardFunctionSpec().options());
        root.put("shard-function", function);
        if (doc.draft().activeGZone != null) {
            root.put("active-gzone", doc.draft().activeGZone);
        }
        List<Object> cities = new ArrayList<>();
        for (City city : doc.topology().cities()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", city.id());
            entry.put("data-centers", city.dataCenters());
            if (!city.failoverTo().isEmpty()) {
                entry.put("failover-to", city.failoverTo());
            }
            cities.add(entry);
        }
        root.put("cities", cities);
        List<Object> cells = new ArrayList<>();
        for (Cell cell : doc.topology().cells()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", cell.id());
            entry.put("kind", cell.kind().name());
            entry.put("data-center", cell.dataCenter());
            if (cell.capacity() != Cell.UNLIMITED) {
                entry.put("capacity", cell.capacity());
            }
            if (cell.standby() != null) {
                entry.put("standby", cell.standby());
            }
            cells.add(entry);
        }
        root.put("cells", cells);
        List<Object> routing = new ArrayList<>();
        for (RuleDocument.Assignment assignment : doc.routing()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("shards", ranges(assignment.shards()));
            entry.put("cell", assignment.cell());
            routing.add(entry);
        }
        root.put("routing", routing);
        root.put("frozen", doc.frozen().stream().map(ShardRange::toString).toList());
        List<Object> overrides = new ArrayList<>();
        for (RuleDocument.RouteOverride override : doc.overrides()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            if (!override.keys().isEmpty()) {
                entry.put("keys", override.keys());
            }
            if (!override.shards().isEmpty()) {
                entry.put("shards", ranges(override.shards()));
            }
            entry.put("cell", override.cell());
            overrides.add(entry);
        }
        root.put("overrides", overrides);
        if (!doc.homes().isEmpty()) {
            List<Object> homes = new ArrayList<>();
            for (RuleDocument.Assignment home : doc.homes()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("shards", ranges(home.shards()));
                entry.put("cell", home.cell());
                homes.add(entry);
            }
            root.put("homes", homes);
        }
        if (!doc.offline().isEmpty()) {
            root.put("offline", doc.offline());
        }
        return yaml().dump(root);
    }

    private static String ranges(List<ShardRange> ranges) {
        return ranges.stream().map(ShardRange::toString).collect(Collectors.joining(","));
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        // AUTO puts entries of scalars on one line ({id: rz01, kind: RZONE, ...}) and nests the rest as blocks.
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.AUTO);
        options.setDefaultScalarStyle(DumperOptions.ScalarStyle.PLAIN);
        options.setWidth(120);
        return new Yaml(options);
    }
}
