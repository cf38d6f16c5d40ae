package io.unitrouter.benchmarks.gateway;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The least a server response can be: headers, status and cookies kept as any response keeps them, the body
 * released and dropped. {@code MockServerHttpResponse} costs much more per exchange than the filter measured (it
 * creates an exception with its stack trace for the body it has not been given, and caches a written body),
 * which inflated the baseline that {@link GatewayFilterBenchmark} subtracts; Reactor Netty's response, which
 * the gateway really uses, does neither.
 *
 * <p>Not thread-safe, like the responses it stands for.
 */
final class DiscardingResponse extends AbstractServerHttpResponse {

    private static final DefaultDataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

    DiscardingResponse() {
        super(BUFFERS);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getNativeResponse() {
        return (T) this;
    }

    @Override
    protected Mono<Void> writeWithInternal(Publisher<? extends DataBuffer> body) {
        return Flux.from(body).doOnNext(DataBufferUtils::release).then();
    }

    @Override
    protected Mono<Void> writeAndFlushWithInternal(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        return Flux.from(body).concatMap(this::writeWithInternal).then();
    }

    @Override
    protected void applyStatusCode() {
    }

    @Override
    protected void applyHeaders() {
    }

    @Override
    protected void applyCookies() {
    }
}
