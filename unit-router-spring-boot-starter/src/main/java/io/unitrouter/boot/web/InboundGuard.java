package io.unitrouter.boot.web;

import io.unitrouter.core.Access;
import io.unitrouter.core.Cell;
import io.unitrouter.core.CellKind;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.RoutingKeys;
import io.unitrouter.core.Scope;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.context.ContextVerificationException;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.request.Refusal;
import io.unitrouter.core.request.ScopeDispatch;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.spring.autoconfigure.ProtectionMode;
import io.unitrouter.spring.autoconfigure.UnitRouterProperties.DefaultScope;
import io.unitrouter.spring.autoconfigure.UnitRouterProperties;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * Decides, for a cell, whether it may serve an inbound request: the rules of scope, ownership, frozen shards
 * and trusted headers, independent of the web stack. The servlet and WebFlux integrations ask it and act on
 * the {@link Verdict}.
 *
 * <p>Thread-safe.
 */
public final class InboundGuard {

    private static final System.Logger LOG = System.getLogger(InboundGuard.class.getName());

    private final UnitRouter router;
    private final ProtectionMode mode;
    private final DefaultScope defaultScope;
    private final int maxHops;
    private final Duration retryAfter;
    private final String keySources;
    private final List<InboundListener> listeners;

    /**
     * @param router the router; must have a local cell
     * @param protection what to do with requests for other cells
     * @param keySources a description of the configured key sources, for the missing-key message
     * @param listeners told about every verdict
     */
    public InboundGuard(UnitRouter router, UnitRouterProperties.Protection protection, String keySources,
            List<InboundListener> listeners) {
        if (router.localCell().isEmpty()) {
            throw new IllegalArgumentException("an inbound guard needs a router with a local cell");
        }
        this.router = router;
        this.mode = protection.getMode();
        this.defaultScope = protection.getDefaultScope();
        this.maxHops = protection.getMaxHops();
        this.retryAfter = protection.getRetryAfter();
        this.keySources = keySources;
        this.listeners = List.copyOf(listeners);
    }

    /** The protection mode in force. */
    public ProtectionMode mode() {
        return mode;
    }

    /**
     * Tells the listeners the final verdict on a request that {@link #check} judged {@link Outcome#FORWARDED}:
     * that verdict when the owner cell answered, or the {@link Outcome#MISDIRECTED} one the caller answered
     * with when no instance of the owner could be reached.
     *
     * @param verdict the final verdict
     */
    public void report(Verdict verdict) {
        for (InboundListener listener : listeners) {
            listener.onVerdict(verdict);
        }
    }

    /**
     * Judges a request, and tells the listeners; except for a {@link Outcome#FORWARDED} verdict, whose fate is
     * known only after the forwarding: the caller then {@linkplain #report reports} what became of it.
     *
     * @param request what the filter learned
     * @return the verdict
     */
    public Verdict check(InboundRequest request) {
        Verdict verdict = judge(request);
        if (verdict.outcome() != Outcome.FORWARDED) {
            report(verdict);
        }
        if (verdict.outcome() == Outcome.OBSERVED) {
            LOG.log(Level.WARNING, () -> "unit-router: served a request for cell " + verdict.decision().cell()
                    + " in cell " + router.localCell().map(Cell::id).orElse("?") + " (protection mode OBSERVE): "
                    + verdict.detail());
        }
        return verdict;
    }

    private Verdict judge(InboundRequest request) {
        UnitRouterException problem = request.problem();
        if (problem instanceof ContextVerificationException) {
            return refusal(problem);
        }
        RoutingContext context = request.context();
        boolean hasKey = context != null && context.hasKey();
        EndpointScope scope = request.scope();
        if (!scope.declared()) {
            boolean keyed = defaultScope == DefaultScope.KEYED && (hasKey || problem != null);
            scope = keyed ? new EndpointScope(Scope.UNIT, AccessMode.AUTO, false) : EndpointScope.NORMAL;
        }
        if (scope.scope() == null) {
            return new Verdict(Outcome.UNROUTED, null, "served by any cell", null);
        }
        if (problem != null) {
            return refusal(problem);
        }
        if (scope.scope() == Scope.UNIT && !hasKey) {
            return new Verdict(Outcome.MISSING_KEY, null, "this endpoint needs a routing key; looked in "
                    + keySources, null);
        }
        Access access = scope.access().resolve(request.method());
        Cell local = router.localCell().orElseThrow();
        RouteDecision decision;
        try {
            decision = ScopeDispatch.decide(router, scope.scope(), hasKey ? context.key() : null, local.city(),
                    access);
        } catch (UnitRouterException e) {
            return refusal(e);
        }
        return switch (scope.scope()) {
            case UNIT -> judgeUnit(decision, context);
            case GLOBAL -> placed(decision, context);
            case CITY -> judgeCity(decision, context, access);
        };
    }

    /** A refusal for a request whose headers or key cannot be used, or that the rules cannot place. */
    private static Verdict refusal(UnitRouterException problem) {
        return new Verdict(Outcome.of(Refusal.of(problem)), null, problem.getMessage(), null);
    }

    private Verdict judgeUnit(RouteDecision decision, RoutingContext context) {
        if (!decision.local()) {
            return elsewhere(decision, context, "routing key " + RoutingKeys.quote(context.key()) + " (shard "
                    + decision.shard() + ") belongs to cell " + decision.cell() + " at epoch " + decision.epoch());
        }
        if (decision.writeBlocked()) {
            return new Verdict(Outcome.FROZEN, decision, "shard " + decision.shard()
                    + " is frozen while it moves between cells; retry shortly", retryAfter);
        }
        return new Verdict(Outcome.LOCAL, decision, "served by its owner", null);
    }

    private Verdict judgeCity(RouteDecision decision, RoutingContext context, Access access) {
        Cell local = router.localCell().orElseThrow();
        if (!decision.local() && access == Access.READ && local.kind() == CellKind.GZONE
                && router.table().activeGZone().map(local::equals).orElse(false)) {
            // The active GZone holds the master copy, so it may serve any city's read.
            return new Verdict(Outcome.LOCAL, router.routeGlobal(access), "served by the active GZone", null);
        }
        return placed(decision, context);
    }

    private Verdict placed(RouteDecision decision, RoutingContext context) {
        if (decision.local()) {
            return new Verdict(Outcome.LOCAL, decision, "served by its target", null);
        }
        return elsewhere(decision, context, decision.scope().name().toLowerCase() + "-scoped request belongs to "
                + decision.target().kind() + " cell " + decision.cell() + " at epoch " + decision.epoch());
    }

    private Verdict elsewhere(RouteDecision decision, RoutingContext context, String detail) {
        int hops = context == null ? 0 : context.hops();
        return switch (mode) {
            case OBSERVE -> new Verdict(Outcome.OBSERVED, decision, detail, null);
            case FORWARD -> hops < maxHops
                    ? new Verdict(Outcome.FORWARDED, decision, detail, null)
                    : new Verdict(Outcome.MISDIRECTED, decision, detail + "; not forwarded again after " + hops
                            + " hop(s)", null);
            case REJECT -> new Verdict(Outcome.MISDIRECTED, decision, detail, null);
        };
    }
}
