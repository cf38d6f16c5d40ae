package io.unitrouter.sharding.shardingsphere;

import io.unitrouter.core.Cell;
import io.unitrouter.core.ShardRange;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sharding.ReadPolicy;
import io.unitrouter.sharding.ReadRefusedException;
import io.unitrouter.sharding.ShardLayout;
import io.unitrouter.sharding.StatementRefusedException;
import io.unitrouter.sharding.UnitRouterRegistry;
import io.unitrouter.sharding.WriteRefusedException;
import io.unitrouter.sharding.internal.AlgorithmProperties;
import io.unitrouter.sharding.internal.AutoCommitScope;
import io.unitrouter.sharding.internal.Routines;
import io.unitrouter.sharding.internal.ShardCheck;
import io.unitrouter.sharding.internal.ShardingSphereRefusal;
import io.unitrouter.sharding.internal.SqlLexer;
import io.unitrouter.sharding.internal.StatementPolicy;
import io.unitrouter.sharding.internal.WrittenKeys;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.shardingsphere.infra.binder.context.statement.SQLStatementContext;
import org.apache.shardingsphere.infra.binder.context.type.TableAvailable;
import org.apache.shardingsphere.infra.datanode.DataNode;
import org.apache.shardingsphere.infra.hint.HintManager;
import org.apache.shardingsphere.infra.metadata.database.ShardingSphereDatabase;
import org.apache.shardingsphere.infra.metadata.database.rule.RuleMetaData;
import org.apache.shardingsphere.infra.session.query.QueryContext;
import org.apache.shardingsphere.sharding.api.config.strategy.sharding.ShardingStrategyConfiguration;
import org.apache.shardingsphere.sharding.api.config.strategy.sharding.StandardShardingStrategyConfiguration;
import org.apache.shardingsphere.sharding.route.engine.condition.ShardingCondition;
import org.apache.shardingsphere.sharding.route.engine.condition.engine.ShardingConditionEngine;
import org.apache.shardingsphere.sharding.route.engine.condition.value.ListShardingConditionValue;
import org.apache.shardingsphere.sharding.route.engine.condition.value.RangeShardingConditionValue;
import org.apache.shardingsphere.sharding.route.engine.condition.value.ShardingConditionValue;
import org.apache.shardingsphere.sharding.rule.ShardingRule;
import org.apache.shardingsphere.sharding.rule.ShardingTable;
import org.apache.shardingsphere.sharding.spi.ShardingAlgorithm;
import org.apache.shardingsphere.sharding.spi.ShardingAuditAlgorithm;
import org.apache.shardingsphere.sql.parser.statement.core.statement.SQLStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dal.ExplainStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.DMLStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.SelectStatement;

