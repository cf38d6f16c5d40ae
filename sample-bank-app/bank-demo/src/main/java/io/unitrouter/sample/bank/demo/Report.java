package io.unitrouter.sample.bank.demo;

import io.unitrouter.core.failover.FailoverPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the run showed: start-up, throughput over time, answers and retries by kind, each failover's phases and
 * recovery time, and the invariants; as text for the console and as a self-contained HTML page with an inline
 * SVG chart (no scripts, no CDN).
 *
 * @param database the database tier
 * @param processes how many processes the driver started
 * @param startup from the first start to every process answering
 * @param loadAverage the machine's load average at the end
 * @param seconds how long the load ran
 * @param perSecond definite answers in each second of the load
 * @param outcomes transfers by how the client saw them end
 * @param retries attempts sent again, by kind
 * @param steps the failovers
 * @param checks the invariants
 * @param console the console's address, if it ran
 */
record Report(String database, int processes, Duration startup, String loadAverage, int seconds, long[] perSecond,
        Map<ClientTransfer.Outcome, Long> outcomes, Map<String, Long> retries, List<FailoverStep> steps,
        List<Audit.Check> checks, String console) {

    /** Whether every invariant held. */
    boolean passed() {
        return checks.stream().allMatch(Audit.Check::held);
    }

    /** Phase durations as text, e.g. {@code FREEZE 12 ms, BARRIER 230 ms, ...}. */
    static String phases(Map<FailoverPhase, Duration> phases) {
        return new EnumMap<>(phases).entrySet().stream().map(e -> e.getKey() + " " + e.getValue().toMillis() + " ms")
                .collect(Collectors.joining(", "));
    }

    /** Mean answers per second over a window of the load (ms since it started). */
    double throughput(long fromMs, long toMs) {
        int from = (int) Math.max(0, fromMs / 1000);
        int to = (int) Math.min(perSecond.length, Math.max(from + 1, toMs / 1000));
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += perSecond[i];
        }
        return to > from ? (double) sum / (to - from) : 0;
    }

    /** The lowest one-second throughput from a step's start to two seconds after its end. */
    long dip(FailoverStep step) {
        long min = Long.MAX_VALUE;
        for (int i = (int) (step.startMs() / 1000); i <= Math.min(perSecond.length - 1, step.endMs() / 1000 + 2); i++) {
            min = Math.min(min, perSecond[i]);
        }
        return min == Long.MAX_VALUE ? 0 : min;
    }

    /** The steady throughput before the first failover: its second half, after the warm-up. */
    double baseline() {
        long first = steps.isEmpty() ? seconds * 1000L : steps.get(0).startMs();
        return throughput(first / 2, first);
    }

    String text() {
        StringBuilder b = new StringBuilder();
        b.append("\n=== sample bank: report ===\n");
        b.append(String.format("database tier:  %s%n", database));
        b.append(String.format("start-up:       %d processes answering in %.1f s (load average %s)%n", processes,
                startup.toMillis() / 1000.0, loadAverage));
        if (console != null) {
            b.append(String.format("console:        %s%n", console));
        }
        b.append(String.format("load:           %d s, %d transfers; %s%n", seconds, outcomes.values().stream()
                .mapToLong(Long::longValue).sum(), outcomes));
        b.append(String.format("throughput:     %.1f transfers/s steady before the first failover%n", baseline()));
        b.append("  per 5 s: ");
        for (int i = 0; i < perSecond.length; i += 5) {
            long sum = 0;
            for (int j = i; j < Math.min(perSecond.length, i + 5); j++) {
                sum += perSecond[j];
            }
            b.append(sum / Math.min(5, perSecond.length - i)).append(' ');
        }
        b.append('\n');
        b.append("retries by kind (attempts without a definite answer, sent again):\n");
        if (retries.isEmpty()) {
            b.append("  none\n");
        }
        retries.forEach((kind, n) -> b.append(String.format("  %-40s %d%n", kind, n)));
        b.append("failovers:\n");
        for (FailoverStep s : steps) {
            b.append(String.format("  %-14s at %5.1f s  %s  lowest %d/s (steady %.1f/s)%s%n", s.event(),
                    s.startMs() / 1000.0, s.run().status(), dip(s), baseline(), s.planned() ? ", run "
                            + s.rto().toMillis() + " ms" : ", detected in " + s.detection().toMillis()
                                    + " ms, RTO " + s.rto().toMillis() + " ms"));
            b.append("      ").append(phases(s.phases())).append('\n');
        }
        b.append("invariants:\n");
        for (Audit.Check c : checks) {
            b.append(String.format("  [%s] %s (%d checked)%n", c.held() ? "ok" : "BROKEN", c.name(), c.checked()));
            c.violations().forEach(v -> b.append("        ").append(v).append('\n'));
        }
        b.append(passed() ? "result: every invariant held\n" : "result: INVARIANTS BROKEN\n");
        return b.toString();
    }

    /** Writes the HTML report. */
    void writeHtml(Path file) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>unit-router sample bank"
                + "</title><style>body{font-family:sans-serif;margin:2em;max-width:1000px}table{border-collapse:"
                + "collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}.ok{color:#0a7d32}"
                + ".broken{color:#b00020;font-weight:bold}</style></head><body>");
        h.append("<h1>unit-router sample bank</h1>");
        h.append("<p>").append(escape(database)).append(". ").append(processes).append(" processes answering in ")
                .append(String.format("%.1f", startup.toMillis() / 1000.0)).append(" s (load average ")
                .append(escape(loadAverage)).append(").</p>");
        h.append("<h2>Throughput</h2><p>Transfers answered per second, through the gateway. Shaded: failovers.</p>");
        h.append(chart());
        h.append("<h2>Failovers</h2><table><tr><th>event</th><th>at</th><th>status</th><th>detection</th><th>RTO / run"
                + "</th><th>lowest throughput</th><th>phases</th></tr>");
        for (FailoverStep s : steps) {
            h.append("<tr><td>").append(escape(s.event())).append("</td><td>")
                    .append(String.format("%.1f s", s.startMs() / 1000.0)).append("</td><td>").append(s.run().status())
                    .append("</td><td>").append(s.planned() ? "planned" : s.detection().toMillis() + " ms")
                    .append("</td><td>").append(s.rto().toMillis()).append(" ms</td><td>").append(dip(s))
                    .append("/s</td><td>").append(escape(phases(s.phases()))).append("</td></tr>");
        }
        h.append("</table><h2>Answers and retries</h2><table><tr><th>what</th><th>count</th></tr>");
        outcomes.forEach((o, n) -> h.append("<tr><td>transfers ").append(o).append("</td><td>").append(n)
                .append("</td></tr>"));
        retries.forEach((k, n) -> h.append("<tr><td>retried after: ").append(escape(k)).append("</td><td>").append(n)
                .append("</td></tr>"));
        h.append("</table><h2>Invariants</h2><table><tr><th>invariant</th><th>checked</th><th>held</th></tr>");
        for (Audit.Check c : checks) {
            h.append("<tr><td>").append(escape(c.name()));
            c.violations().forEach(v -> h.append("<br><small>").append(escape(v)).append("</small>"));
            h.append("</td><td>").append(c.checked()).append("</td><td class=\"").append(c.held() ? "ok\">yes"
                    : "broken\">NO").append("</td></tr>");
        }
        h.append("</table></body></html>\n");
        Files.writeString(file, h.toString());
    }

    private String chart() {
        int width = 900;
        int height = 260;
        int pad = 40;
        long max = 1;
        for (long v : perSecond) {
            max = Math.max(max, v);
        }
        double dx = (double) (width - 2 * pad) / Math.max(1, perSecond.length - 1);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" role=\"img\" aria-label=\"transfers per second\">");
        for (FailoverStep s : steps) {
            double x1 = pad + s.startMs() / 1000.0 * dx;
            double x2 = pad + Math.max(s.endMs() / 1000.0 * dx, s.startMs() / 1000.0 * dx + 2);
            svg.append(String.format("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" opacity=\"0.25\"/>",
                    x1, pad / 2, x2 - x1, height - pad - pad / 2, s.planned() ? "#3b82f6" : "#ef4444"));
            svg.append(String.format("<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s</text>", x1 + 2, pad / 2 + 10,
                    escape(s.event())));
        }
        svg.append("<polyline fill=\"none\" stroke=\"#111\" stroke-width=\"1.5\" points=\"");
        for (int i = 0; i < perSecond.length; i++) {
            double y = height - pad - (double) perSecond[i] / max * (height - pad - pad / 2);
            svg.append(String.format("%.1f,%.1f ", pad + i * dx, y));
        }
        svg.append("\"/>");
        svg.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", pad, height - pad,
                width - pad, height - pad));
        svg.append(String.format("<text x=\"2\" y=\"%d\" font-size=\"11\">%d/s</text>", pad / 2 + 10, max));
        svg.append(String.format("<text x=\"2\" y=\"%d\" font-size=\"11\">0</text>", height - pad));
        svg.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"11\">%d s</text>", width - pad - 20,
                height - pad + 15, perSecond.length));
        svg.append("</svg>");
        return svg.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
