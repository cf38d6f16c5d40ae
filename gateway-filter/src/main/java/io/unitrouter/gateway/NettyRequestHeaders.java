package io.unitrouter.gateway;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.unitrouter.core.context.RoutingHeaders;
import java.util.Iterator;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.support.Netty4HeadersAdapter;
import org.springframework.util.ClassUtils;
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

    /**
     * Spring's adapter of a Reactor Netty request (package-private in Spring, so found by name); its headers are a
     * view of the native ones. {@code null} if this Spring version has no such class.
     */
    private static final Class<?> REACTOR_REQUEST = adapterClass(
            "org.springframework.http.server.reactive.ReactorServerHttpRequest");

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

    /**
     * Reactor Netty's own header map of the request, to write into. Spring's headers of such a request are a
     * read-only view of this map, so what is written here is what every later filter reads and what the gateway
     * forwards, with no copy of the other headers.
     *
     * @return the map, or {@code null} when the request is not a plain Reactor Netty one
     */
    static io.netty.handler.codec.http.HttpHeaders inPlace(ServerHttpRequest request) {
        return nativeHeaders(request);
    }

    private static io.netty.handler.codec.http.HttpHeaders nativeHeaders(ServerHttpRequest request) {
        // Compared by identity: this runs up to twice per request.
        if (request.getClass() == REACTOR_REQUEST
                && ((AbstractServerHttpRequest) request).getNativeRequest() instanceof HttpServerRequest netty) {
            return netty.requestHeaders();
        }
        return null;
    }

    private static Class<?> adapterClass(String name) {
        ClassLoader loader = NettyRequestHeaders.class.getClassLoader();
        return ClassUtils.isPresent(name, loader) ? ClassUtils.resolveClassName(name, loader) : null;
    }
}
