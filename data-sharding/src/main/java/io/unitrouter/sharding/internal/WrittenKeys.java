package io.unitrouter.sharding.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.shardingsphere.infra.binder.context.segment.insert.values.InsertValueContext;
import org.apache.shardingsphere.infra.binder.context.statement.SQLStatementContext;
import org.apache.shardingsphere.infra.binder.context.statement.dml.InsertStatementContext;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.assignment.ColumnAssignmentSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.column.ColumnSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.column.OnDuplicateKeyColumnsSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.expr.ExpressionSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.expr.FunctionSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.expr.simple.LiteralExpressionSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.expr.simple.ParameterMarkerExpressionSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.item.ExpressionProjectionSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.item.ProjectionSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.generic.table.SimpleTableSegment;
import org.apache.shardingsphere.sql.parser.statement.core.statement.SQLStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.InsertStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.SelectStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.UpdateStatement;

/**
 * The shard-key values a write puts into rows, as opposed to the keys of the rows it addresses (which the
 * sharding conditions give): the key of every inserted row, also when the rows come from a SELECT; a key
 * that an UPDATE assigns; a key that {@code ON DUPLICATE KEY UPDATE} or {@code ON CONFLICT ... DO UPDATE}
 * assigns. Each must be a literal or a parameter, so that the guard can check it before the statement runs;
 * any other expression (a column of the selected rows, a subquery, a function, a variable) makes the value
 * unknowable, and the guard refuses the statement.
 *
 * <p>Stateless and thread-safe.
 */
public final class WrittenKeys {

    private static final Object UNKNOWN = new Object();

    private WrittenKeys() {
    }

    /**
     * The shard-key values a statement writes.
     *
     * @param context the statement as ShardingSphere bound it, for the inserted columns and rows
     * @param statement the statement as ShardingSphere parsed it, for its clauses (binding may drop some, such
     *     as PostgreSQL's {@code ON CONFLICT})
     * @param params its parameters
     * @param keyColumns lower-case guarded logical table to its lower-case shard-key column
     * @param tables every table and alias of the statement, lower-case, to its table's name
     * @return the values, or why they cannot be known
     */
    public static Written of(SQLStatementContext context, SQLStatement statement, List<Object> params,
            Map<String, String> keyColumns, Map<String, String> tables) {
        Written written = new Written();
        if (statement instanceof InsertStatement insert && context instanceof InsertStatementContext bound) {
            insert(bound, insert, params, keyColumns, written);
        } else if (statement instanceof UpdateStatement update) {
            assignments(update.getSetAssignment().getAssignments(), tables, params, keyColumns, written,
                    "UPDATE ... SET");
        }
        return written;
    }

    private static void insert(InsertStatementContext bound, InsertStatement statement, List<Object> params,
            Map<String, String> keyColumns, Written written) {
        Optional<SimpleTableSegment> table = statement.getTable();
        if (table.isEmpty()) {
            return;
        }
        String tableName = name(table.get());
        String keyColumn = keyColumns.get(tableName);
        if (keyColumn == null) {
            return;
        }
        int index = indexOf(bound.getInsertColumnNames(), keyColumn);
        if (index < 0) {
            written.unknown("the inserted columns do not include the shard-key column " + keyColumn);
            return;
        }
        if (statement.getInsertSelect().isPresent()) {
            insertSelect(statement.getInsertSelect().get().getSelect(), index, keyColumn, params, written);
        } else {
            for (InsertValueContext row : bound.getInsertValueContexts()) {
                ExpressionSegment value = row.getValueExpressions().get(index);
                if (value instanceof LiteralExpressionSegment || value instanceof ParameterMarkerExpressionSegment) {
                    written.values.add(row.getLiteralValue(index).orElse(null));
                } else {
                    written.unknown("the inserted value of " + keyColumn + " is an expression (" + text(value) + ")");
                }
            }
        }
        Optional<OnDuplicateKeyColumnsSegment> onDuplicate = statement.getOnDuplicateKeyColumns();
        onDuplicate.ifPresent(segment -> assignments(segment.getColumns(), Map.of(tableName, tableName), params,
                keyColumns, written, "ON DUPLICATE KEY UPDATE / ON CONFLICT DO UPDATE"));
    }

