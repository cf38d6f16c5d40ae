package io.unitrouter.console.web;

import io.unitrouter.console.rules.RuleComparison;
import io.unitrouter.console.rules.RuleHistory;
import io.unitrouter.console.rules.RulePublisher;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleDocuments;
import io.unitrouter.core.rules.RuleRejection;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.spi.RuleStoreException;
import java.security.Principal;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The rules page's API: the document in force, the rejections, the epochs known, the diff between two of them,
 * and validating and publishing a draft.
 */
@RestController
class RulesController {

    /**
     * The rules page.
     *
     * @param store the rule store
     * @param inForce the document in force, or {@code null} when there is none
     * @param problem why there is none, or {@code null}
     * @param lastRejection the last document refused, or {@code null}
     * @param rejections the rejections heard of, newest last
     * @param epochs the epochs known, oldest first
     * @param historySources where the epochs come from
     */
    record RulesView(String store, Document inForce, String problem, Rejection lastRejection,
            List<Rejection> rejections, List<Epoch> epochs, List<String> historySources) {
    }

    /** A document with its YAML. */
    record Document(long epoch, String checksum, String source, String yaml) {
    }

    /** A refused document. */
    record Rejection(String source, long epoch, List<String> errors, String at) {
    }

    /** An epoch the console knows. */
    record Epoch(long epoch, String checksum, String seen, String origin) {
    }

    /** The outcome of validating a draft. */
    record Validation(boolean valid, long epoch, List<String> errors, RuleComparison comparison) {
    }

    /** A draft to publish, written against {@code expectedEpoch}. */
    record Draft(String text, long expectedEpoch) {
    }

    private final RuleStore store;
    private final RuleHistory history;
    private final RulePublisher publisher;

    RulesController(RuleStore store, RuleHistory history, RulePublisher publisher) {
        this.store = store;
        this.history = history;
        this.publisher = publisher;
    }

    @GetMapping("/api/rules")
    RulesView rules() {
        Document inForce = null;
        String problem = null;
        try {
            RuleDocument document = store.load();
            history.record(document, "rule store");
            inForce = document(document);
        } catch (RuleStoreException e) {
            problem = e.getMessage();
        }
        List<Rejection> rejections = history.rejections().stream().map(RulesController::rejection).toList();
        return new RulesView(store.name(), inForce, problem,
                rejections.isEmpty() ? null : rejections.get(rejections.size() - 1), rejections,
                history.entries().stream().map(e -> new Epoch(e.epoch(), e.checksum(), e.seen().toString(),
                        e.origin())).toList(), history.sources());
    }

    @GetMapping("/api/rules/{epoch}")
    Document epoch(@PathVariable long epoch) {
        return document(known(epoch));
    }

    @GetMapping("/api/rules/diff")
    RuleComparison diff(@RequestParam long from, @RequestParam long to) {
        return RuleComparison.between(known(from), known(to));
    }

    @PostMapping(path = "/api/rules/validate", consumes = MediaType.TEXT_PLAIN_VALUE)
    Validation validate(@RequestBody String text) {
        RuleDocument draft = publisher.check(text, "draft");
        RuleComparison comparison = null;
        try {
            comparison = RuleComparison.between(store.load(), draft);
        } catch (RuleStoreException e) {
            // Nothing in force to compare with: the draft would be the first document.
        }
        return new Validation(true, draft.epoch(), List.of(), comparison);
    }

    @PostMapping("/api/rules/publish")
    RulePublisher.Published publish(@RequestBody Draft draft, Principal operator) {
        return publisher.publish(operator.getName(), draft.text(), draft.expectedEpoch());
    }

    private RuleDocument known(long epoch) {
        return history.at(epoch).map(RuleHistory.Entry::document).orElseThrow(() -> new IllegalArgumentException(
                "the console does not know epoch " + epoch + "; known: " + history.entries().stream()
                        .map(RuleHistory.Entry::epoch).toList()));
    }

    private static Document document(RuleDocument document) {
        return new Document(document.epoch(), RoutingTable.of(document).checksum(), document.source(),
                RuleDocuments.toYaml(document));
    }

    private static Rejection rejection(RuleRejection rejection) {
        return new Rejection(rejection.source(), rejection.epoch(), rejection.errors(), rejection.at().toString());
    }
}
