package io.unitrouter.cli;

import io.unitrouter.core.failover.FailoverListener;
import io.unitrouter.core.failover.FailoverPhase;
import io.unitrouter.core.failover.FailoverRun;
import io.unitrouter.core.failover.StepRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Failover runs as text: progress lines while a run goes, summaries and step lists afterwards. */
final class RunText {

    private RunText() {
    }

    /** Prints each phase as it ends: {@code FREEZE    done     164 ms  epoch 43 published: ...}. */
    static FailoverListener progress(PrintWriter out) {
        return new FailoverListener() {
            @Override
            public void onRunStarted(FailoverRun run) {
                out.println("run " + run.id() + " of " + run.event() + " (plan " + run.planChecksum() + ") started by "
                        + run.operator());
                out.flush();
            }

            @Override
            public void onPhaseEnded(FailoverRun run, FailoverPhase phase, Duration took, StepRecord.Outcome outcome) {
                String detail = run.lastStep().map(StepRecord::detail).orElse("");
                out.println(String.format(Locale.ROOT, "  %-9s %-8s %6d ms  %s", phase, lower(outcome),
                        took.toMillis(), detail));
                out.flush();
            }
        };
    }

    /** One line per run: id, event, plan, who, when, status and how long it took. */
    static String summary(FailoverRun run) {
        return run.id() + "  " + run.event() + "  plan " + run.planChecksum() + "  by " + run.operator() + "  at "
                + run.started() + "  " + run.status() + " in " + millis(run.duration());
    }

    /** Each phase's total time, in phase order: {@code FREEZE 164 ms, BARRIER 189 ms, ...}. */
    static String phases(FailoverRun run) {
        return run.phaseDurations().entrySet().stream().map(e -> e.getKey() + " " + millis(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** Every step attempt, with its outcome, time and detail. */
    static List<String> steps(FailoverRun run) {
        List<String> lines = new ArrayList<>();
        for (StepRecord step : run.steps()) {
            lines.add(String.format(Locale.ROOT, "  %-9s %-8s %8s  %s  %s", step.phase(), lower(step.outcome()),
                    step.duration().map(RunText::millis).orElse("-"), step.begun(), step.detail()));
        }
        return lines;
    }

    static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
