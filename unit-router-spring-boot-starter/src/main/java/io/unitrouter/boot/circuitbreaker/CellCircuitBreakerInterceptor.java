package io.unitrouter.boot.circuitbreaker;

import io.unitrouter.core.context.RoutingHeaders;
import java.io.IOException;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Runs each {@code RestClient} / {@code RestTemplate} call to a cell through that cell's circuit breaker. It
 * does not retry, and never sends the call to another cell.
 *
 * <p>Thread-safe.
 */
public class CellCircuitBreakerInterceptor implements ClientHttpRequestInterceptor {

    private final CellCircuitBreakers breakers;

    /**
     * @param breakers the breakers per cell
     */
    public CellCircuitBreakerInterceptor(CellCircuitBreakers breakers) {
        this.breakers = breakers;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        String cell = RoutingHeaders.targetCell(request.getHeaders()::getFirst);
        if (cell == null) {
            return execution.execute(request, body);
        }
        CellCircuitBreakers.Call call = breakers.start(cell);
        ClientHttpResponse response;
        try {
            response = execution.execute(request, body);
        } catch (IOException | RuntimeException | Error e) {
            call.failed(e);
            throw e;
        }
        call.answered(response.getStatusCode().value());
        return response;
    }
}
