package io.unitrouter.sharding.internal;

import io.unitrouter.sharding.FenceRow;
import io.unitrouter.sharding.FenceTriggers;
import io.unitrouter.sharding.ShardAccessRefusedException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fence claims ({@link FenceTriggers#claim}) that one database's physical connections hold, so that a
 * claim is sent once per physical connection and epoch rather than before every write: a pool hands the same
 * physical connection out again and again, and the session keeps the variable. Keyed weakly by the driver's
 * connection (behind the pool's proxy), so a connection the pool drops is forgotten, and kept for the whole
 * JVM, so that data sources sharing a pool know what each session really holds.
 *
 * <p>A claim is forgotten, and sent again by the next write, whenever the session may have lost it: after a
 * trigger refused a write (the session may have been reset), and on PostgreSQL after a transaction in which it
 * was sent did not commit (PostgreSQL undoes {@code set_config} with the transaction).
 *
 * <p>Thread-safe.
 */
public final class FenceClaim {

    /**
     * What the triggers' refusals say, in every dialect. The owner stands in brackets, since drivers add to the
     * message (H2 appends the statement); a MariaDB message is cut at 128 characters, and one whose owner was
     * cut is left as the driver reported it (still SQL state {@value ShardAccessRefusedException#SQLSTATE_FENCE}).
     */
    private static final Pattern REFUSAL = Pattern.compile("unit_fence refused shard group (\\d+) \\(claim (.*?)\\)"
            + " (?:no fence row|fence epoch (-?\\d+) owner \\[(.*)\\])");

    /**
     * JVM-wide rather than per data source: should two data sources (of two cells) share a pool, each must
     * know which claim a session really holds, or one would write with the other's claim.
     */
    private static final Map<Connection, String> HELD = Collections.synchronizedMap(new WeakHashMap<>());

    /** The claims of every database's sessions; there is one record, since driver connections differ. */
    static final FenceClaim SESSIONS = new FenceClaim();

    private FenceClaim() {
    }

    /** The claim the session of a driver connection holds, as far as this knows; {@code null} when none. */
    String heldBy(Connection physical) {
        return HELD.get(physical);
    }

    /** Notes that a session holds a claim. */
    void hold(Connection physical, String claim) {
        HELD.put(physical, claim);
    }

    /** Forgets a session's claim, so that the next write sends it. */
    void forget(Connection physical) {
        HELD.remove(physical);
    }

    /**
     * Sets a session's claim.
     *
     * @param raw the physical connection
     * @param dialect its database
     * @param claim the claim
     * @throws SQLException if the statement fails
     */
    static void send(Connection raw, FenceTriggers.Dialect dialect, String claim) throws SQLException {
        String sql = dialect == FenceTriggers.Dialect.POSTGRESQL
                ? "SELECT set_config('" + FenceTriggers.POSTGRESQL_SETTING + "', ?, false)"
                : "SET " + FenceTriggers.MYSQL_VARIABLE + " = ?";
        try (PreparedStatement s = raw.prepareStatement(sql)) {
            s.setString(1, claim);
            s.execute();
        }
    }

    /**
     * A trigger's refusal, in the words the MariaDB and PostgreSQL triggers use.
     *
     * @param group the shard group
     * @param claim the session's claim, or {@code null}
     * @param fence the fence row, or {@code null}
     * @return e.g. {@code unit_fence refused shard group 0 (claim 42:rz01) fence epoch 43 owner [rz02]}
     */
    static String refusalMessage(String group, String claim, FenceRow fence) {
        return "unit_fence refused shard group " + group + " (claim " + (claim == null ? "none" : claim) + ") "
                + (fence == null ? "no fence row" : "fence epoch " + fence.epoch() + " owner [" + fence.ownerCell() + "]");
    }

    /**
     * The trigger refusal behind a failed write, if that is what it is: SQL state
     * {@value ShardAccessRefusedException#SQLSTATE_FENCE} anywhere in the chain of causes and next exceptions.
     *
     * @param failure what the write threw
     * @return the refusal, or {@code null}
     */
    static Refusal refusal(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); ) {
            if (t instanceof SQLException sql && ShardAccessRefusedException.SQLSTATE_FENCE.equals(sql.getSQLState())
                    && !(sql.getCause() instanceof ShardAccessRefusedException)) {
                Matcher m = REFUSAL.matcher(String.valueOf(sql.getMessage()));
                if (m.find()) {
                    String claim = m.group(2).equals("none") ? null : m.group(2);
                    int group = Integer.parseInt(m.group(1));
                    FenceRow fence = m.group(3) == null ? null
                            : new FenceRow(group, m.group(4), Long.parseLong(m.group(3)));
                    return new Refusal(group, claim, fence);
                }
            }
            Throwable next = t.getCause();
            if (next == null && t instanceof SQLException sql) {
                next = sql.getNextException();
            }
            t = next;
        }
        return null;
    }

    /**
     * What a trigger refused.
     *
     * @param group the shard group
     * @param claim the claim the trigger saw, or {@code null} when the session had none
     * @param fence the fence row, or {@code null} when the group has none
     */
    record Refusal(int group, String claim, FenceRow fence) {
    }
}
