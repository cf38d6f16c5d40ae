package io.unitrouter.benchmarks.cell;

import io.unitrouter.benchmarks.BenchmarkRules;
import io.unitrouter.core.Access;
import io.unitrouter.core.context.RoutingContext;
import io.unitrouter.core.context.RoutingHeaderCodec;
import io.unitrouter.core.routing.UnitRouter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The helpers of {@code benchmarks/cell-profile.sh}, which profiles the {@code unit} variant of
 * {@link CellLoadBenchmark} under wrk with Java Flight Recorder:
 *
 * <ul>
 *   <li>{@code rules FILE}: writes the benchmark's rules;</li>
 *   <li>{@code sign}: prints an {@code X-Unit-Context} for the benchmark's request, issued now;</li>
 *   <li>{@code share RECORDING}: how many of the serving samples are unit-router's own work.</li>
 * </ul>
 *
 * <p>A serving sample is a {@code jdk.ExecutionSample} on a Tomcat worker thread ({@code http-nio-*}). It is
 * unit-router's own when, walking from the executing frame towards the thread's root, an {@code io.unitrouter}
 * frame comes before the servlet filter chain ({@code ApplicationFilterChain}): unit-router's filter wraps the
 * rest of the chain, and the application's work under it is not unit-router's. Spring's frames around the
 * starter's filter and interceptor (their registration, {@code OncePerRequestFilter}) are not counted either.
 */
public final class CellProfile {

    private static final String SECRET = "benchmark-secret-0123456789abcdefghij";
    private static final String USER = "5";
    private static final String PATH = "/api/accounts/" + USER + "/balance";
    private static final String OURS = "io.unitrouter.";
    private static final String CHAIN = "org.apache.catalina.core.ApplicationFilterChain";

    private CellProfile() {
    }

    /**
     * Runs one helper.
     *
     * @param args {@code rules FILE}, {@code sign} or {@code share RECORDING}
     * @throws IOException if a file cannot be written or read
     */
    public static void main(String[] args) throws IOException {
        switch (args.length == 0 ? "" : args[0]) {
            case "rules" -> Files.writeString(Path.of(args[1]), BenchmarkRules.text());
            case "sign" -> {
                try (UnitRouter router = UnitRouter.builder().rules(BenchmarkRules.document()).build()) {
                    RoutingHeaderCodec.signed(SECRET).encode(RoutingContext.of(USER, router.route(USER, Access.READ)),
                            "GET", PATH, (name, value) -> System.out.println(value));
                }
            }
            case "share" -> System.out.print(share(Path.of(args[1])));
            default -> throw new IllegalArgumentException("usage: CellProfile rules FILE | sign | share RECORDING");
        }
    }

    private static String share(Path recording) throws IOException {
        int serving = 0;
        int ours = 0;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedThread thread = event.getThread("sampledThread");
            if (thread == null || thread.getJavaName() == null || !thread.getJavaName().startsWith("http-nio")) {
                continue;
            }
            serving++;
            String innermost = null;
            Set<String> methods = new HashSet<>();
            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                String type = frame.getMethod().getType().getName();
                if (type.startsWith(CHAIN)) {
                    break;
                }
                if (type.startsWith(OURS)) {
                    String method = type.replaceAll("\\$\\$Lambda.*", "") + "." + frame.getMethod().getName();
                    innermost = innermost == null ? method : innermost;
                    methods.add(method);
                }
            }
            if (innermost != null) {
                ours++;
                self.merge(innermost, 1, Integer::sum);
                methods.forEach(method -> inclusive.merge(method, 1, Integer::sum));
            }
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%s: %d serving samples, %d unit-router's own = %.1f%%%n", recording, serving, ours,
                percent(ours, serving)));
        append(text, "innermost unit-router method", self, serving);
        append(text, "unit-router method anywhere on the stack", inclusive, serving);
        return text.toString();
    }

    private static void append(StringBuilder text, String title, Map<String, Integer> counts, int serving) {
        text.append("  by ").append(title).append(":\n");
        List<Map.Entry<String, Integer>> top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12).toList();
        top.forEach(entry -> text.append(String.format(Locale.ROOT, "  %6d %5.1f%%  %s%n", entry.getValue(),
                percent(entry.getValue(), serving), entry.getKey())));
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
