package io.unitrouter.sharding.internal;

import io.unitrouter.sharding.FenceRow;
import io.unitrouter.sharding.FenceTriggers;
import io.unitrouter.sharding.Fences;
import io.unitrouter.sharding.ShardAccessRefusedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.api.Trigger;

/**
 * The fence trigger of an H2 table ({@link FenceTriggers#ddl}): before each row is inserted, updated or
 * deleted it reads the claim ({@value FenceTriggers#MYSQL_VARIABLE}) and the group's fence row, with a row
 * lock in the write's transaction (H2 has no shared row lock), and refuses unless
 * {@link FenceTriggers#admits(FenceRow, String)}. The group comes from the trigger's name,
 * {@code unit_fence_<table>_g<group>}.
 *
 * <p>Public, unlike the rest of this package, because H2 creates it by name; and the name is stored in every H2
 * database whose triggers {@link FenceTriggers#create()} made, so it must not change.
 *
 * <p>H2 creates one instance per trigger and calls it from the writing session. Stateless after
 * {@link #init}, so thread-safe.
 */
public final class H2FenceTrigger implements Trigger {

    private static final Pattern GROUP = Pattern.compile("_G(\\d+)$", Pattern.CASE_INSENSITIVE);

    private String group;

    /** For H2, which creates the trigger by its class name. */
    public H2FenceTrigger() {
    }

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
            int type) throws SQLException {
        Matcher m = GROUP.matcher(triggerName);
        if (!m.find()) {
            throw new SQLException("fence trigger " + triggerName + " on " + tableName + " does not name its shard"
                    + " group (unit_fence_<table>_g<group>); create it with FenceTriggers", "UR000");
        }
        group = m.group(1);
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        String claim;
        try (PreparedStatement s = conn.prepareStatement("SELECT " + FenceTriggers.MYSQL_VARIABLE);
                ResultSet rs = s.executeQuery()) {
            claim = rs.next() ? rs.getString(1) : null;
        }
        FenceRow fence = null;
        try (PreparedStatement s = conn.prepareStatement("SELECT owner_cell, epoch FROM " + Fences.TABLE
                + " WHERE shard_group = ? FOR UPDATE")) {
            s.setString(1, group);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    fence = new FenceRow(Integer.parseInt(group), rs.getString(1), rs.getLong(2));
                }
            }
        }
        if (!FenceTriggers.admits(fence, claim)) {
            throw new SQLException(FenceClaim.refusalMessage(group, claim, fence),
                    ShardAccessRefusedException.SQLSTATE_FENCE);
        }
    }
}
