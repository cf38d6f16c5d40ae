package io.unitrouter.console.web;

import io.unitrouter.console.failover.ActionResult;
import io.unitrouter.console.failover.AuditEntry;
import io.unitrouter.console.failover.AuditLog;
import io.unitrouter.console.failover.FailoverActions;
import io.unitrouter.console.failover.FailoverSetup;
import io.unitrouter.console.rules.RuleHistory;
import io.unitrouter.core.Cell;
import io.unitrouter.core.City;
import io.unitrouter.core.failover.Convergence;
import io.unitrouter.core.failover.FailoverCoordinator;
import io.unitrouter.core.failover.FailoverEvent;
import io.unitrouter.core.failover.FailoverRun;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.spi.RuleStoreException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The failover page's API: the events and their targets, the plan of an event, the run in progress and the ones
 * that ended (the coordinator's audit), the console's audit trail, and the operator actions execute, resume and
 * abort.
 */
@RestController
class FailoverController {

    /**
     * The failover page.
     *
     * @param enabled whether this console may execute failovers
     * @param reason why not, or {@code null}
     * @param journal where runs are journaled, or {@code null}
     * @param fence the fence, or what runs without one
     * @param canExclude whether a resume may stop waiting for chosen instances (needs a fence)
     * @param inFlight what this console is carrying out now, or {@code null}
     * @param events the kinds of events
     * @param targets what events can name
     * @param active the run in progress, or {@code null}
     * @param history the runs that ended, newest first
     * @param journalProblem why the journal could not be read, or {@code null}
     */
    record FailoverView(boolean enabled, String reason, String journal, String fence, boolean canExclude,
            String inFlight, List<EventKind> events, Targets targets, RunView active, List<RunView> history,
            String journalProblem) {
    }

    /** A kind of event, e.g. {@code drain} with usage {@code drain:CELL|DC|CITY}. */
    record EventKind(String kind, String usage, boolean planned) {
    }

    /** Ids events can name, from the document in force. */
    record Targets(List<String> cells, List<String> dataCenters, List<String> cities) {
    }

    /** An event and the checksum of the plan the operator confirmed. */
    record Execute(String event, String checksum) {
    }

    /** Instances the barriers should no longer wait for. */
    record Resume(List<String> exclude) {
    }

    /** The audit trail, newest first, and where it is kept. */
    record AuditView(String location, List<AuditEntry> entries) {
    }

    private final RuleStore store;
    private final FailoverSetup setup;
    private final FailoverActions actions;
    private final RuleHistory history;
    private final AuditLog audit;
    private final Convergences convergences;

    FailoverController(RuleStore store, FailoverSetup setup, FailoverActions actions, RuleHistory history,
            AuditLog audit, Convergences convergences) {
        this.store = store;
        this.setup = setup;
        this.actions = actions;
        this.history = history;
        this.audit = audit;
        this.convergences = convergences;
    }

    @GetMapping("/api/failover")
    FailoverView failover() {
        RunView active = null;
        List<RunView> ended = List.of();
        String journalProblem = null;
        Optional<FailoverCoordinator> reader = setup.reader();
        if (reader.isPresent()) {
            try {
                Optional<FailoverRun> run = reader.get().activeRun();
                List<FailoverRun> past = reader.get().history();
                Convergence convergence = run.isPresent() ? convergences.now() : null;
                run.ifPresent(history::recordRun);
                past.forEach(history::recordRun);
                active = run.map(r -> RunView.of(r, convergence)).orElse(null);
                ended = past.stream().map(r -> RunView.of(r, null)).toList();
            } catch (RuntimeException e) {
                journalProblem = "cannot read the failover journal " + setup.journalName().orElse("") + ": "
                        + e.getMessage();
            }
        }
        List<EventKind> events = Arrays.stream(FailoverEvent.Kind.values())
                .map(k -> new EventKind(k.text(), k.usage(), k.planned())).toList();
        return new FailoverView(setup.disabledReason().isEmpty(), setup.disabledReason().orElse(null),
                setup.journalName().orElse(null), setup.fenceName(), setup.canExclude(),
                actions.inFlight().orElse(null), events, targets(), active, ended, journalProblem);
    }

    private Targets targets() {
        try {
            RuleDocument document = store.load();
            List<String> dataCenters = new ArrayList<>();
            document.topology().cities().forEach(c -> dataCenters.addAll(c.dataCenters()));
            return new Targets(document.topology().cells().stream().map(Cell::id).toList(), dataCenters,
                    document.topology().cities().stream().map(City::id).toList());
        } catch (RuleStoreException e) {
            return new Targets(List.of(), List.of(), List.of());
        }
    }

    @GetMapping("/api/failover/plan")
    PlanView plan(@RequestParam String event) {
        return PlanView.of(setup.plan(FailoverEvent.parse(event)));
    }

    @PostMapping("/api/failover/execute")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ActionResult execute(@RequestBody Execute request, Principal operator) {
        if (request.checksum() == null || request.checksum().isBlank()) {
            throw new IllegalArgumentException("execute needs the checksum of the plan you previewed and confirmed");
        }
        return actions.execute(operator.getName(), FailoverEvent.parse(request.event()), request.checksum());
    }

    @PostMapping("/api/failover/resume")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ActionResult resume(@RequestBody(required = false) Resume request, Principal operator) {
        List<String> exclude = request == null || request.exclude() == null ? List.of() : request.exclude();
        return actions.resume(operator.getName(), exclude);
    }

    @PostMapping("/api/failover/abort")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ActionResult abort(Principal operator) {
        return actions.abort(operator.getName());
    }

    @GetMapping("/api/audit")
    AuditView audit() {
        List<AuditEntry> entries = new ArrayList<>(audit.entries());
        Collections.reverse(entries);
        return new AuditView(audit.location(), entries);
    }
}
