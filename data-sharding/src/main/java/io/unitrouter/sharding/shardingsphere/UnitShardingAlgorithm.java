package io.unitrouter.sharding.shardingsphere;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sharding.ShardLayout;
import io.unitrouter.sharding.UnitRouterRegistry;
import io.unitrouter.sharding.internal.AlgorithmProperties;
import io.unitrouter.sharding.internal.ShardKeys;
import io.unitrouter.sharding.internal.ShardingSphereRefusal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.shardingsphere.sharding.api.sharding.standard.PreciseShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.RangeShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.StandardShardingAlgorithm;

/**
 * ShardingSphere standard sharding algorithm {@value #TYPE}: maps the shard-key column's value through the
 * rule document's shard function to its shard, and the shard to the database or table of its group (see
 * {@link ShardLayout}). It reads the router's live routing table on every statement.
 *
 * <p>Properties:
 * <table>
 *   <caption>algorithm properties</caption>
 *   <tr><th>name</th><th>meaning</th></tr>
 *   <tr><td>{@code router-name}</td><td>required: the name the router is registered under in
 *       {@link UnitRouterRegistry}</td></tr>
 *   <tr><td>{@code target}</td><td>required: {@code database} for a database strategy, {@code table} for a
 *       table strategy</td></tr>
 *   <tr><td>{@code databases}</td><td>{@code M}, the number of databases; may be left out when
 *       {@code data-sources} is given</td></tr>
 *   <tr><td>{@code data-sources}</td><td>optional: the data source names in database order, comma-separated;
 *       without it, database {@code i} is the data source whose name ends with {@code _i}</td></tr>
 *   <tr><td>{@code tables-per-database}</td><td>{@code K}, default 1; table {@code k} of logical table
 *       {@code t} is {@code t_k}</td></tr>
 * </table>
 *
 * <p>A precise value routes to exactly one target. A range of integer keys up to 4096 keys wide routes to
 * the targets of the shards those keys map to; any other range routes to every target, as ShardingSphere's
 * own algorithms do. Errors (a malformed key, no registered router, a shard count that does not fit the
 * layout) reach the caller as an {@link java.sql.SQLException} with SQL state {@code UR000} whose cause is
 * the {@link UnitRouterException}.
 *
 * <p>Thread-safe after {@link #init}.
 */
public final class UnitShardingAlgorithm implements StandardShardingAlgorithm<Comparable<?>> {

    /** The SPI type name used in ShardingSphere configuration. */
    public static final String TYPE = "UNIT_ROUTER";

    /** What a strategy using this algorithm picks. */
    enum Target { DATABASE, TABLE }

    private String routerName;
    private Target target;
    private ShardLayout layout;
    private String[] dataSourceNames;
    private final Map<String, String[]> tableNames = new ConcurrentHashMap<>();

    /**
     * Reads and checks the properties.
     *
     * @throws UnitRouterException naming the bad property, or when no router is registered under
     *     {@code router-name}
     */
    @Override
    public void init(Properties props) {
        routerName = AlgorithmProperties.required(TYPE, props, "router-name");
        target = AlgorithmProperties.choice(TYPE, props, "target", Target.class, null);
        String names = AlgorithmProperties.optional(props, "data-sources");
        if (names != null) {
            dataSourceNames = names.split("\\s*,\\s*");
        }
        int databases = dataSourceNames != null && AlgorithmProperties.optional(props, "databases") == null
                ? dataSourceNames.length : AlgorithmProperties.number(TYPE, props, "databases", null);
        if (dataSourceNames != null && dataSourceNames.length != databases) {
            throw new UnitRouterException(TYPE + " property data-sources names " + dataSourceNames.length
                    + " data sources but databases is " + databases, Map.of("databases", databases), null);
        }
        layout = ShardLayout.of(databases, AlgorithmProperties.number(TYPE, props, "tables-per-database", 1));
        UnitRouterRegistry.lookup(routerName);
    }

    @Override
    public String getType() {
        return TYPE;
    }

    /** The layout read from the properties. */
    public ShardLayout layout() {
        return layout;
    }

    /** The name of the router this algorithm reads. */
    public String routerName() {
        return routerName;
    }

    /** Whether this algorithm picks databases (rather than tables). */
    public boolean picksDatabases() {
        return target == Target.DATABASE;
    }

    /**
     * The layout index of a data source, as this algorithm maps databases.
     *
     * @param dataSourceName a data source name
     * @param available every data source name of the rule
     * @return {@code 0..M-1}, or -1 when the data source is none of this algorithm's databases
     */
    public int databaseIndexOf(String dataSourceName, Collection<String> available) {
        for (int i = 0; i < layout.databases(); i++) {
            try {
                if (databaseName(i, available).equals(dataSourceName)) {
                    return i;
                }
            } catch (UnitRouterException e) {
                return -1;
            }
        }
        return -1;
    }

    @Override
    public String doSharding(Collection<String> availableTargetNames, PreciseShardingValue<Comparable<?>> value) {
        try {
            RoutingTable table = UnitRouterRegistry.lookup(routerName).table();
            int shard = ShardKeys.shardOf(table, value.getValue());
            int group = layout.groupOf(shard, table.shards());
            return target == Target.DATABASE
                    ? databaseName(layout.databaseOf(group), availableTargetNames)
                    : tableName(value.getLogicTableName(), layout.tableOf(group));
        } catch (UnitRouterException e) {
            throw ShardingSphereRefusal.of(e);
        }
    }

    @Override
    public Collection<String> doSharding(Collection<String> availableTargetNames,
            RangeShardingValue<Comparable<?>> value) {
        try {
            UnitRouter router = UnitRouterRegistry.lookup(routerName);
            RoutingTable table = router.table();
            BitSet shards = ShardKeys.shardsOf(table, value.getValueRange());
            if (shards == null) {
                layout.shardsPerGroup(table.shards());
                return availableTargetNames;
            }
            BitSet indexes = new BitSet();
            for (int s = shards.nextSetBit(0); s >= 0; s = shards.nextSetBit(s + 1)) {
                int group = layout.groupOf(s, table.shards());
                indexes.set(target == Target.DATABASE ? layout.databaseOf(group) : layout.tableOf(group));
            }
            List<String> result = new ArrayList<>(indexes.cardinality());
            for (int i = indexes.nextSetBit(0); i >= 0; i = indexes.nextSetBit(i + 1)) {
                String name = target == Target.DATABASE ? databaseName(i, availableTargetNames)
                        : tableName(value.getLogicTableName(), i);
                if (availableTargetNames.contains(name)) {
                    result.add(name);
                }
            }
            return result;
        } catch (UnitRouterException e) {
            throw ShardingSphereRefusal.of(e);
        }
    }

    private String databaseName(int index, Collection<String> available) {
        if (dataSourceNames != null) {
            return dataSourceNames[index];
        }
        String suffix = "_" + index;
        for (String name : available) {
            if (name.endsWith(suffix)) {
                return name;
            }
        }
        throw new UnitRouterException("no data source for database " + index + ": without the data-sources property, "
                + TYPE + " picks the data source whose name ends with '" + suffix + "', and none of " + available
                + " does", Map.of("database", index), null);
    }

    private String tableName(String logicTable, int index) {
        String[] names = tableNames.computeIfAbsent(logicTable, t -> {
            String[] all = new String[layout.tablesPerDatabase()];
            for (int k = 0; k < all.length; k++) {
                all[k] = layout.physicalTable(t, k);
            }
            return all;
        });
        return names[index];
    }
}
