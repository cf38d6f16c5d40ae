package io.unitrouter.console.traffic;

import io.unitrouter.console.config.ConsoleProperties;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes the request counters of the instances listed under {@code unit-router.console.traffic.instances} at an
 * interval, and adds them up per cell and decision group, with the rate since the previous scrape. The instances'
 * applied-epoch reports carry no address, so the list is configured.
 *
 * <p>Thread-safe.
 */
public final class TrafficScraper implements AutoCloseable {

    /**
     * One instance's last scrape.
     *
     * @param url the instance
     * @param cell its cell, configured or reported; empty until known
     * @param ok whether the last scrape worked
     * @param error why it did not, else empty
     * @param scrapedAt when it was last tried
     * @param source {@code prometheus} or {@code actuator}, empty until it worked
     * @param decisions the counters by decision tag
     * @param perSecond requests per second by decision tag since the scrape before, where known
     */
    public record InstanceTraffic(String url, String cell, boolean ok, String error, Instant scrapedAt, String source,
            Map<String, Long> decisions, Map<String, Double> perSecond) {
    }

    /**
     * The counters of one cell, by decision group.
     *
     * @param cell the cell
     * @param instances how many instances were scraped successfully
     * @param totals requests since the instances started, by group
     * @param perSecond requests per second, by group
     */
    public record CellTraffic(String cell, int instances, Map<String, Long> totals, Map<String, Double> perSecond) {
    }

    private final ConsoleProperties.Traffic settings;
    private final Clock clock;
    private final MetricsReader reader;
    private final Map<String, InstanceTraffic> last = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;

    /**
     * @param settings the instances, interval and timeout
     * @param clock for scrape times and rates
     * @throws IllegalArgumentException if an instance has no URL or the interval or timeout is not positive
     */
    public TrafficScraper(ConsoleProperties.Traffic settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = clock;
        for (int i = 0; i < settings.getInstances().size(); i++) {
            String url = settings.getInstances().get(i).getUrl();
            if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                throw new IllegalArgumentException("unit-router.console.traffic.instances[" + i + "].url must be an"
                        + " http:// or https:// URL, was " + url);
            }
        }
        if (settings.getInterval().isNegative() || settings.getInterval().isZero() || settings.getTimeout().isNegative()
                || settings.getTimeout().isZero()) {
            throw new IllegalArgumentException("unit-router.console.traffic.interval and timeout must be positive");
        }
        this.reader = new MetricsReader(settings.getTimeout());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "console-traffic");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts scraping at the interval, when instances are configured.
     *
     * @return this
     */
    public TrafficScraper start() {
        if (!settings.getInstances().isEmpty()) {
            long every = settings.getInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::scrapeAll, 0, every, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** How many instances are configured. */
    public int configured() {
        return settings.getInstances().size();
    }

    /** The scrape interval. */
    public Duration interval() {
        return settings.getInterval();
    }

    /** Scrapes every configured instance once, now. */
    public void scrapeAll() {
        for (ConsoleProperties.Instance instance : settings.getInstances()) {
            last.put(instance.getUrl(), scrape(instance, last.get(instance.getUrl())));
        }
    }

    private InstanceTraffic scrape(ConsoleProperties.Instance instance, InstanceTraffic previous) {
        String url = instance.getUrl().replaceAll("/+$", "");
        String base = url + "/" + instance.getActuatorPath().replaceAll("^/+|/+$", "");
        Instant now = clock.instant();
        String cell = instance.getCell() != null ? instance.getCell()
                : previous != null && !previous.cell().isEmpty() ? previous.cell() : "";
        try {
            if (cell.isEmpty()) {
                cell = reader.localCell(base);
            }
            MetricsReader.Reading reading = reader.read(base);
            return new InstanceTraffic(instance.getUrl(), cell, true, "", now, reading.source(), reading.counts(),
                    rates(previous, reading.counts(), now));
        } catch (IOException | RuntimeException e) {
            return new InstanceTraffic(instance.getUrl(), cell, false, e.getMessage() == null ? e.toString()
                    : e.getMessage(), now, "", previous == null ? Map.of() : previous.decisions(), Map.of());
        }
    }

    private static Map<String, Double> rates(InstanceTraffic previous, Map<String, Long> counts, Instant now) {
        if (previous == null || !previous.ok()) {
            return Map.of();
        }
        double seconds = Duration.between(previous.scrapedAt(), now).toMillis() / 1000.0;
        Map<String, Double> rates = new TreeMap<>();
        if (seconds <= 0) {
            return rates;
        }
        counts.forEach((decision, count) -> {
            long delta = count - previous.decisions().getOrDefault(decision, 0L);
            // A negative delta is a restarted instance: its counters began again, so no rate this time.
            if (delta >= 0) {
                rates.put(decision, delta / seconds);
            }
        });
        return rates;
    }

    /** The last scrape of every configured instance, in configuration order; instances not scraped yet are left out. */
    public List<InstanceTraffic> instances() {
        List<InstanceTraffic> result = new ArrayList<>();
        for (ConsoleProperties.Instance instance : settings.getInstances()) {
            InstanceTraffic traffic = last.get(instance.getUrl());
            if (traffic != null) {
                result.add(traffic);
            }
        }
        return result;
    }

    /** The counters added up per cell (cells in order of first appearance), from the instances scraped successfully. */
    public List<CellTraffic> cells() {
        Map<String, List<InstanceTraffic>> byCell = new LinkedHashMap<>();
        for (InstanceTraffic instance : instances()) {
            if (instance.ok()) {
                byCell.computeIfAbsent(instance.cell(), c -> new ArrayList<>()).add(instance);
            }
        }
        List<CellTraffic> result = new ArrayList<>();
        byCell.forEach((cell, list) -> {
            Map<DecisionGroup, Long> totals = new EnumMap<>(DecisionGroup.class);
            Map<DecisionGroup, Double> rates = new EnumMap<>(DecisionGroup.class);
            for (DecisionGroup group : DecisionGroup.values()) {
                totals.put(group, 0L);
                rates.put(group, 0.0);
            }
            for (InstanceTraffic instance : list) {
                instance.decisions().forEach((d, n) -> totals.merge(DecisionGroup.of(d), n, Long::sum));
                instance.perSecond().forEach((d, r) -> rates.merge(DecisionGroup.of(d), r, Double::sum));
            }
            result.add(new CellTraffic(cell, list.size(), byKey(totals), byKey(rates)));
        });
        return result;
    }

    private static <V> Map<String, V> byKey(Map<DecisionGroup, V> values) {
        Map<String, V> result = new LinkedHashMap<>();
        values.forEach((group, value) -> result.put(group.key(), value));
        return result;
    }

    /** Stops scraping. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