/**
 * ShardingSphere sharding auditor {@value #TYPE}: the in-memory write guard. It checks every statement twice,
 * both times after parsing and before routing, so that nothing of a refused statement reaches a database:
 * <ol>
 *   <li>for every statement, through {@link UnitStatementAuditor}: what kind of statement it is
 *       ({@link StatementPolicy}: only reads and writes it can check, calls of routines the team vouches for
 *       and, when allowed, DDL of unguarded tables), and whether a hint sends it to a database this cell does
 *       not wholly own;</li>
 *   <li>for every statement on a table sharded by this router ({@link #check}): the shard-key values of the
 *       rows it addresses, exactly as ShardingSphere's router will work them out (one per inserted row, per
 *       batch entry, per {@code IN} value, or a range), and the shard-key values it writes into rows
 *       ({@link WrittenKeys}), against the router's live routing table.</li>
 * </ol>
 * A write is refused when any shard it touches is owned by another cell or frozen (a write with no condition
 * on the shard key, or an unbounded range, counts as writing every shard); a SELECT is refused under
 * {@link ReadPolicy#REJECT} when any shard it reads is owned by another cell. Refusals reach the caller as an
 * {@link java.sql.SQLException} with SQL state {@code UR001} (not the owner), {@code UR002} (frozen),
 * {@code UR004} (read) or {@code UR006} (a statement the guard cannot prove safe), whose cause is a
 * {@link WriteRefusedException}, {@link ReadRefusedException} or {@link StatementRefusedException}.
 *
 * <p>Properties: {@code router-name} (required), {@code write-guard} ({@code true} by default),
 * {@code read-policy} ({@code allow} by default, or {@code reject}), {@code allowed-routines} (routines the
 * team vouches for, comma-separated; none by default), {@code allow-ddl} (DDL of tables this router does not
 * shard; {@code false} by default). Only tables sharded by {@link UnitShardingAlgorithm} with the same
 * {@code router-name} are checked.
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
    private Routines routines;
    private boolean allowDdl;
    private final Map<String, GuardedTable> tables = new ConcurrentHashMap<>();
    private final Map<SqlLexer.Dialect, StatementPolicy> policies = new ConcurrentHashMap<>();

    /**
     * Reads and checks the properties.
     *
     * @throws UnitRouterException naming a bad property, or when no router is registered under
     *     {@code router-name}, it has no local cell, or {@link UnitStatementAuditor} is not registered with
     *     ShardingSphere
     */
    @Override
    public void init(Properties props) {
        routerName = AlgorithmProperties.required(TYPE, props, "router-name");
        writeGuard = AlgorithmProperties.bool(TYPE, props, "write-guard", true);
        readPolicy = AlgorithmProperties.choice(TYPE, props, "read-policy", ReadPolicy.class, ReadPolicy.ALLOW);
        String allowed = AlgorithmProperties.optional(props, "allowed-routines");
        routines = Routines.allowing(allowed == null ? List.of() : Arrays.asList(allowed.split("\\s*,\\s*")));
        allowDdl = AlgorithmProperties.bool(TYPE, props, "allow-ddl", false);
        localCell(UnitRouterRegistry.lookup(routerName));
        UnitStatementAuditor.requireRegistered();
    }

    @Override
    public String getType() {
        return TYPE;
    }

    /** The name of the router whose rules this guard checks against. */
    public String routerName() {
        return routerName;
    }

    /**
     * Checks what kind of statement runs, where a hint sends it, and the shard-key values it writes.
     * {@link UnitStatementAuditor} calls it for every statement of the database, whatever tables it names.
     *
     * @param queryContext the statement as bound, its text, parameters and hints
     * @param statement the statement as parsed, before binding
     * @param database the logical database
     * @param rule its sharding rule, which holds this auditor
     * @throws ShardingSphereRefusal carrying the {@link StatementRefusedException} or
     *     {@link WriteRefusedException} that refuses the statement
     */
    public void audit(QueryContext queryContext, SQLStatement statement, ShardingSphereDatabase database,
            ShardingRule rule) {
        boolean write = !isRead(statement);
        boolean checksHints = write ? writeGuard : readPolicy == ReadPolicy.REJECT;
        if (!writeGuard && !checksHints) {
            return;
        }
        try {
            UnitRouter router = UnitRouterRegistry.lookup(routerName);
            RoutingTable table = router.table();
            String local = localCell(router).id();
            if (writeGuard) {
                // Reads too: a query can call a routine that writes, or hide a second statement.
                StatementPolicy.Verdict verdict = policy(database, rule).judge(queryContext.getSql(), statement);
                if (!verdict.allowed()) {
                    throw verdict.refusal(queryContext.getSql(), local, table.epoch());
                }
                if (write) {
                    checkWrittenKeys(queryContext, statement, rule, verdict, table, local);
                }
            }
            if (checksHints) {
                hints(queryContext, rule, table, local, write);
            }
        } catch (UnitRouterException e) {
            throw ShardingSphereRefusal.of(e);
        }
    }

    /**
     * Checks the shard-key values a write puts into rows of guarded tables, and that a write naming several
     * tables names only guarded tables bound together.
     */
    private void checkWrittenKeys(QueryContext queryContext, SQLStatement statement, ShardingRule rule,
            StatementPolicy.Verdict verdict, RoutingTable table, String local) {
        List<GuardedTable> guarded = guardedTables(rule, verdict.tableNames());
        if (guarded.isEmpty()) {
            return;
        }
        checkTablesRouteTogether(rule, verdict.tableNames(), guarded, table, local);
        List<Object> params = queryContext.getParameters() == null ? List.of() : queryContext.getParameters();
        WrittenKeys.Written written = WrittenKeys.of(queryContext.getSqlStatementContext(), statement, params,
                keyColumns(guarded), verdict.tables());
        if (written.unknown() != null) {
            throw StatementRefusedException.of(StatementRefusedException.Reason.UNKNOWN_KEY_VALUE,
                    "write to " + guarded.get(0).name(), written.unknown() + ", so the shard of the row cannot be known"
                            + " before the statement runs", null, local, table.epoch());
        }
        ShardCheck check = new ShardCheck(table, local, true);
        written.values().forEach(check::key);
    }

    /**
     * Checks the shard keys of a statement on a table this router shards.
     *
     * @throws ShardingSphereRefusal carrying the refusal
     */
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
        Collection<String> names = tableAvailable.getTablesContext().getTableNames();
        List<GuardedTable> guarded = guardedTables(rule, names);
        if (guarded.isEmpty()) {
            return;
        }
        List<Object> parameters = params == null ? List.of() : params;
        try {
            UnitRouter router = UnitRouterRegistry.lookup(routerName);
            RoutingTable table = router.table();
            String local = localCell(router).id();
            ShardCheck check = new ShardCheck(table, local, write);
            checkConditions(statementContext, parameters, globalRuleMetaData, database, rule, guarded, check);
            if (write && check.groupsTouched(databaseAlgorithm(rule).layout()) > 1) {
                AutoCommitScope.requireTransaction();
            }
        } catch (UnitRouterException e) {
            throw ShardingSphereRefusal.of(e);
        } catch (SQLException e) {
            throw ShardingSphereRefusal.of(new UnitRouterException("cannot open the transaction that makes a write"
                    + " spanning several shard groups all or nothing: " + e.getMessage(), e));
        }
    }

    private void checkConditions(SQLStatementContext statementContext, List<Object> params,
            RuleMetaData globalRuleMetaData, ShardingSphereDatabase database, ShardingRule rule,
            List<GuardedTable> guarded, ShardCheck check) {
        List<ShardingCondition> conditions = new ShardingConditionEngine(globalRuleMetaData, database, rule)
                .createShardingConditions(statementContext, params);
        if (conditions.isEmpty()) {
            check.everyShard(guarded.get(0).name(), guarded.get(0).column());
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
                    check.range(table.name(), table.column(), range.getValueRange());
                }
            }
            if (!keyed) {
                check.everyShard(guarded.get(0).name(), guarded.get(0).column());
            }
        }
    }

    /**
     * Refuses a write naming several tables unless they are all guarded and bound together, so that
     * ShardingSphere routes every one of them by the same shard key.
     */
    private static void checkTablesRouteTogether(ShardingRule rule, Collection<String> names,
            List<GuardedTable> guarded, RoutingTable table, String local) {
        Set<String> distinct = new HashSet<>();
        names.forEach(name -> distinct.add(name.toLowerCase(Locale.ROOT)));
        if (distinct.size() < 2) {
            return;
        }
        List<String> guardedNames = guarded.stream().map(GuardedTable::name).toList();
        for (String name : distinct) {
            if (guardedNames.stream().noneMatch(name::equalsIgnoreCase)) {
                throw StatementRefusedException.of(StatementRefusedException.Reason.MULTI_TABLE_WRITE, "write naming "
                        + distinct, "table " + name + " is not sharded by this cell's router, so the guard cannot tell"
                        + " which of its rows the statement reaches", null, local, table.epoch());
            }
        }
        if (!rule.isAllConfigBindingTables(guardedNames)) {
            throw StatementRefusedException.of(StatementRefusedException.Reason.MULTI_TABLE_WRITE, "write naming "
                    + distinct, "the tables are not bound together, so ShardingSphere may route them by different"
                    + " keys; declare them in one binding group", null, local, table.epoch());
        }
    }

    private void hints(QueryContext queryContext, ShardingRule rule, RoutingTable table, String local, boolean write) {
        if (!queryContext.getHintValueContext().getDisableAuditNames().isEmpty()) {
            throw StatementRefusedException.of(StatementRefusedException.Reason.DATA_SOURCE_HINT, "statement with the"
                    + " hint DISABLE_AUDIT_NAMES", "a hint may not switch auditors off", null, local, table.epoch());
        }
        Optional<String> hinted = HintManager.isInstantiated() && HintManager.getDataSourceName().isPresent()
                ? HintManager.getDataSourceName() : queryContext.getHintValueContext().findHintDataSourceName();
        if (hinted.isEmpty()) {
            return;
        }
        UnitShardingAlgorithm algorithm = databaseAlgorithm(rule);
        Set<String> dataSources = new HashSet<>();
        rule.getShardingTables().values().forEach(t -> dataSources.addAll(t.getActualDataSourceNames()));
        int database = algorithm.databaseIndexOf(hinted.get(), dataSources);
        String what = (write ? "write" : "read") + " sent by a hint to database " + hinted.get();
        if (database < 0) {
            throw StatementRefusedException.of(StatementRefusedException.Reason.DATA_SOURCE_HINT, what, "the guard"
                    + " cannot tell which shard groups that database holds", null, local, table.epoch());
        }
        ShardLayout layout = algorithm.layout();
        for (int t = 0; t < layout.tablesPerDatabase(); t++) {
            int group = layout.groupAt(database, t);
            ShardRange shards = layout.shardsOf(group, table.shards());
            for (int shard = shards.from(); shard <= shards.to(); shard++) {
                Cell owner = table.ownerOf(shard);
                boolean foreign = !owner.id().equals(local);
                if (foreign || write && table.isFrozen(shard)) {
                    throw StatementRefusedException.of(StatementRefusedException.Reason.DATA_SOURCE_HINT, what,
                            "the hint bypasses the sharding algorithm, and that database holds shard group " + group
                                    + " (shards " + shards + "), where shard " + shard + (foreign ? " is owned by "
                                    + owner.id() : " is frozen") + " at epoch " + table.epoch(), null, local,
                            table.epoch());
                }
            }
        }
    }

    private StatementPolicy policy(ShardingSphereDatabase database, ShardingRule rule) {
        SqlLexer.Dialect dialect = SqlLexer.Dialect.of(database.getProtocolType().getType());
        return policies.computeIfAbsent(dialect, d -> {
            Set<String> logical = new HashSet<>();
            Set<String> physical = new HashSet<>();
            for (Map.Entry<String, ShardingTable> entry : rule.getShardingTables().entrySet()) {
                if (describe(rule, entry.getKey()) == UNGUARDED) {
                    continue;
                }
                logical.add(entry.getKey().toLowerCase(Locale.ROOT));
                for (DataNode node : entry.getValue().getActualDataNodes()) {
                    physical.add(node.getTableName().toLowerCase(Locale.ROOT));
                }
            }
            physical.removeAll(logical);
            return new StatementPolicy(d, logical, physical, routines, allowDdl);
        });
    }

    private UnitShardingAlgorithm databaseAlgorithm(ShardingRule rule) {
        for (ShardingAlgorithm algorithm : rule.getShardingAlgorithms().values()) {
            if (algorithm instanceof UnitShardingAlgorithm unit && unit.routerName().equals(routerName)
                    && unit.picksDatabases()) {
                return unit;
            }
        }
        throw new UnitRouterException(TYPE + " guards tables sharded by " + UnitShardingAlgorithm.TYPE + " with router-name"
                + " '" + routerName + "', but the rule has no such database algorithm", Map.of("routerName", routerName),
                null);
    }

    private static boolean isRead(SQLStatement statement) {
        return statement instanceof SelectStatement || statement instanceof ExplainStatement explain
                && explain.getSqlStatement().filter(SelectStatement.class::isInstance).isPresent();
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
            if (table != UNGUARDED && !result.contains(table)) {
                result.add(table);
            }
        }
        return result;
    }

    private static Map<String, String> keyColumns(List<GuardedTable> guarded) {
        Map<String, String> result = new LinkedHashMap<>();
        for (GuardedTable table : guarded) {
            result.put(table.name().toLowerCase(Locale.ROOT), table.column().toLowerCase(Locale.ROOT));
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
            return new GuardedTable(shardingTable.get().getLogicTable(), standard.getShardingColumn());
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
}
