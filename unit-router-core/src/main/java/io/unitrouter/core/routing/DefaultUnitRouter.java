package io.unitrouter.core.routing;

import io.unitrouter.core.Access;
import io.unitrouter.core.Cell;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleRejection;
import io.unitrouter.core.rules.RuleValidationException;
import io.unitrouter.core.spi.AppliedEpoch;
import io.unitrouter.core.spi.RuleListener;
import io.unitrouter.core.spi.RuleStore;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link UnitRouter} that {@link UnitRouter#builder()} builds.
 *
 * <p>Putting an epoch in force is serialised by an apply lock, which covers the swap of the route view and
 * the router listeners, so they hear epochs in order. No store call is made under it: the applied-epoch report
 * is written after the lock is released, so a store that is slow or hangs holds up neither the next epoch nor
 * anything that reads the rules.
 */
final class DefaultUnitRouter implements UnitRouter {

    /** Where Linux shows the host name that {@code gethostname} returns. */
    static final Path KERNEL_HOST_NAME = Path.of("/proc/sys/kernel/hostname");

    private static final System.Logger LOG = System.getLogger(UnitRouter.class.getName());

    private final String localCellId;
    private final String instanceId;
    private final RuleStore store;
    private final RuleStore.Subscription subscription;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Object applyLock = new Object();
    /** Reports asked for and not yet written; the caller that raises it from zero writes them all. */
    private final AtomicInteger pendingReports = new AtomicInteger();
    private final Heartbeat heartbeat;
    private volatile RouteView view;
    private volatile Applied applied;
    private volatile RuleRejection lastRejection;

    /**
     * Use {@link UnitRouter#builder()}.
     *
     * @param rules fixed rules, or {@code null} when {@code store} is given
     * @param store the store to follow, or {@code null}
     * @param localCellId the local cell, or {@code null}
     * @param instanceId the id to report applied epochs under, or {@code null} for the default
     * @param heartbeat how often to report again; zero for never
     */
    DefaultUnitRouter(RuleDocument rules, RuleStore store, String localCellId, String instanceId,
            Duration heartbeat) {
        this.localCellId = localCellId;
        this.instanceId = instanceId != null || store == null ? instanceId : defaultInstanceId(localCellId);
        this.store = store;
        RuleDocument initial = rules != null ? rules : store.load();
        List<String> problems = check(initial);
        if (!problems.isEmpty()) {
            throw new UnitRouterException(String.join("; ", problems) + " (rules from " + initial.source() + ")",
                    Map.of("localCell", String.valueOf(localCellId), "epoch", initial.epoch()), null);
        }
        this.view = new RouteView(RoutingTable.of(initial), localCell(initial));
        this.applied = new Applied(view.table, Instant.now());
        if (store != null) {
            this.subscription = store.watch(new StoreListener());
            // A change published between load() and watch() would otherwise be missed until the next one.
            RuleDocument latest = store.load();
            if (latest.epoch() > initial.epoch()) {
                applyQuietly(latest);
            }
            report();
            this.heartbeat = heartbeat.isZero() ? null : new Heartbeat(this.instanceId, heartbeat, this::report);
        } else {
            this.subscription = null;
            this.heartbeat = null;
        }
    }

    @Override
    public RoutingTable table() {
        return view.table;
    }

    @Override
    public Optional<Cell> localCell() {
        return Optional.ofNullable(view.local);
    }

    @Override
    public RouteDecision route(String key, Access access) {
        RouteView v = view;
        // An overridden key was checked by the shard function when its document was built, and its decision
        // holds its shard already: looking it up first spares a hit the shard function's pass over the key.
        RouteDecision override = v.keyOverride(key, access);
        return override != null ? override : v.unit(v.table.shardOf(key), access);
    }

    @Override
    public RouteDecision route(long key, Access access) {
        RouteView v = view;
        int shard = v.table.shardOf(key);
        if (v.table.hasKeyOverrides()) {
            RouteDecision override = v.keyOverride(Long.toString(key), access);
            if (override != null) {
                return override;
            }
        }
        return v.unit(shard, access);
    }

    @Override
    public RouteDecision routeShard(int shard, Access access) {
        RouteView v = view;
        v.table.ownerOf(shard);
        return v.unit(shard, access);
    }

    @Override
    public RouteDecision routeGlobal(Access access) {
        RouteDecision decision = view.global(access);
        if (decision == null) {
            throw new UnitRouterException("no GZONE cell is declared, so global data cannot be routed");
        }
        return decision;
    }

    @Override
    public RouteDecision routeCity(String cityId, Access access) {
        RouteView v = view;
        RouteDecision[] decisions = v.city(cityId);
        if (decisions == null) {
            throw new UnitRouterException("city '" + cityId + "' is not defined; known cities: "
                    + v.table.topology().cities().stream().map(c -> c.id()).toList(),
                    Map.of("city", String.valueOf(cityId)), null);
        }
        RouteDecision decision = decisions[access.ordinal()];
        if (decision == null) {
            // Writes always need the GZone, even in a city with a CZone; reads fail only without either.
            throw new UnitRouterException(access == Access.WRITE
                    ? "no GZONE cell is declared, so writes of global data from city " + cityId + " cannot be routed"
                    : "city " + cityId + " has no CZone and no GZONE cell is declared, so its reads of global data"
                            + " cannot be routed");
        }
        return decision;
    }

    @Override
    public boolean apply(RuleDocument document) {
        boolean changed;
        synchronized (applyLock) {
            changed = applyLocked(document);
        }
        if (changed) {
            report();
        }
        return changed;
    }

    /** Puts the document in force and tells the listeners; makes no store call. */
    private boolean applyLocked(RuleDocument document) {
        RoutingTable previous = view.table;
        RoutingTable next = RoutingTable.of(document);
        if (next.epoch() == previous.epoch() && next.checksum().equals(previous.checksum())) {
            return false;
        }
        List<String> problems = check(document);
        if (next.epoch() <= previous.epoch()) {
            problems.add(0, next.epoch() == previous.epoch()
                    ? "epoch " + next.epoch() + " is already in force with different content"
                    : "epoch " + next.epoch() + " is not newer than the " + previous.epoch() + " in force");
        }
        if (!problems.isEmpty()) {
            RuleValidationException e = new RuleValidationException(document.source(), problems);
            rejected(RuleRejection.of(e, document.epoch()));
            throw e;
        }
        view = new RouteView(next, localCell(document));
        applied = new Applied(next, Instant.now());
        LOG.log(Level.INFO, () -> "unit-router: epoch " + next.epoch() + " in force (was " + previous.epoch()
                + "), checksum " + next.checksum() + ", local cell " + localCellId);
        for (Listener listener : listeners) {
            try {
                listener.onApplied(previous, next);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "unit-router: a router listener failed on epoch " + next.epoch(), e);
            }
        }
        return true;
    }

    private List<String> check(RuleDocument document) {
        List<String> problems = new java.util.ArrayList<>();
        if (localCellId != null && document.topology().cell(localCellId).isEmpty()) {
            problems.add("local cell '" + localCellId + "' is not defined in epoch " + document.epoch()
                    + "; known cells: " + document.topology().cells().stream().map(Cell::id).toList());
        }
        return problems;
    }

    private Cell localCell(RuleDocument document) {
        return localCellId == null ? null : document.topology().requireCell(localCellId);
    }

    private void applyQuietly(RuleDocument document) {
        try {
            apply(document);
        } catch (RuleValidationException e) {
            // Already recorded and reported as a rejection; the rules in force stay.
        } catch (UnitRouterException e) {
            // A document the store accepted but this router cannot compile (e.g. a custom shard function that
            // misbehaves): refuse it like any other, rather than let it escape into the store's thread.
            rejected(new RuleRejection(document.source(), document.epoch(), List.of(e.getMessage()),
                    Instant.now()));
        }
    }

    private void rejected(RuleRejection rejection) {
        LOG.log(Level.WARNING, () -> "unit-router: refused rules from " + rejection.source() + ": "
                + String.join("; ", rejection.errors()) + "; keeping epoch " + view.table.epoch());
        record(rejection);
    }

    private void record(RuleRejection rejection) {
        lastRejection = rejection;
        for (Listener listener : listeners) {
            try {
                listener.onRejected(rejection);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "unit-router: a router listener failed on a rejection", e);
            }
        }
    }

    /**
     * Reports the epoch in force: after an apply, at start and at every heartbeat. Reports are written one at a
     * time, each of the epoch in force when it is written. A call that finds a report being written leaves its
     * report to that writer, which writes once more when it is done: so a store that hangs holds up one thread
     * (not every apply and heartbeat behind it), and the report written last is always of the newest epoch.
     */
    private void report() {
        if (store == null || pendingReports.getAndIncrement() > 0) {
            return;
        }
        boolean drained = false;
        try {
            int handled;
            do {
                handled = pendingReports.get();
                write(applied);
            } while (!pendingReports.compareAndSet(handled, 0));
            drained = true;
        } finally {
            if (!drained) {
                // Only an Error gets here; let the next call write rather than leave reporting stuck.
                pendingReports.set(0);
            }
        }
    }

    private void write(Applied in) {
        RoutingTable table = in.table();
        try {
            store.reportApplied(new AppliedEpoch(instanceId, localCellId, table.epoch(), table.checksum(), in.at(),
                    Instant.now()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "unit-router: could not report applied epoch " + table.epoch() + " to "
                    + store.name(), e);
        }
    }

    @Override
    public Optional<RuleRejection> lastRejection() {
        return Optional.ofNullable(lastRejection);
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        if (heartbeat != null) {
            heartbeat.close();
        }
    }

    private static String defaultInstanceId(String localCell) {
        return (localCell == null ? "gateway" : localCell) + "@" + hostName() + "#" + ProcessHandle.current().pid();
    }

    /**
     * The machine's name: {@code HOSTNAME} if set (containers set it), else the kernel's host name from
     * {@link #KERNEL_HOST_NAME} where there is one (Linux), else {@link InetAddress#getLocalHost()}'s. All three
     * are the name {@code gethostname} returns; the file spares the start-up the address lookup that
     * {@code getLocalHost} makes of that name (the hosts file, or DNS, which can take seconds when the name is
     * not in it).
     */
    static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            host = Files.readString(KERNEL_HOST_NAME, StandardCharsets.US_ASCII).trim();
            if (!host.isEmpty()) {
                return host;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux (or no procfs): ask the platform.
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The table in force and when it was put in force, read together by a report. */
    private record Applied(RoutingTable table, Instant at) {
    }

    private final class StoreListener implements RuleListener {
        @Override
        public void onRules(RuleDocument document) {
            applyQuietly(document);
        }

        @Override
        public void onRejected(RuleRejection rejection) {
            // The store has logged it already, naming the epoch it keeps: record and tell listeners only.
            record(rejection);
        }
    }
}
