package io.unitrouter.sharding.internal;

import io.unitrouter.sharding.ReadPolicy;
import io.unitrouter.sharding.ShardLayout;
import io.unitrouter.sharding.shardingsphere.UnitGuardAuditAlgorithm;
import io.unitrouter.sharding.shardingsphere.UnitShardingAlgorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.shardingsphere.infra.algorithm.core.config.AlgorithmConfiguration;
import org.apache.shardingsphere.sharding.api.config.ShardingRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.rule.ShardingTableReferenceRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.rule.ShardingTableRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.strategy.audit.ShardingAuditStrategyConfiguration;
import org.apache.shardingsphere.sharding.api.config.strategy.sharding.NoneShardingStrategyConfiguration;
import org.apache.shardingsphere.sharding.api.config.strategy.sharding.StandardShardingStrategyConfiguration;

/**
 * Derives the ShardingSphere sharding rule from a layout: every logical table gets the data nodes
 * {@code <data source>.<logic>_<k>}, a database strategy and (with more than one table per database) a
 * table strategy of type {@value UnitShardingAlgorithm#TYPE} on its shard-key column, and, when guarded, the
 * {@value UnitGuardAuditAlgorithm#TYPE} auditor. All tables form one binding group, since they share the
 * layout and the shard function.
 *
 * <p>Stateless and thread-safe.
 */
public final class ShardingRules {

    /** The name of the database-strategy algorithm in the generated rule. */
    public static final String DATABASE_ALGORITHM = "unit_router_database";
    /** The name of the table-strategy algorithm in the generated rule. */
    public static final String TABLE_ALGORITHM = "unit_router_table";
    /** The name of the auditor in the generated rule. */
    public static final String AUDITOR = "unit_router_guard";

    private ShardingRules() {
    }

    /**
     * The rule.
     *
     * @param routerName the registry name of the router
     * @param layout the layout
     * @param dataSourceNames the data source names in database order
     * @param tables logical table to shard-key column, in declaration order
     * @param guard what the guard checks
     * @return the ShardingSphere rule configuration
     */
    public static ShardingRuleConfiguration create(String routerName, ShardLayout layout, List<String> dataSourceNames,
            Map<String, String> tables, Guard guard) {
        ShardingRuleConfiguration rule = new ShardingRuleConfiguration();
        boolean audited = guard.writeGuard() || guard.readPolicy() == ReadPolicy.REJECT;
        for (Map.Entry<String, String> table : tables.entrySet()) {
            List<String> nodes = new ArrayList<>();
            for (String dataSource : dataSourceNames) {
                for (int k = 0; k < layout.tablesPerDatabase(); k++) {
                    nodes.add(dataSource + "." + layout.physicalTable(table.getKey(), k));
                }
            }
            ShardingTableRuleConfiguration config = new ShardingTableRuleConfiguration(table.getKey(),
                    "<LITERAL>" + String.join(",", nodes));
            config.setDatabaseShardingStrategy(new StandardShardingStrategyConfiguration(table.getValue(),
                    DATABASE_ALGORITHM));
            config.setTableShardingStrategy(layout.tablesPerDatabase() > 1
                    ? new StandardShardingStrategyConfiguration(table.getValue(), TABLE_ALGORITHM)
                    : new NoneShardingStrategyConfiguration());
            if (audited) {
                config.setAuditStrategy(new ShardingAuditStrategyConfiguration(List.of(AUDITOR), false));
            }
            rule.getTables().add(config);
        }
        if (tables.size() > 1) {
            rule.getBindingTableGroups().add(new ShardingTableReferenceRuleConfiguration("unit_router_binding",
                    String.join(",", tables.keySet())));
        }
        rule.getShardingAlgorithms().put(DATABASE_ALGORITHM, new AlgorithmConfiguration(UnitShardingAlgorithm.TYPE,
                algorithmProps(routerName, layout, dataSourceNames, "database")));
        if (layout.tablesPerDatabase() > 1) {
            rule.getShardingAlgorithms().put(TABLE_ALGORITHM, new AlgorithmConfiguration(UnitShardingAlgorithm.TYPE,
                    algorithmProps(routerName, layout, dataSourceNames, "table")));
        }
        if (audited) {
            Properties props = new Properties();
            props.setProperty("router-name", routerName);
            props.setProperty("write-guard", Boolean.toString(guard.writeGuard()));
            props.setProperty("read-policy", guard.readPolicy().name().toLowerCase(Locale.ROOT));
            props.setProperty("allowed-routines", String.join(",", guard.allowedRoutines()));
            props.setProperty("allow-ddl", Boolean.toString(guard.allowDdl()));
            rule.getAuditors().put(AUDITOR, new AlgorithmConfiguration(UnitGuardAuditAlgorithm.TYPE, props));
        }
        return rule;
    }

    /**
     * What the write guard checks.
     *
     * @param writeGuard whether writes are guarded
     * @param readPolicy what to do with reads of other cells' shards
     * @param allowedRoutines routines statements may call besides the built-in functions
     * @param allowDdl whether DDL of tables the guard does not shard is allowed
     */
    public record Guard(boolean writeGuard, ReadPolicy readPolicy, List<String> allowedRoutines, boolean allowDdl) {

        /** Copies the routine list. */
        public Guard {
            allowedRoutines = List.copyOf(allowedRoutines);
        }
    }

    private static Properties algorithmProps(String routerName, ShardLayout layout, List<String> dataSourceNames,
            String target) {
        Properties props = new Properties();
        props.setProperty("router-name", routerName);
        props.setProperty("target", target);
        props.setProperty("databases", Integer.toString(layout.databases()));
        props.setProperty("tables-per-database", Integer.toString(layout.tablesPerDatabase()));
        props.setProperty("data-sources", String.join(",", dataSourceNames));
        return props;
    }
}
