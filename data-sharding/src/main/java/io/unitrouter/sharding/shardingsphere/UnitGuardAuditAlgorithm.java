package io.unitrouter.sharding.shardingsphere;

import io.unitrouter.core.Cell;
import io.unitrouter.core.RoutingTable;
import io.unitrouter.core.UnitRouter;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.sharding.ReadPolicy;
import io.unitrouter.sharding.ReadRefusedException;
import io.unitrouter.sharding.UnitRouterRegistry;
import io.unitrouter.sharding.WriteRefusedException;
import io.unitrouter.sharding.internal.AlgorithmProperties;
import io.unitrouter.sharding.internal.ShardKeys;
import io.unitrouter.sharding.internal.ShardingSphereRefusal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.shardingsphere.infra.binder.context.statement.SQLStatementContext;
import org.apache.shardingsphere.infra.binder.context.type.TableAvailable;
import org.apache.shardingsphere.infra.metadata.database.ShardingSphereDatabase;
import org.apache.shardingsphere.infra.metadata.database.rule.RuleMetaData;
import org.apache.shardingsphere.sharding.api.config.strategy.sharding.ShardingStrategyConfiguration;
import org.apache.shardingsphere.sharding.api.config.strategy.sharding.StandardShardingStrategyConfiguration;
import org.apache.shardingsphere.sharding.route.engine.condition.ShardingCondition;
import org.apache.shardingsphere.sharding.route.engine.condition.engine.ShardingConditionEngine;
import org.apache.shardingsphere.sharding.route.engine.condition.value.ListShardingConditionValue;
import org.apache.shardingsphere.sharding.route.engine.condition.value.RangeShardingConditionValue;
import org.apache.shardingsphere.sharding.route.engine.condition.value.ShardingConditionValue;
import org.apache.shardingsphere.sharding.rule.ShardingRule;
import org.apache.shardingsphere.sharding.rule.ShardingTable;
import org.apache.shardingsphere.sharding.spi.ShardingAuditAlgorithm;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.DMLStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.SelectStatement;

/**
 * ShardingSphere sharding auditor {@value #TYPE}: the in-memory write guard. ShardingSphere runs it on every
 * execution of every statement on a table whose audit strategy names it, after parsing and before routing,
 * so nothing has reached the database yet. It works out the shard-key values of the statement exactly as
 * ShardingSphere's router will (one per inserted row, per batch entry, per {@code IN} value, or a range) and
 * checks each against the router's live routing table:
 * <ul>
 *   <li>an INSERT, UPDATE or DELETE is refused when any shard it writes is owned by another cell or frozen;
 *       a write with no condition on the shard key, or an unbounded range, counts as writing every shard;</li>
 *   <li>a SELECT is refused under {@link ReadPolicy#REJECT} when any shard it reads is owned by another
 *       cell.</li>
 * </ul>
 * Refusals reach the caller as an {@link java.sql.SQLException} with SQL state {@code UR001} (not the owner),
 * {@code UR002} (frozen) or {@code UR004} (read), whose cause is a {@link WriteRefusedException} or
 * {@link ReadRefusedException}.
 *
 * <p>Properties: {@code router-name} (required), {@code write-guard} ({@code true} by default),
 * {@code read-policy} ({@code allow} by default, or {@code reject}). Only tables sharded by
 * {@link UnitShardingAlgorithm} with the same {@code router-name} are checked.
 *
 * <p>Thread-safe after {@link #init}.
 */
public final class UnitGuardAuditAlgorithm implements ShardingAuditAlgorithm {

    /** The SPI type name used in ShardingSphere configuration. */
    public static final String TYPE = "UNIT_ROUTER_GUARD";

    private static final GuardedTable UNGUARDED = new GuardedTable("", "");

    private String routerName;
    private boolean writeGuard;
    private ReadPolicy readPolicy;
    private final Map<String, GuardedTable> tables = new ConcurrentHashMap<>();

    /**
     * Reads and checks the properties.
     *
     * @throws UnitRouterException naming a bad property, or when no router is registered under
     *     {@code router-name}, or it has no local cell
     */
    @Override
    public void init(Properties props) {
        routerName = AlgorithmProperties.required(TYPE, props, "router-name");
        writeGuard = AlgorithmProperties.bool(TYPE, props, "write-guard", true);
        readPolicy = AlgorithmProperties.choice(TYPE, props, "read-policy", ReadPolicy.class, ReadPolicy.ALLOW);
        localCell(UnitRouterRegistry.lookup(routerName));
    }

    @Override
    public String getType() {
        return TYPE;
    }

