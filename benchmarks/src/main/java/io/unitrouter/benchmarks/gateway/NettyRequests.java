package io.unitrouter.benchmarks.gateway;

import io.netty.buffer.ByteBufAllocator;
import io.unitrouter.core.context.RoutingHeaders;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Requests as the gateway sees them in production: Spring's adapter of a Reactor Netty request, whose headers
 * are a view of Netty's own. The filter takes faster paths on such requests than on a mock one (it reads and
 * copies Netty's headers directly), so a benchmark on mock requests would measure code production never runs.
 *
 * <p>Each request is received once by a real Reactor Netty server at set-up; {@link #request(int)} then wraps
 * the captured Netty request in a new Spring adapter, as the server does for every request. A unit route writes
 * its routing header into Netty's own header map of the request (in production every request has its own), so
 * {@link #request(int)} first takes that header out again: every operation starts from the request as received.
 * The baseline pays the same removal, so it cancels out.
 */
final class NettyRequests {

    /** A transfer's JSON body, 64 bytes: the filter never reads it, but the request carries it. */
    private static final String BODY = "{\"to\":\"2088000000001\",\"amount\":\"10.00\",\"currency\":\"CNY\",\"memo\":\"\"}";

    private final List<HttpServerRequest> captured;
    private final Constructor<?> adapter;
    private final NettyDataBufferFactory buffers = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

    private NettyRequests(List<HttpServerRequest> captured, Constructor<?> adapter) {
        this.captured = captured;
        this.adapter = adapter;
    }

    /**
     * Sends one request per path to an in-process server and keeps what it received.
     *
     * @param paths the request paths with query, e.g. {@code /api/accounts/2088.../transfers?currency=CNY}
     * @param headers the headers of every request
     * @param ownHeader the name of a header whose value differs per request
     * @param ownValues its value for each path
     * @return the captured requests, in the order of {@code paths}
     */
    static NettyRequests capture(List<String> paths, Map<String, String> headers, String ownHeader,
            List<String> ownValues) {
        List<HttpServerRequest> captured = new ArrayList<>(paths.size());
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> {
                    synchronized (captured) {
                        captured.add(request);
                    }
                    return request.receive().then(response.status(204).send());
                })
                .bindNow();
        try {
            HttpClient client = HttpClient.create().baseUrl("http://127.0.0.1:" + server.port())
                    .headers(h -> headers.forEach(h::set));
            Flux.fromIterable(paths)
                    .index()
                    .concatMap(path -> client.headers(h -> h.set(ownHeader, ownValues.get(path.getT1().intValue())))
                            .post().uri(path.getT2()).send(ByteBufFlux.fromString(Mono.just(BODY)))
                            .responseSingle((response, body) -> body.then(Mono.just(response.status().code()))))
                    .blockLast(Duration.ofMinutes(1));
        } finally {
            server.disposeNow();
        }
        if (captured.size() != paths.size()) {
            throw new IllegalStateException("captured " + captured.size() + " of " + paths.size() + " requests");
        }
        try {
            Class<?> type = Class.forName("org.springframework.http.server.reactive.ReactorServerHttpRequest");
            Constructor<?> adapter = type.getDeclaredConstructor(HttpServerRequest.class, NettyDataBufferFactory.class);
            adapter.setAccessible(true);
            return new NettyRequests(List.copyOf(captured), adapter);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Spring's ReactorServerHttpRequest is not where it was: " + e, e);
        }
    }

    /** A new Spring adapter over the {@code i}-th captured request. */
    ServerHttpRequest request(int i) {
        HttpServerRequest received = captured.get(i);
        received.requestHeaders().remove(RoutingHeaders.CONTEXT);
        try {
            return (ServerHttpRequest) adapter.newInstance(received, buffers);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
