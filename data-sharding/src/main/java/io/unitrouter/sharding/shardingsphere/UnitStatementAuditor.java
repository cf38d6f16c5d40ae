package io.unitrouter.sharding.shardingsphere;

import io.unitrouter.core.UnitRouterException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.shardingsphere.infra.database.core.type.DatabaseType;
import org.apache.shardingsphere.infra.parser.SQLParserEngine;
import org.apache.shardingsphere.infra.executor.audit.SQLAuditor;
import org.apache.shardingsphere.infra.metadata.database.ShardingSphereDatabase;
import org.apache.shardingsphere.infra.metadata.database.rule.RuleMetaData;
import org.apache.shardingsphere.infra.session.query.QueryContext;
import org.apache.shardingsphere.infra.spi.type.ordered.OrderedSPILoader;
import org.apache.shardingsphere.parser.rule.SQLParserRule;
import org.apache.shardingsphere.sharding.rule.ShardingRule;
import org.apache.shardingsphere.sharding.spi.ShardingAuditAlgorithm;
import org.apache.shardingsphere.sql.parser.statement.core.statement.SQLStatement;

/**
 * Hands every statement of a database to its {@link UnitGuardAuditAlgorithm write guards}, whatever tables
 * it names. ShardingSphere runs sharding auditors only for statements on sharded tables; a transaction
 * statement, a routine call or a statement on a physical table names none, yet can write past the guard.
 * ShardingSphere runs this SQL auditor on every statement, after parsing and before routing.
 *
 * <p>The guards judge the statement as ShardingSphere parsed it, before binding: binding copies the
 * statement and may drop clauses (PostgreSQL's {@code ON CONFLICT}, in 5.5.2), which still reach the
 * database in the statement's text. The text is parsed again with the rule's parser, one per database type
 * whose statement cache makes that a lookup.
 *
 * <p>It is registered as a {@code SQLAuditor} service for ShardingSphere's SQL parser rule, which every
 * ShardingSphere instance has (ShardingSphere keeps one auditor per rule type, and the sharding rule's is its
 * own). Thread-safe.
 */
public final class UnitStatementAuditor implements SQLAuditor<SQLParserRule> {

    /** Below ShardingSphere's own orders, which start at 0. */
    private static final int ORDER = -7_300;

    private static final Map<DatabaseType, SQLParserEngine> PARSERS = new ConcurrentHashMap<>();

    @Override
    public void audit(QueryContext queryContext, RuleMetaData globalRuleMetaData, ShardingSphereDatabase database,
            SQLParserRule rule) {
        ShardingRule sharding = database.getRuleMetaData().findSingleRule(ShardingRule.class).orElse(null);
        if (sharding == null) {
            return;
        }
        SQLStatement parsed = null;
        for (ShardingAuditAlgorithm auditor : sharding.getAuditors().values()) {
            if (auditor instanceof UnitGuardAuditAlgorithm guard) {
                if (parsed == null) {
                    parsed = PARSERS.computeIfAbsent(database.getProtocolType(), rule::getSQLParserEngine)
                            .parse(queryContext.getSql(), true);
                }
                guard.audit(queryContext, parsed, database, sharding);
            }
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Class<SQLParserRule> getTypeClass() {
        return SQLParserRule.class;
    }

    /**
     * Checks that ShardingSphere will run this auditor, without which the write guard would see only
     * statements on sharded tables.
     *
     * @throws UnitRouterException if it is not registered as a {@code SQLAuditor} service
     */
    static void requireRegistered() {
        for (SQLAuditor<?> auditor : OrderedSPILoader.getServices(SQLAuditor.class)) {
            if (auditor instanceof UnitStatementAuditor) {
                return;
            }
        }
        throw new UnitRouterException(UnitGuardAuditAlgorithm.TYPE + " needs " + UnitStatementAuditor.class.getName()
                + " registered in META-INF/services/" + SQLAuditor.class.getName() + " (data-sharding's jar has it;"
                + " keep it when repackaging)", Map.of("service", SQLAuditor.class.getName()), null);
    }
}