    @Override
    public void check(SQLStatementContext statementContext, List<Object> params, RuleMetaData globalRuleMetaData,
            ShardingSphereDatabase database) {
        if (!(statementContext.getSqlStatement() instanceof DMLStatement)
                || !(statementContext instanceof TableAvailable tableAvailable)) {
            return;
        }
        boolean write = !(statementContext.getSqlStatement() instanceof SelectStatement);
        if (write ? !writeGuard : readPolicy == ReadPolicy.ALLOW) {
            return;
        }
        ShardingRule rule = database.getRuleMetaData().getSingleRule(ShardingRule.class);
        List<GuardedTable> guarded = guardedTables(rule, tableAvailable.getTablesContext().getTableNames());
        if (guarded.isEmpty()) {
            return;
        }
        try {
            UnitRouter router = UnitRouterRegistry.lookup(routerName);
            Check check = new Check(router.table(), localCell(router).id(), write);
            List<ShardingCondition> conditions = new ShardingConditionEngine(globalRuleMetaData, database, rule)
                    .createShardingConditions(statementContext, params == null ? List.of() : params);
            if (conditions.isEmpty()) {
                check.everyShard(guarded.get(0));
                return;
            }
            for (ShardingCondition condition : conditions) {
                boolean keyed = false;
                for (ShardingConditionValue value : condition.getValues()) {
                    GuardedTable table = match(guarded, value);
                    if (table == null) {
                        continue;
                    }
                    keyed = true;
                    if (value instanceof ListShardingConditionValue<?> list) {
                        for (Object key : list.getValues()) {
                            check.key(key);
                        }
                    } else if (value instanceof RangeShardingConditionValue<?> range) {
                        check.range(table, range);
                    }
                }
                if (!keyed) {
                    check.everyShard(guarded.get(0));
                }
            }
        } catch (UnitRouterException e) {
            throw ShardingSphereRefusal.of(e);
        }
    }

    private Cell localCell(UnitRouter router) {
        return router.localCell().orElseThrow(() -> new UnitRouterException(TYPE + " needs to know the local cell, but"
                + " the router registered under '" + routerName + "' has none; build it with localCell(\"...\")",
                Map.of("routerName", routerName), null));
    }

    private List<GuardedTable> guardedTables(ShardingRule rule, Collection<String> names) {
        List<GuardedTable> result = new ArrayList<>(names.size());
        for (String name : names) {
            GuardedTable table = tables.computeIfAbsent(name, n -> describe(rule, n));
            if (table != UNGUARDED) {
                result.add(table);
            }
        }
        return result;
    }

    private GuardedTable describe(ShardingRule rule, String name) {
        Optional<ShardingTable> shardingTable = rule.findShardingTable(name);
        if (shardingTable.isEmpty()) {
            return UNGUARDED;
        }
        ShardingStrategyConfiguration strategy = rule.getDatabaseShardingStrategyConfiguration(shardingTable.get());
        if (strategy instanceof StandardShardingStrategyConfiguration standard
                && rule.getShardingAlgorithms().get(standard.getShardingAlgorithmName())
                        instanceof UnitShardingAlgorithm algorithm
                && algorithm.routerName().equals(routerName)) {
            return new GuardedTable(name, standard.getShardingColumn());
        }
        return UNGUARDED;
    }

    private static GuardedTable match(List<GuardedTable> guarded, ShardingConditionValue value) {
        for (GuardedTable table : guarded) {
            if (table.name().equalsIgnoreCase(value.getTableName())
                    && table.column().equalsIgnoreCase(value.getColumnName())) {
                return table;
            }
        }
        return null;
    }

    /** A logical table sharded by this auditor's router, and its shard-key column. */
    private record GuardedTable(String name, String column) {
    }

    /** The checks of one statement, against one routing table. */
    private static final class Check {

        private final RoutingTable table;
        private final String local;
        private final boolean write;

        Check(RoutingTable table, String local, boolean write) {
            this.table = table;
            this.local = local;
            this.write = write;
        }

        void key(Object value) {
            int shard = ShardKeys.shardOf(table, value);
            Cell owner = table.ownerOf(shard);
            boolean foreign = !owner.id().equals(local);
            if (write && (foreign || table.isFrozen(shard))) {
                throw WriteRefusedException.forKey(ShardKeys.text(value), shard, owner.id(), !foreign, local,
                        table.epoch());
            }
            if (!write && foreign) {
                throw ReadRefusedException.forKey(ShardKeys.text(value), shard, owner.id(), local, table.epoch());
            }
        }

        void range(GuardedTable guarded, RangeShardingConditionValue<?> range) {
            BitSet shards = ShardKeys.shardsOf(table, range.getValueRange());
            String what = guarded.name() + " rows with " + guarded.column() + " in " + range.getValueRange()
                    + (shards == null ? " (every shard)" : "");
            if (shards == null) {
                shards = new BitSet(table.shards());
                shards.set(0, table.shards());
            }
            shards(what, shards);
        }

        void everyShard(GuardedTable guarded) {
            BitSet all = new BitSet(table.shards());
            all.set(0, table.shards());
            shards(guarded.name() + " rows with no condition on " + guarded.column() + " (every shard)", all);
        }

        private void shards(String what, BitSet shards) {
            for (int shard = shards.nextSetBit(0); shard >= 0; shard = shards.nextSetBit(shard + 1)) {
                Cell owner = table.ownerOf(shard);
                boolean foreign = !owner.id().equals(local);
                if (write && (foreign || table.isFrozen(shard))) {
                    throw WriteRefusedException.forShards(what, shard, owner.id(), !foreign, local,
                            table.epoch());
                }
                if (!write && foreign) {
                    throw ReadRefusedException.forShards(what, shard, owner.id(), local, table.epoch());
                }
            }
        }
    }
}