    private static void insertSelect(SelectStatement select, int index, String keyColumn, List<Object> params,
            Written written) {
        if (select.getCombine().isPresent()) {
            written.unknown("the rows are inserted from a UNION of queries");
            return;
        }
        List<ProjectionSegment> projections = new ArrayList<>(select.getProjections().getProjections());
        if (index >= projections.size()) {
            written.unknown("the inserted value of " + keyColumn + " comes from the selected rows");
            return;
        }
        Object value = valueOf(projections.get(index), params);
        if (value == UNKNOWN) {
            written.unknown("the inserted value of " + keyColumn + " comes from the selected rows, not from a literal"
                    + " or a parameter");
        } else {
            written.values.add(value);
        }
    }

    private static void assignments(Collection<ColumnAssignmentSegment> assignments, Map<String, String> aliases,
            List<Object> params, Map<String, String> keyColumns, Written written, String clause) {
        for (ColumnAssignmentSegment assignment : assignments) {
            for (ColumnSegment column : assignment.getColumns()) {
                String columnName = column.getIdentifier().getValue().toLowerCase(Locale.ROOT);
                String table = column.getOwner().map(o -> aliases.get(o.getIdentifier().getValue()
                        .toLowerCase(Locale.ROOT))).orElse(null);
                boolean key = table == null ? keyColumns.containsValue(columnName) && aliases.values().stream()
                        .anyMatch(t -> columnName.equals(keyColumns.get(t))) : columnName.equals(keyColumns.get(table));
                if (!key) {
                    continue;
                }
                if (assignment.getColumns().size() > 1) {
                    written.unknown(clause + " assigns " + columnName + " together with other columns");
                } else if (keepsTheKey(assignment.getValue(), columnName, table, aliases)) {
                    continue;
                } else {
                    Object value = valueOf(assignment.getValue(), params);
                    if (value == UNKNOWN) {
                        written.unknown(clause + " assigns " + columnName + " an expression (" + text(assignment.getValue())
                                + "), not a literal or a parameter");
                    } else {
                        written.values.add(value);
                    }
                }
            }
        }
    }

    /**
     * Whether an assigned value leaves the key as it is, or sets it to the key of the row being inserted
     * ({@code user_id = user_id}, {@code VALUES(user_id)}, {@code EXCLUDED.user_id}), which the guard checks
     * already.
     */
    private static boolean keepsTheKey(ExpressionSegment value, String keyColumn, String table,
            Map<String, String> aliases) {
        if (value instanceof ColumnSegment column) {
            if (!column.getIdentifier().getValue().equalsIgnoreCase(keyColumn)) {
                return false;
            }
            String owner = column.getOwner().map(o -> o.getIdentifier().getValue().toLowerCase(Locale.ROOT)).orElse(null);
            return owner == null || owner.equals("excluded") || table != null && table.equals(aliases.get(owner));
        }
        if (value instanceof FunctionSegment function && Routines.normalize(function.getFunctionName()).equals("values")
                && function.getParameters().size() == 1
                && function.getParameters().iterator().next() instanceof ColumnSegment column) {
            return column.getIdentifier().getValue().equalsIgnoreCase(keyColumn) && column.getOwner().isEmpty();
        }
        return false;
    }

    private static Object valueOf(Object expression, List<Object> params) {
        Object inner = expression instanceof ExpressionProjectionSegment projection ? projection.getExpr() : expression;
        if (inner instanceof LiteralExpressionSegment literal) {
            return literal.getLiterals();
        }
        if (inner instanceof ParameterMarkerExpressionSegment marker) {
            int index = marker.getParameterMarkerIndex();
            return index < params.size() ? params.get(index) : UNKNOWN;
        }
        return UNKNOWN;
    }

    private static String name(SimpleTableSegment table) {
        return table.getTableName().getIdentifier().getValue().toLowerCase(Locale.ROOT);
    }

    private static int indexOf(List<String> columns, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    private static String text(Object segment) {
        try {
            Object text = segment.getClass().getMethod("getText").invoke(segment);
            return String.valueOf(text);
        } catch (ReflectiveOperationException e) {
            return segment.getClass().getSimpleName();
        }
    }

    /** The key values a statement writes, and why some cannot be known. */
    public static final class Written {

        private final List<Object> values = new ArrayList<>();
        private String unknown;

        private void unknown(String why) {
            if (unknown == null) {
                unknown = why;
            }
        }

        /** The key values written; check each. */
        public List<Object> values() {
            return values;
        }

        /** Why a written key cannot be known before the statement runs, or {@code null}. */
        public String unknown() {
            return unknown;
        }
    }
}
