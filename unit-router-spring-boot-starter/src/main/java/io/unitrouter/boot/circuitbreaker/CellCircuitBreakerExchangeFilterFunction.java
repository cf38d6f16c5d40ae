package io.unitrouter.boot.circuitbreaker;

import io.unitrouter.core.context.RoutingHeaders;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Runs each {@code WebClient} call to a cell through that cell's circuit breaker.
 *
 * <p>Thread-safe.
 */
public class CellCircuitBreakerExchangeFilterFunction implements ExchangeFilterFunction {

    private final CellCircuitBreakers breakers;

    /**
     * @param breakers the breakers per cell
     */
    public CellCircuitBreakerExchangeFilterFunction(CellCircuitBreakers breakers) {
        this.breakers = breakers;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        String cell = RoutingHeaders.targetCell(request.headers()::getFirst);
        if (cell == null) {
            return next.exchange(request);
        }
        return Mono.defer(() -> {
            CellCircuitBreakers.Call call = breakers.start(cell);
            // Exactly one outcome per permitted call: a cancel after the answer must not count again.
            AtomicBoolean reported = new AtomicBoolean();
            return next.exchange(request)
                    .doOnNext(response -> {
                        if (reported.compareAndSet(false, true)) {
                            call.answered(response.statusCode().value());
                        }
                    })
                    .doOnError(error -> {
                        if (reported.compareAndSet(false, true)) {
                            call.failed(error);
                        }
                    })
                    .doOnCancel(() -> {
                        if (reported.compareAndSet(false, true)) {
                            call.abandoned();
                        }
                    });
        });
    }
}
