package io.unitrouter.console.traffic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one instance's {@code unitrouter.requests} counters over HTTP: from its Prometheus scrape
 * ({@code <actuator>/prometheus}) when that is exposed, else from the actuator's metrics endpoint
 * ({@code <actuator>/metrics/unitrouter.requests}, one request per decision); and the instance's cell from
 * {@code <actuator>/unitrouter}.
 *
 * <p>Thread-safe.
 */
final class MetricsReader {

    /** {@code unitrouter_requests_total{decision="local",...} 42.0}, the labels in any order. */
    private static final Pattern SAMPLE = Pattern.compile("^unitrouter_requests_total\\{([^}]*)}\\s+(\\S+)");
    private static final Pattern DECISION = Pattern.compile("(?:^|,)\\s*decision=\"([^\"]*)\"");

    private final HttpClient http;
    private final Duration timeout;
    private final JsonMapper json = JsonMapper.builder().build();

    MetricsReader(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The counters by decision, and which endpoint gave them.
     *
     * @param counts by decision tag
     * @param source {@code prometheus} or {@code actuator}
     */
    record Reading(Map<String, Long> counts, String source) {
    }

    /**
     * @param base the instance's actuator base, e.g. {@code http://10.1.0.11:8080/actuator}
     * @throws IOException naming what could not be read
     */
    Reading read(String base) throws IOException {
        Optional<String> prometheus = get(base + "/prometheus");
        if (prometheus.isPresent()) {
            return new Reading(parsePrometheus(prometheus.get()), "prometheus");
        }
        String metric = get(base + "/metrics/unitrouter.requests").orElseThrow(() -> new IOException(
                "neither " + base + "/prometheus nor " + base + "/metrics/unitrouter.requests is exposed"));
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode tag : json.readTree(metric).path("availableTags")) {
            if ("decision".equals(tag.path("tag").asString())) {
                for (JsonNode value : tag.path("values")) {
                    String decision = value.asString();
                    String one = get(base + "/metrics/unitrouter.requests?tag=decision:" + decision).orElse("{}");
                    counts.put(decision, count(json.readTree(one)));
                }
            }
        }
        return new Reading(counts, "actuator");
    }

    /**
     * The cell the instance reports in {@code <actuator>/unitrouter}.
     *
     * @throws IOException if it cannot be read or names no cell
     */
    String localCell(String base) throws IOException {
        String body = get(base + "/unitrouter").orElseThrow(() -> new IOException(base + "/unitrouter is not exposed;"
                + " configure the instance's cell"));
        String cell = json.readTree(body).path("localCell").asString("");
        if (cell.isEmpty()) {
            throw new IOException(base + "/unitrouter reports no local cell (a gateway?); configure its cell");
        }
        return cell;
    }

    /** Sums the samples per decision; other labels (application, instance) are added up. */
    static Map<String, Long> parsePrometheus(String text) {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.find()) {
                continue;
            }
            Matcher decision = DECISION.matcher(sample.group(1));
            if (decision.find()) {
                counts.merge(decision.group(1), (long) Double.parseDouble(sample.group(2)), Long::sum);
            }
        }
        return counts;
    }

    private static long count(JsonNode metric) {
        for (JsonNode measurement : metric.path("measurements")) {
            if ("COUNT".equals(measurement.path("statistic").asString())) {
                return (long) measurement.path("value").asDouble();
            }
        }
        return 0;
    }

    /** The body of a 200 answer; empty on 404; an exception for anything else. */
    private Optional<String> get(String url) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + url, e);
        } catch (IOException e) {
            // The JDK's connect and timeout exceptions often carry no message; say which request failed.
            throw new IOException("cannot read " + url + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        return Optional.of(response.body());
    }
}
