package io.unitrouter.gateway;

import java.util.function.BiConsumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.ClassUtils;

/**
 * A request with other headers and everything else unchanged. Cheaper than {@code ServerHttpRequest.mutate()},
 * which also re-parses the path and re-reads cookies and query parameters of the copy.
 *
 * <p>Not thread-safe, like the request it decorates.
 */
final class RoutedRequest extends ServerHttpRequestDecorator {

    private final HttpHeaders headers;

    /**
     * @param delegate the request
     * @param headers its new headers, writable so that later filters may change them
     */
    RoutedRequest(ServerHttpRequest delegate, HttpHeaders headers) {
        super(delegate);
        this.headers = headers;
    }

    private static final boolean NETTY = ClassUtils.isPresent("reactor.netty.http.server.HttpServerRequest",
            RoutedRequest.class.getClassLoader());

    /** A writable deep copy of a request's headers (values too: the originals may be read-only lists). */
    static HttpHeaders copyHeaders(ServerHttpRequest request) {
        HttpHeaders copy = NETTY ? NettyRequestHeaders.writableCopy(request) : null;
        return copy != null ? copy : HttpHeaders.copyOf(request.getHeaders());
    }

    /**
     * Where one more header can be written into the request itself, without copying the others: the writable
     * headers of a {@code RoutedRequest}, or Reactor Netty's own header map of a request no filter has replaced.
     *
     * @return a setter that replaces a header's values, or {@code null} when the request's headers are read-only
     *     and must be copied ({@link #copyHeaders})
     */
    static BiConsumer<String, String> inPlaceSetter(ServerHttpRequest request) {
        if (request instanceof RoutedRequest routed) {
            return routed.headers::set;
        }
        io.netty.handler.codec.http.HttpHeaders headers = NETTY ? NettyRequestHeaders.inPlace(request) : null;
        return headers == null ? null : headers::set;
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }
}
