package io.unitrouter.sharding.internal;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dml.expr.FunctionSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.generic.AliasSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.generic.table.SimpleTableSegment;
import org.apache.shardingsphere.sql.parser.statement.core.statement.SQLStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.DeleteStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.InsertStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.UpdateStatement;

/**
 * Everything of interest to the guard anywhere in a statement that ShardingSphere parsed: every function
 * call, every table reference, and every write nested inside the statement (a data-modifying common table
 * expression, say). The statement classes differ per dialect and keep such things in many places (select
 * items, conditions, assignments, joins, subqueries, window clauses...), so the whole object graph below
 * the statement is visited, field by field, rather than the places the guard happens to know of.
 *
 * <p>Thread-safe; the field lists of each class are cached.
 */
final class ParseTree {

    private static final String SEGMENT_PACKAGE = "org.apache.shardingsphere.sql.parser.statement";
    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private final List<FunctionSegment> functions = new ArrayList<>();
    private final List<SimpleTableSegment> tables = new ArrayList<>();
    private final List<SQLStatement> nestedWrites = new ArrayList<>();
    private final Set<String> aliases = new java.util.HashSet<>();
    private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private ParseTree() {
    }

    /**
     * Visits a statement.
     *
     * @param statement a statement ShardingSphere parsed
     * @return what it holds
     * @throws IllegalStateException if a field cannot be read (the guard then refuses the statement)
     */
    static ParseTree of(SQLStatement statement) {
        ParseTree tree = new ParseTree();
        tree.seen.add(statement);
        tree.visitFields(statement);
        return tree;
    }

    /** Every function call, in no particular order. */
    List<FunctionSegment> functions() {
        return functions;
    }

    /** Every table reference, in no particular order. */
    List<SimpleTableSegment> tables() {
        return tables;
    }

    /** Every alias (of a table, a subquery, a common table expression or an item), lower-case. */
    Set<String> aliases() {
        return aliases;
    }

    /** Every INSERT, UPDATE or DELETE below the statement itself. */
    List<SQLStatement> nestedWrites() {
        return nestedWrites;
    }

    private void visit(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof Enum<?> || !seen.add(value)) {
            return;
        }
        if (value instanceof Optional<?> optional) {
            optional.ifPresent(this::visit);
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(this::visit);
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(this::visit);
        } else if (value.getClass().isArray()) {
            if (!value.getClass().getComponentType().isPrimitive()) {
                for (int i = 0; i < Array.getLength(value); i++) {
                    visit(Array.get(value, i));
                }
            }
        } else if (value.getClass().getName().startsWith(SEGMENT_PACKAGE)) {
            note(value);
            visitFields(value);
        } else if (value instanceof com.google.common.collect.Multimap<?, ?> multimap) {
            multimap.values().forEach(this::visit);
        }
    }

    private void note(Object segment) {
        if (segment instanceof FunctionSegment function) {
            functions.add(function);
        } else if (segment instanceof SimpleTableSegment table) {
            tables.add(table);
        } else if (segment instanceof AliasSegment alias && alias.getIdentifier() != null) {
            aliases.add(alias.getIdentifier().getValue().toLowerCase(java.util.Locale.ROOT));
        } else if (segment instanceof InsertStatement || segment instanceof UpdateStatement
                || segment instanceof DeleteStatement) {
            nestedWrites.add((SQLStatement) segment);
        }
    }

    private void visitFields(Object segment) {
        for (Field field : fields(segment.getClass())) {
            try {
                visit(field.get(segment));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + field + " of the parsed statement", e);
            }
        }
    }

    private static List<Field> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            List<Field> result = new ArrayList<>();
            for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
                        field.setAccessible(true);
                        result.add(field);
                    }
                }
            }
            return List.copyOf(result);
        });
    }
}
