package io.unitrouter.sample.bank.cell;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sample.bank.support.BankSchema;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RZone's tables: accounts, ledger entries and the outbox, reached through the guarded data source. Every
 * statement names the shard key ({@code user_id}), so it goes to one shard group and the write guard can check
 * it; every write records this cell and the epoch it ran under.
 */
final class Ledger {

    /** A transfer whose credit has not been confirmed, read from the outbox. */
    record Pending(long transferId, long payer, long payee, long amount) {
    }

    /** Who writes: this cell, at the epoch in force for the whole transaction. */
    record Writer(String cell, long epoch) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final UnitRouter router;
    private final String cell;

    Ledger(JdbcTemplate jdbc, TransactionTemplate transactions, UnitRouter router) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.router = router;
        this.cell = router.localCell().orElseThrow(() -> new IllegalStateException(
                "an RZone needs unit-router.local-cell")).id();
    }

    /** This cell's id. */
    String cell() {
        return cell;
    }

    /**
     * Runs {@code work} in one transaction. The epoch is read before and after: if the rules changed in between,
     * the transaction rolls back, so the epoch recorded on every row is the one the write guard checked.
     *
     * @throws RetryableException if the rules changed during the transaction (nothing was written)
     * @throws BusinessRefusal if {@code work} refused (nothing was written)
     */
    <T> T inTransaction(Function<Writer, T> work) {
        return transactions.execute(status -> {
            long epoch = router.table().epoch();
            T result = work.apply(new Writer(cell, epoch));
            long after = router.table().epoch();
            if (after != epoch) {
                throw new RetryableException("the rules changed from epoch " + epoch + " to " + after
                        + " during the transaction; nothing was written");
            }
            return result;
        });
    }

    /** The balance of an account, if it exists. */
    Optional<Long> balance(long user) {
        List<Long> rows = jdbc.queryForList("SELECT balance FROM t_account WHERE user_id = ?", Long.class, user);
        return rows.stream().findFirst();
    }

    /** Whether a ledger entry of a transfer exists on an account. */
    boolean hasEntry(long transferId, String kind, long user) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM t_entry WHERE transfer_id = ? AND entry_kind = ?"
                + " AND user_id = ?", Integer.class, transferId, kind, user);
        return count != null && count > 0;
    }

    /** The outbox status of a transfer of a payer, if it went across cells. */
    Optional<String> outboxStatus(long transferId, long payer) {
        return jdbc.queryForList("SELECT status FROM t_outbox WHERE transfer_id = ? AND user_id = ?", String.class,
                transferId, payer).stream().findFirst();
    }

    /** Takes money from an account; false if it does not exist or has too little. */
    boolean debit(long user, long amount, Writer writer) {
        return jdbc.update("UPDATE t_account SET balance = balance - ?, writer_cell = ?, writer_epoch = ?"
                + " WHERE user_id = ? AND balance >= ?", amount, writer.cell(), writer.epoch(), user, amount) == 1;
    }

    /** Puts money on an account; false if it does not exist. */
    boolean credit(long user, long amount, Writer writer) {
        return jdbc.update("UPDATE t_account SET balance = balance + ?, writer_cell = ?, writer_epoch = ?"
                + " WHERE user_id = ?", amount, writer.cell(), writer.epoch(), user) == 1;
    }

    /** Records a ledger entry; the primary key (transfer, kind) refuses a second one. */
    void entry(long transferId, String kind, long user, long counterparty, long amount, Writer writer) {
        jdbc.update("INSERT INTO t_entry (transfer_id, entry_kind, user_id, counterparty, amount, writer_cell,"
                + " writer_epoch) VALUES (?, ?, ?, ?, ?, ?, ?)", transferId, kind, user, counterparty, amount,
                writer.cell(), writer.epoch());
    }

    /** Records a transfer across cells whose credit is still to be sent. */
    void outbox(long transferId, long payer, long payee, long amount, Writer writer) {
        jdbc.update("INSERT INTO t_outbox (transfer_id, user_id, payee, amount, status, created_at, writer_cell,"
                + " writer_epoch) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", transferId, payer, payee, amount,
                BankSchema.PENDING, System.currentTimeMillis(), writer.cell(), writer.epoch());
    }

    /** Moves a pending outbox row to {@code status}; false if it was no longer pending. */
    boolean settleOutbox(long transferId, long payer, String status, Writer writer) {
        return jdbc.update("UPDATE t_outbox SET status = ?, writer_cell = ?, writer_epoch = ? WHERE transfer_id = ?"
                + " AND user_id = ? AND status = ?", status, writer.cell(), writer.epoch(), transferId, payer,
                BankSchema.PENDING) == 1;
    }

    /**
     * Pending transfers older than {@code createdBefore}, of every shard group (the caller keeps the ones this
     * cell owns).
     */
    List<Pending> pending(long createdBefore, int limit) {
        return jdbc.query("SELECT transfer_id, user_id, payee, amount FROM t_outbox WHERE status = ? AND created_at < ?"
                + " ORDER BY created_at LIMIT " + limit, (rs, i) -> new Pending(rs.getLong(1), rs.getLong(2),
                rs.getLong(3), rs.getLong(4)), BankSchema.PENDING, createdBefore);
    }
}
