package io.unitrouter.boot.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WireMock servers playing the instances of a downstream "ledger" service in three cells: two instances in
 * rz01, one in rz02, one in rz03, none in rz04 or rz05. Each answers 200 with the name of its instance.
 */
public final class LedgerCells {

    public static final Map<String, String> CELL_OF_INSTANCE = Map.of("rz01-a", "rz01", "rz01-b", "rz01", "rz02-a", "rz02",
            "rz03-a", "rz03");

    private final Map<String, WireMockServer> servers = new LinkedHashMap<>();

    public LedgerCells() {
        for (String instance : List.of("rz01-a", "rz01-b", "rz02-a", "rz03-a")) {
            WireMockServer server = new WireMockServer(options().dynamicPort());
            server.start();
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "text/plain").withBody(instance)));
            servers.put(instance, server);
        }
    }

    /** Discovery properties for SimpleDiscoveryClient: service {@code ledger} with cell metadata. */
    public Map<String, String> discoveryProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, WireMockServer> entry : servers.entrySet()) {
            String prefix = "spring.cloud.discovery.client.simple.instances.ledger[" + i++ + "].";
            properties.put(prefix + "uri", "http://localhost:" + entry.getValue().port());
            properties.put(prefix + "instance-id", entry.getKey());
            properties.put(prefix + "metadata[unit-router.cell]", CELL_OF_INSTANCE.get(entry.getKey()));
        }
        return properties;
    }

    /** Requests received by the instances of one cell. */
    public List<LoggedRequest> receivedBy(String cell) {
        return servers.entrySet().stream().filter(e -> CELL_OF_INSTANCE.get(e.getKey()).equals(cell))
                .flatMap(e -> e.getValue().getAllServeEvents().stream()).map(e -> e.getRequest()).toList();
    }

    /** Every request received, by any instance. */
    public List<LoggedRequest> all() {
        return servers.values().stream().flatMap(s -> s.getAllServeEvents().stream()).map(e -> e.getRequest())
                .toList();
    }

    public void reset() {
        servers.values().forEach(WireMockServer::resetRequests);
    }

    public void stop() {
        servers.values().forEach(WireMockServer::stop);
    }
}
