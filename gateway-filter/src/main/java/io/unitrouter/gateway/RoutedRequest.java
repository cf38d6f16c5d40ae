package io.unitrouter.gateway;

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

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }
}
