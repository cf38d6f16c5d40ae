package io.unitrouter.core.failover;

import io.unitrouter.core.failover.internal.YamlText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal's text: YAML that an operator can read ({@code unit-router failover journal} prints it in
 * short), written only by coordinators.
 *
 * <pre>
 * # unit-router failover journal: written by failover coordinators with compare-and-set. Do not edit.
 * format: 1
 * revision: 17
 * active:
 *   id: f42-7c1e
 *   event: city-down:sh
 *   plan: 1a2b3c4d5e6f7a8b
 *   ...
 *   steps:
 *   - {phase: FREEZE, begun: ..., ended: ..., outcome: DONE, detail: epoch 43 published}
 *   base-document: |
 *     epoch: 42
 *     ...
 * history: [...]
 * </pre>
 */
final class JournalCodec {

    private static final int FORMAT = 1;
    private static final String HEADER = "# unit-router failover journal: written by failover coordinators with"
            + " compare-and-set. Do not edit.\n";

    private JournalCodec() {
    }

    static String write(JournalState state) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("revision", state.revision());
        root.put("active", state.active() == null ? null : run(state.active()));
        List<Object> history = new ArrayList<>();
        state.history().forEach(r -> history.add(run(r)));
        root.put("history", history);
        return HEADER + YamlText.dump(root);
    }

    /**
     * Reads a journal.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static JournalState read(String text) {
        if (!(YamlText.load(text) instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("the journal is not a mapping");
        }
        Object format = root.get("format");
        if (!Integer.valueOf(FORMAT).equals(format)) {
            throw new IllegalArgumentException("unknown journal format " + format + "; this coordinator reads "
                    + FORMAT);
        }
        FailoverRun active = root.get("active") == null ? null : run(map(root.get("active"), "active"));
        List<FailoverRun> history = new ArrayList<>();
        for (Object entry : list(root.get("history"), "history")) {
            history.add(run(map(entry, "history entry")));
        }
        return new JournalState(number(root.get("revision"), "revision"), active, history);
    }

    private static Map<String, Object> run(FailoverRun run) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", run.id());
        map.put("event", run.event().toString());
        map.put("plan", run.planChecksum());
        map.put("status", run.status().name());
        map.put("operator", run.operator());
        map.put("holder", run.holder());
        map.put("fence", run.fence());
        map.put("base-epoch", run.baseEpoch());
        map.put("freeze-epoch", run.freezeEpoch());
        map.put("switch-epoch", run.switchEpoch());
        map.put("restore-epoch", run.restoreEpoch());
        map.put("started", run.started().toString());
        map.put("updated", run.updated().toString());
        run.ended().ifPresent(at -> map.put("ended", at.toString()));
        run.problem().ifPresent(p -> map.put("problem", p));
        if (!run.excludedInstances().isEmpty()) {
            map.put("excluded-instances", new ArrayList<>(run.excludedInstances()));
        }
        List<Object> steps = new ArrayList<>();
        for (StepRecord step : run.steps()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("phase", step.phase().name());
            entry.put("begun", step.begun().toString());
            if (step.ended() != null) {
                entry.put("ended", step.ended().toString());
            }
            entry.put("outcome", step.outcome().name());
            if (!step.detail().isEmpty()) {
                entry.put("detail", step.detail());
            }
            steps.add(entry);
        }
        map.put("steps", steps);
        if (run.hasDocuments()) {
            map.put("base-document", run.baseDocument());
            map.put("target-document", run.targetDocument());
        }
        return map;
    }

    private static FailoverRun run(Map<?, ?> map) {
        FailoverRun.Fields f = new FailoverRun.Fields();
        f.id = text(map, "id");
        f.event = FailoverEvent.parse(text(map, "event"));
        f.planChecksum = text(map, "plan");
        f.status = RunStatus.valueOf(text(map, "status"));
        f.operator = text(map, "operator");
        f.holder = text(map, "holder");
        f.fence = map.get("fence") == null ? "" : String.valueOf(map.get("fence"));
        f.baseEpoch = number(map.get("base-epoch"), "base-epoch");
        f.freezeEpoch = number(map.get("freeze-epoch"), "freeze-epoch");
        f.switchEpoch = number(map.get("switch-epoch"), "switch-epoch");
        f.restoreEpoch = number(map.get("restore-epoch"), "restore-epoch");
        f.started = Instant.parse(text(map, "started"));
        f.updated = Instant.parse(text(map, "updated"));
        f.ended = map.get("ended") == null ? null : Instant.parse(text(map, "ended"));
        f.problem = map.get("problem") == null ? null : String.valueOf(map.get("problem"));
        for (Object instance : list(map.get("excluded-instances"), "excluded-instances")) {
            f.excludedInstances.add(String.valueOf(instance));
        }
        for (Object entry : list(map.get("steps"), "steps")) {
            Map<?, ?> step = map(entry, "step");
            f.steps.add(new StepRecord(FailoverPhase.valueOf(text(step, "phase")), Instant.parse(text(step, "begun")),
                    step.get("ended") == null ? null : Instant.parse(text(step, "ended")),
                    StepRecord.Outcome.valueOf(text(step, "outcome")),
                    step.get("detail") == null ? "" : String.valueOf(step.get("detail"))));
        }
        f.baseDocument = map.get("base-document") == null ? "" : String.valueOf(map.get("base-document"));
        f.targetDocument = map.get("target-document") == null ? "" : String.valueOf(map.get("target-document"));
        return new FailoverRun(f);
    }

    private static String text(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("a run has no '" + key + "'");
        }
        return String.valueOf(value);
    }

    private static long number(Object value, String key) {
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("'" + key + "' is not a number: " + value);
        }
        return number.longValue();
    }

    private static Map<?, ?> map(Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(what + " is not a mapping");
        }
        return map;
    }

    private static List<?> list(Object value, String what) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(what + " is not a list");
        }
        return list;
    }
}
