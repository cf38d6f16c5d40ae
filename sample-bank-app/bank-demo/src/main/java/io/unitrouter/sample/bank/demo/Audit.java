package io.unitrouter.sample.bank.demo;

import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.sample.bank.support.BankSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The invariants, checked from the databases themselves after the load has stopped and every pending transfer
 * has settled: what the clients were told against what the ledgers hold, and every row's writer against the
 * rules in force at the epoch it wrote under.
 */
final class Audit {

    /** One invariant: its name, whether it held, and what broke it (at most a few examples). */
    record Check(String name, boolean held, long checked, List<String> violations) {
    }

    private record Entry(long transferId, String kind, long user, long amount, String cell, long epoch) {
    }

    private record Row(String table, long user, String cell, long epoch) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<Long, String> outbox = new HashMap<>();
    private final Map<Long, Long> balances = new HashMap<>();
    private final List<Row> writes = new ArrayList<>();
    private final List<Row> rateWrites = new ArrayList<>();

    private Audit() {
    }

    /** Reads every account, entry and outbox row of every shard group, and the rates. */
    static Audit read(DatabaseTier databases) {
        Audit audit = new Audit();
        for (int g = 0; g < BankSchema.SHARD_GROUPS; g++) {
            DataSource ds = databases.group(g);
            query(ds, "SELECT user_id, balance, writer_cell, writer_epoch FROM t_account", rs -> {
                audit.balances.put(rs.getLong(1), rs.getLong(2));
                audit.writes.add(new Row("t_account", rs.getLong(1), rs.getString(3), rs.getLong(4)));
            });
            query(ds, "SELECT transfer_id, entry_kind, user_id, amount, writer_cell, writer_epoch FROM t_entry", rs -> {
                Entry e = new Entry(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        rs.getLong(6));
                audit.entries.add(e);
                audit.writes.add(new Row("t_entry", e.user(), e.cell(), e.epoch()));
            });
            query(ds, "SELECT transfer_id, user_id, status, writer_cell, writer_epoch FROM t_outbox", rs -> {
                audit.outbox.put(rs.getLong(1), rs.getString(3));
                audit.writes.add(new Row("t_outbox", rs.getLong(2), rs.getString(4), rs.getLong(5)));
            });
        }
        query(databases.global(), "SELECT currency, writer_cell, writer_epoch FROM t_rate", rs -> audit.rateWrites.add(
                new Row("t_rate", -1, rs.getString(2), rs.getLong(3))));
        return audit;
    }

    /** How many outbox rows are still pending. */
    static long pending(DatabaseTier databases) {
        long[] count = new long[1];
        for (int g = 0; g < BankSchema.SHARD_GROUPS; g++) {
            query(databases.group(g), "SELECT COUNT(*) FROM t_outbox WHERE status = '" + BankSchema.PENDING + "'",
                    rs -> count[0] += rs.getLong(1));
        }
        return count[0];
    }

    private interface RowHandler {
        void handle(ResultSet rs) throws SQLException;
    }

