package io.unitrouter.sharding.internal;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sharding.FenceMode;
import io.unitrouter.sharding.ShardLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the fence wrappers of one sharded data source share: the live router, the local cell, the layout,
 * the guarded physical tables and how the fence is checked.
 *
 * <p>Immutable and thread-safe.
 *
 * @param router the router whose table is read on every write
 * @param localCell this cell's id
 * @param layout the layout
 * @param tableIndexes lower-case name of every guarded physical table to its table index {@code 0..K-1}
 * @param mode how guarded writes check the fence
 */
public record FenceContext(UnitRouter router, String localCell, ShardLayout layout, Map<String, Integer> tableIndexes,
        FenceMode mode) {

    /** Copies the table map. */
    public FenceContext {
        tableIndexes = Map.copyOf(tableIndexes);
        Objects.requireNonNull(mode, "mode");
    }

    /**
     * A context for some logical tables whose writes read the fence themselves ({@link FenceMode#STATEMENT}).
     *
     * @param router the router
     * @param localCell this cell
     * @param layout the layout
     * @param logicTables the guarded logical tables
     * @return the context
     */
    public static FenceContext of(UnitRouter router, String localCell, ShardLayout layout, List<String> logicTables) {
        return of(router, localCell, layout, logicTables, FenceMode.STATEMENT);
    }

    /**
     * A context for some logical tables.
     *
     * @param router the router
     * @param localCell this cell
     * @param layout the layout
     * @param logicTables the guarded logical tables
     * @param mode how guarded writes check the fence
     * @return the context
     */
    public static FenceContext of(UnitRouter router, String localCell, ShardLayout layout, List<String> logicTables,
            FenceMode mode) {
        Map<String, Integer> physical = new HashMap<>();
        for (String logic : logicTables) {
            for (int k = 0; k < layout.tablesPerDatabase(); k++) {
                physical.put(layout.physicalTable(logic, k).toLowerCase(Locale.ROOT), k);
            }
        }
        return new FenceContext(router, localCell, layout, physical, mode);
    }
}
