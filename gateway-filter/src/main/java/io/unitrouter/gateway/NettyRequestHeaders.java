package io.unitrouter.gateway;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.unitrouter.core.context.RoutingHeaders;
import java.util.Iterator;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.support.Netty4HeadersAdapter;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Works on Reactor Netty's own request headers where Spring's {@code HttpHeaders} views would copy names and
 * values: looking for routing headers costs no allocation, and a writable copy costs a fifth of
 * {@code HttpHeaders.copyOf}. Used only for an unmodified Reactor Netty request, whose {@code getHeaders()} are
 * exactly the native headers. Loaded only when Reactor Netty is present.
 *
 * <p>Stateless and thread-safe.
 */
final class NettyRequestHeaders {

    /** Spring's adapter of a Reactor Netty request; its headers are a view of the native ones. */
    private static final String REACTOR_REQUEST = "org.springframework.http.server.reactive.ReactorServerHttpRequest";

    private NettyRequestHeaders() {
    }

    /**
     * Whether the request has a routing header ({@link RoutingHeaders#isRoutingHeader}), or a {@code Connection}
     * header that names one.
     *
     * @return {@code TRUE} or {@code FALSE}, or {@code null} when the request is not a plain Reactor Netty one
     */
    static Boolean hasRoutingHeader(ServerHttpRequest request) {
        io.netty.handler.codec.http.HttpHeaders headers = nativeHeaders(request);
        if (headers == null) {
            return null;
        }
        Iterator<Map.Entry<CharSequence, CharSequence>> entries = headers.iteratorCharSequence();
        while (entries.hasNext()) {
            Map.Entry<CharSequence, CharSequence> entry = entries.next();
            if (RoutingHeaders.isRoutingHeader(entry.getKey())
                    || HttpHeaderNames.CONNECTION.contentEqualsIgnoreCase(entry.getKey())
                    && RoutingHeaders.namesRoutingHeader(entry.getValue())) {
                return Boolean.TRUE;
            }
        }
        return Boolean.FALSE;
    }

    /**
     * A writable copy of the request's headers, backed by a Netty header map.
     *
     * @return the copy, or {@code null} when the request is not a plain Reactor Netty one
     */
    static HttpHeaders writableCopy(ServerHttpRequest request) {
        io.netty.handler.codec.http.HttpHeaders headers = nativeHeaders(request);
        return headers == null ? null : new HttpHeaders(new Netty4HeadersAdapter(headers.copy()));
    }

    private static io.netty.handler.codec.http.HttpHeaders nativeHeaders(ServerHttpRequest request) {
        if (REACTOR_REQUEST.equals(request.getClass().getName())
                && ((AbstractServerHttpRequest) request).getNativeRequest() instanceof HttpServerRequest netty) {
            return netty.requestHeaders();
        }
        return null;
    }
}
