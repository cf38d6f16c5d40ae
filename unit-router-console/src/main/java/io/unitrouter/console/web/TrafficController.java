package io.unitrouter.console.web;

import io.unitrouter.console.traffic.TrafficScraper;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/traffic}: requests per cell and decision, scraped from the configured instances. */
@RestController
class TrafficController {

    /**
     * The traffic page's data.
     *
     * @param configured how many instances are configured
     * @param intervalMillis how often they are scraped
     * @param cells counters per cell, by decision group
     * @param instances each instance's last scrape
     */
    record TrafficView(int configured, long intervalMillis, List<TrafficScraper.CellTraffic> cells,
            List<TrafficScraper.InstanceTraffic> instances) {
    }

    private final TrafficScraper scraper;

    TrafficController(TrafficScraper scraper) {
        this.scraper = scraper;
    }

    @GetMapping("/api/traffic")
    TrafficView traffic() {
        return new TrafficView(scraper.configured(), scraper.interval().toMillis(), scraper.cells(),
                scraper.instances());
    }
}
