package io.unitrouter.gateway.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WireMock servers standing in for cells: five RZones, the active GZone, the Hangzhou CZone, and a plain
 * upstream that is no cell. Started once per JVM; every server answers any request with 200 and its own id.
 */
public final class Cells {

    /** The RZone cells of the test rules, which own 20 shards each: rz01 0-19, ..., rz05 80-99. */
    public static final List<String> RZONES = List.of("rz01", "rz02", "rz03", "rz04", "rz05");

    /** Every cell with a server. */
    public static final List<String> ALL = List.of("rz01", "rz02", "rz03", "rz04", "rz05", "gz01", "czhz");

    /** The upstream of the plain (not unit-routed) route. */
    public static final String PLAIN = "plain";

    /** The header every server answers with, naming itself. */
    public static final String SERVED_BY = "X-Served-By";

    private static final Map<String, WireMockServer> SERVERS = start();

    private Cells() {
    }

    private static Map<String, WireMockServer> start() {
        Map<String, WireMockServer> servers = new LinkedHashMap<>();
        for (String id : ALL) {
            servers.put(id, startServer(id));
        }
        servers.put(PLAIN, startServer(PLAIN));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> servers.values().forEach(WireMockServer::stop)));
        return servers;
    }

    private static WireMockServer startServer(String id) {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(6)
                .jettyAcceptors(1));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader(SERVED_BY, id).withBody(id)));
        return server;
    }

    /** The server of a cell (or {@link #PLAIN}). */
    public static WireMockServer server(String id) {
        WireMockServer server = SERVERS.get(id);
        if (server == null) {
            throw new IllegalArgumentException("no test server for " + id + "; servers: " + SERVERS.keySet());
        }
        return server;
    }

    /** The base URL of a cell's server. */
    public static String url(String id) {
        return "http://localhost:" + server(id).port();
    }

    /** Every request a server received. */
    public static List<LoggedRequest> requests(String id) {
        return server(id).findAll(anyRequestedFor(anyUrl()));
    }

    /** The servers that received at least one request, by id. */
    public static List<String> reached() {
        return SERVERS.keySet().stream().filter(id -> !requests(id).isEmpty()).toList();
    }

    /** Forgets every request received so far. */
    public static void resetRequests() {
        SERVERS.values().forEach(WireMockServer::resetRequests);
    }
}
