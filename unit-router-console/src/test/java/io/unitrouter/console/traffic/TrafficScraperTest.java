package io.unitrouter.console.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.unitrouter.console.config.ConsoleProperties;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrafficScraperTest {

    private final HttpServer server = start();
    private final AtomicLong local = new AtomicLong(40);
    private final MutableClock clock = new MutableClock();

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(String path, int status, Supplier<String> body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static ConsoleProperties.Instance instance(String url, String cell, String actuator) {
        ConsoleProperties.Instance instance = new ConsoleProperties.Instance();
        instance.setUrl(url);
        instance.setCell(cell);
        instance.setActuatorPath(actuator);
        return instance;
    }

    private TrafficScraper scraper(ConsoleProperties.Instance... instances) {
        ConsoleProperties.Traffic settings = new ConsoleProperties.Traffic();
        settings.setInstances(List.of(instances));
        settings.setTimeout(Duration.ofSeconds(5));
        return new TrafficScraper(settings, clock);
    }

    @Test
    void prometheusCountersAreAddedUpPerCellAndGroupWithTheirRate() {
        serve("/a/prometheus", 200, () -> "# TYPE unitrouter_requests_total counter\n"
                + "unitrouter_requests_total{application=\"ledger\",decision=\"local\"} " + local.get() + ".0\n"
                + "unitrouter_requests_total{decision=\"misdirected\",application=\"ledger\"} 2.0\n"
                + "unitrouter_requests_total{application=\"ledger\",decision=\"bad-signature\"} 1.0\n"
                + "unitrouter_rules_epoch 42.0\n");
        TrafficScraper scraper = scraper(instance(base(), "rz01", "/a"));

        scraper.scrapeAll();
        local.set(60);
        clock.advance(Duration.ofSeconds(10));
        scraper.scrapeAll();

        TrafficScraper.CellTraffic rz01 = scraper.cells().get(0);
        assertThat(rz01.cell()).isEqualTo("rz01");
        assertThat(rz01.totals()).containsEntry("served", 60L).containsEntry("misdirected", 2L)
                .containsEntry("refused", 1L).containsEntry("frozen", 0L);
        assertThat(rz01.perSecond()).containsEntry("served", 2.0).containsEntry("misdirected", 0.0);
        assertThat(scraper.instances().get(0).source()).isEqualTo("prometheus");
    }

    @Test
    void withoutPrometheusTheActuatorMetricsAndTheInstancesOwnCellAreRead() {
        serve("/actuator/metrics/unitrouter.requests", 200, () -> "{\"name\":\"unitrouter.requests\","
                + "\"measurements\":[{\"statistic\":\"COUNT\",\"value\":7.0}],"
                + "\"availableTags\":[{\"tag\":\"decision\",\"values\":[\"frozen\",\"forwarded\"]}]}");
        serve("/actuator/unitrouter", 200, () -> "{\"localCell\":\"rz02\",\"epoch\":42}");
        TrafficScraper scraper = scraper(instance(base() + "/", null, "/actuator"));

        scraper.scrapeAll();

        assertThat(scraper.instances().get(0).cell()).isEqualTo("rz02");
        assertThat(scraper.instances().get(0).source()).isEqualTo("actuator");
        assertThat(scraper.cells().get(0).totals()).containsEntry("frozen", 7L).containsEntry("forwarded", 7L);
    }

    @Test
    void anInstanceThatCannotBeScrapedShowsWhyAndCountsForNoCell() {
        serve("/actuator/prometheus", 500, () -> "boom");
        TrafficScraper scraper = scraper(instance(base(), "rz03", "/actuator"));

        scraper.scrapeAll();

        assertThat(scraper.instances().get(0).ok()).isFalse();
        assertThat(scraper.instances().get(0).error()).contains("/actuator/prometheus answered 500");
        assertThat(scraper.cells()).isEmpty();
    }

    @Test
    void decisionsFallIntoTheColumnsOfThePage() {
        assertThat(Map.of("local", DecisionGroup.of("local"), "unsigned", DecisionGroup.of("unsigned"),
                "new", DecisionGroup.of("something-new"))).containsEntry("local", DecisionGroup.SERVED)
                .containsEntry("unsigned", DecisionGroup.REFUSED).containsEntry("new", DecisionGroup.OTHER);
    }

    /** A clock the test moves forward. */
    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-11-27T02:10:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
