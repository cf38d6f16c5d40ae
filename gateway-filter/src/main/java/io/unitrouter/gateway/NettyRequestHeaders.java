package io.unitrouter.gateway;

import java.util.Iterator;
import java.util.Map;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Looks for routing headers in Reactor Netty's own request headers, which costs no allocation, where Spring's
 * {@code HttpHeaders} views copy names and values. Used only for an unmodified Reactor Netty request, whose
 * {@code getHeaders()} are exactly the native headers. Loaded only when Reactor Netty is present.
 *
 * <p>Stateless and thread-safe.
 */
final class NettyRequestHeaders {

    /** Spring's adapter of a Reactor Netty request; its headers are a view of the native ones. */
    private static final String REACTOR_REQUEST = "org.springframework.http.server.reactive.ReactorServerHttpRequest";

    private NettyRequestHeaders() {
    }

    /**
     * Whether the request has a header whose name starts with {@code prefix} (ignoring case).
     *
     * @return {@code TRUE} or {@code FALSE}, or {@code null} when the request is not a plain Reactor Netty one
     */
    static Boolean hasHeaderWithPrefix(ServerHttpRequest request, String prefix) {
        if (!REACTOR_REQUEST.equals(request.getClass().getName())
                || !(((AbstractServerHttpRequest) request).getNativeRequest() instanceof HttpServerRequest netty)) {
            return null;
        }
        Iterator<Map.Entry<CharSequence, CharSequence>> entries = netty.requestHeaders().iteratorCharSequence();
        while (entries.hasNext()) {
            if (RoutingHeaderStripWebFilter.startsWithIgnoreCase(entries.next().getKey(), prefix)) {
                return Boolean.TRUE;
            }
        }
        return Boolean.FALSE;
    }
}
