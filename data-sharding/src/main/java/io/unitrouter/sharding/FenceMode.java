package io.unitrouter.sharding;

/**
 * How the database fence checks a guarded write; see {@code docs/data-sharding.md}, "Trigger mode". Both
 * modes need {@code fence(true)} (and with it the write guard and a {@value Fences#TABLE} table in every
 * database), and both refuse exactly the same writes: those whose shard group's fence row does not
 * {@linkplain FenceRow#admits(String, long) admit} this cell at the epoch of its rules.
 */
public enum FenceMode {

    /**
     * The default. The guarded connection reads the group's fence row with a shared lock in the write's
     * transaction before the write: an auto-commit write becomes {@code START TRANSACTION} + locking read,
     * the write, {@code COMMIT}. Needs nothing in the databases besides the fence table.
     */
    STATEMENT,

    /**
     * Row triggers on every guarded physical table check the fence inside the write itself, against a
     * claim ({@code <epoch>:<cell>}) that the guarded connection sets once per physical connection and
     * epoch: an auto-commit write stays one statement. Needs the triggers ({@link FenceTriggers#create()}),
     * which {@code build()} checks, on MariaDB, PostgreSQL 14+ or H2; with them, every session that sets no
     * claim (one that did not go through unit-router) is refused, except one that sets the maintenance claim
     * ({@value FenceTriggers#MAINTENANCE_CLAIM}).
     */
    TRIGGER
}