    private static void query(DataSource ds, String sql, RowHandler handler) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                handler.handle(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every invariant.
     *
     * @param clients what the clients were told
     * @param users how many accounts were opened, each with {@code opening}
     * @param opening the balance each account was opened with
     * @param documents the rules of every epoch of the run
     * @param drain the drain step, for its window
     * @param holdMs the gateway's documented hold of writes to a frozen shard, in milliseconds
     */
    List<Check> checks(List<ClientTransfer> clients, int users, long opening, Map<Long, RuleDocument> documents,
            FailoverStep drain, long holdMs) {
        Map<Long, Map<String, Entry>> byTransfer = new HashMap<>();
        entries.forEach(e -> byTransfer.computeIfAbsent(e.transferId(), id -> new LinkedHashMap<>()).put(e.kind(), e));
        List<Check> checks = new ArrayList<>();
        checks.add(money(users, opening));
        checks.add(ledgers(opening));
        checks.add(clientsAgree(clients, byTransfer));
        checks.add(definiteAnswers(clients));
        checks.add(settled());
        checks.add(owners(documents));
        checks.add(drain(clients, drain, holdMs));
        return checks;
    }

    private Check money(int users, long opening) {
        long sum = balances.values().stream().mapToLong(Long::longValue).sum();
        long expected = users * opening;
        return new Check("money is conserved: the balances add up to what was opened", sum == expected && balances
                .size() == users, balances.size(), sum == expected ? List.of() : List.of("sum " + sum + ", expected "
                        + expected));
    }

    private Check ledgers(long opening) {
        Map<Long, Long> net = new HashMap<>();
        for (Entry e : entries) {
            long signed = e.kind().equals("D") ? -e.amount() : e.amount();
            net.merge(e.user(), signed, Long::sum);
        }
        List<String> bad = new ArrayList<>();
        balances.forEach((user, balance) -> {
            long expected = opening + net.getOrDefault(user, 0L);
            if (balance != expected) {
                bad.add("account " + user + ": balance " + balance + ", ledger says " + expected);
            }
        });
        return check("every balance equals its opening balance plus its ledger entries", balances.size(), bad);
    }

    private Check clientsAgree(List<ClientTransfer> clients, Map<Long, Map<String, Entry>> byTransfer) {
        List<String> bad = new ArrayList<>();
        for (ClientTransfer t : clients) {
            Map<String, Entry> e = byTransfer.getOrDefault(t.id(), Map.of());
            String status = outbox.get(t.id());
            boolean completed = e.containsKey("D") && e.containsKey("C") && !e.containsKey("R");
            boolean compensated = e.containsKey("D") && e.containsKey("R") && !e.containsKey("C");
            boolean untouched = e.isEmpty();
            String seen = switch (t.outcome()) {
                case COMPLETED -> completed && amounts(e, t) ? null : "completed";
                case FAILED -> (untouched || compensated) ? null : "failed";
                case PENDING -> (completed && BankSchema.SENT.equals(status)) || (compensated
                        && BankSchema.COMPENSATED.equals(status)) ? null : "pending";
                case NO_ANSWER -> null;
            };
            if (seen != null) {
                bad.add("transfer " + t.id() + " (client saw " + seen + "): entries " + e.keySet() + ", outbox "
                        + status);
            }
        }
        return check("every transfer a client saw complete is applied once on both sides; every failed one is"
                + " untouched or fully refunded", clients.size(), bad);
    }

    private static boolean amounts(Map<String, Entry> e, ClientTransfer t) {
        return e.get("D").amount() == t.amount() && e.get("C").amount() == t.amount() && e.get("D").user() == t.payer()
                && e.get("C").user() == t.payee();
    }

    private Check definiteAnswers(List<ClientTransfer> clients) {
        List<String> bad = clients.stream().filter(t -> t.outcome() == ClientTransfer.Outcome.NO_ANSWER)
                .map(t -> "transfer " + t.id() + " from " + t.payer() + ": no definite answer after " + t.attempts()
                        + " attempts in " + t.tookMs() + " ms").toList();
        return check("every client request got a definite answer", clients.size(), bad);
    }

    private Check settled() {
        List<String> bad = outbox.entrySet().stream().filter(e -> BankSchema.PENDING.equals(e.getValue()))
                .map(e -> "transfer " + e.getKey() + " is still pending").toList();
        return check("every transfer across cells settled (credited or refunded)", outbox.size(), bad);
    }

    private Check owners(Map<Long, RuleDocument> documents) {
        Map<Long, RoutingTable> tables = new HashMap<>();
        documents.forEach((epoch, doc) -> tables.put(epoch, RoutingTable.of(doc)));
        List<String> bad = new ArrayList<>();
        long checked = 0;
        for (Row w : writes) {
            if (w.cell().equals("seed")) {
                continue;
            }
            checked++;
            RoutingTable table = tables.get(w.epoch());
            int shard = (int) (w.user() % 100);
            if (table == null) {
                bad.add(w.table() + " row of user " + w.user() + " written by " + w.cell() + " at unknown epoch "
                        + w.epoch());
            } else if (!table.ownerOf(shard).id().equals(w.cell()) || table.isFrozen(shard)) {
                bad.add(w.table() + " row of user " + w.user() + " (shard " + shard + ") written by " + w.cell()
                        + " at epoch " + w.epoch() + ", where " + table.ownerOf(shard).id() + " owned it"
                        + (table.isFrozen(shard) ? " and it was frozen" : ""));
            }
        }
        for (Row w : rateWrites) {
            if (w.cell().equals("seed")) {
                continue;
            }
            checked++;
            RoutingTable table = tables.get(w.epoch());
            String active = table == null ? "?" : table.activeGZone().map(c -> c.id()).orElse("none");
            if (!active.equals(w.cell())) {
                bad.add("rate written by " + w.cell() + " at epoch " + w.epoch() + ", where " + active
                        + " was the active GZone");
            }
        }
        return check("no row was written by a cell that did not own its shard (or was not the active GZone) at"
                + " that epoch", checked, bad);
    }

    private Check drain(List<ClientTransfer> clients, FailoverStep drain, long holdMs) {
        if (drain == null) {
            return new Check("the planned drain showed clients nothing beyond the hold", true, 0, List.of());
        }
        long margin = 1000;
        List<String> bad = new ArrayList<>();
        long checked = 0;
        for (ClientTransfer t : clients) {
            if (t.startedMs() + t.tookMs() >= drain.startMs() && t.startedMs() <= drain.endMs()) {
                checked++;
                if (t.outcome() == ClientTransfer.Outcome.NO_ANSWER || t.tookMs() > holdMs + margin) {
                    bad.add("transfer " + t.id() + ": " + t.outcome() + " after " + t.tookMs() + " ms and "
                            + t.attempts() + " attempts");
                }
            }
        }
        return check("the planned drain showed clients nothing beyond the documented hold (" + holdMs + " ms)",
                checked, bad);
    }

    private static Check check(String name, long checked, List<String> violations) {
        return new Check(name, violations.isEmpty(), checked, violations.stream().limit(5).toList());
    }
}
