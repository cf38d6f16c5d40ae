package io.unitrouter.sample.bank.support;

import java.util.List;

/**
 * The bank's tables, as one statement list per kind of database. The statements run on H2 (in MySQL mode) and
 * on MariaDB alike, and are idempotent ({@code IF NOT EXISTS}), so a process may apply them at every start.
 *
 * <p>Every row a cell writes carries the cell and the epoch it wrote under ({@code writer_cell},
 * {@code writer_epoch}), so that an auditor can check each write against the rules in force at that epoch.
 */
public final class BankSchema {

    /** One account per user; {@code user_id} is the routing key and the shard key. */
    public static final String ACCOUNT = "t_account";

    /**
     * The ledger: one entry per balance change. {@code entry_kind} is {@code D} (debit of the payer), {@code C}
     * (credit of the payee) or {@code R} (refund of the payer after a failed credit). The primary key makes each
     * step of a transfer happen at most once.
     */
    public static final String ENTRY = "t_entry";

    /** The payer's side of a transfer across cells: the saga's state and the outbox of the credit to send. */
    public static final String OUTBOX = "t_outbox";

    /** Global data: currency rates, written by the active GZone only. */
    public static final String RATE = "t_rate";

    /** The sharded tables, each with its shard-key column {@code user_id}. */
    public static final List<String> SHARDED_TABLES = List.of(ACCOUNT, ENTRY, OUTBOX);

    /** Outbox status: the credit has not been confirmed yet. */
    public static final String PENDING = "P";

    /** Outbox status: the payee's cell confirmed the credit. */
    public static final String SENT = "S";

    /** Outbox status: the credit was refused for good and the payer was refunded. */
    public static final String COMPENSATED = "X";

    /** The classpath resource of the bank's rule document (three cities, five data centers, epoch 1). */
    public static final String RULES_RESOURCE = "/io/unitrouter/sample/bank/support/bank-rules.yaml";

    /** Shard groups, one database each: 100 shards in groups of 20. */
    public static final int SHARD_GROUPS = 5;

    private BankSchema() {
    }

    /** The bank's rule document as YAML text. */
    public static String rules() {
        try (java.io.InputStream in = BankSchema.class.getResourceAsStream(RULES_RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + RULES_RESOURCE, e);
        }
    }

    /** The tables of one shard group's database (the fence table comes from {@code data-sharding}). */
    public static List<String> shardDatabase() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS t_account (user_id BIGINT NOT NULL PRIMARY KEY, balance BIGINT NOT NULL,"
                        + " writer_cell VARCHAR(16) NOT NULL, writer_epoch BIGINT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS t_entry (transfer_id BIGINT NOT NULL, entry_kind CHAR(1) NOT NULL,"
                        + " user_id BIGINT NOT NULL, counterparty BIGINT NOT NULL, amount BIGINT NOT NULL,"
                        + " writer_cell VARCHAR(16) NOT NULL, writer_epoch BIGINT NOT NULL,"
                        + " PRIMARY KEY (transfer_id, entry_kind))",
                "CREATE TABLE IF NOT EXISTS t_outbox (transfer_id BIGINT NOT NULL PRIMARY KEY, user_id BIGINT NOT NULL,"
                        + " payee BIGINT NOT NULL, amount BIGINT NOT NULL, status CHAR(1) NOT NULL,"
                        + " created_at BIGINT NOT NULL, writer_cell VARCHAR(16) NOT NULL, writer_epoch BIGINT NOT NULL)");
    }

    /** The tables of the global database. */
    public static List<String> globalDatabase() {
        return List.of("CREATE TABLE IF NOT EXISTS t_rate (currency CHAR(3) NOT NULL PRIMARY KEY,"
                + " rate_micros BIGINT NOT NULL, writer_cell VARCHAR(16) NOT NULL, writer_epoch BIGINT NOT NULL)");
    }
}
