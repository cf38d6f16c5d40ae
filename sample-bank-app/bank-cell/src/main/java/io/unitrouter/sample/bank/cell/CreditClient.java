package io.unitrouter.sample.bank.cell;

import io.unitrouter.boot.context.RoutingContextHolder;
import io.unitrouter.core.context.RoutingContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Sends a credit to the payee's owner cell over HTTP. The call runs with the payee as its routing key, so the
 * starter routes it to the payee's owner at the epoch in force, signs the routing headers, and lets the load
 * balancer pick only that cell's instances (a write never goes to another cell).
 */
final class CreditClient {

    /** How a credit call ended. */
    enum Outcome {
        /** The payee's cell applied the credit (now or earlier). */
        APPLIED,
        /** The payee's cell refused it for good: no such account. */
        REFUSED,
        /** No definite answer: the cell is down, moving, or did not answer in time. Safe to send again. */
        UNKNOWN
    }

    /** The outcome and what was said. */
    record Result(Outcome outcome, String detail) {
    }

    private final RestClient client;

    CreditClient(RestClient.Builder loadBalanced) {
        this.client = loadBalanced.baseUrl("http://bank").build();
    }

    Result credit(CreditRequest request) {
        Result[] result = new Result[1];
        RoutingContextHolder.runWith(RoutingContext.ofKey(Long.toString(request.to())), () -> {
            try {
                client.post().uri("/internal/credits").body(request).retrieve().toBodilessEntity();
                result[0] = new Result(Outcome.APPLIED, "");
            } catch (HttpClientErrorException e) {
                result[0] = e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)
                        ? new Result(Outcome.REFUSED, "payee " + request.to() + " has no account")
                        : new Result(Outcome.UNKNOWN, "credit answered " + e.getStatusCode().value());
            } catch (RuntimeException e) {
                // Server errors, timeouts, refused connections, no instance in the owner cell, an open breaker.
                result[0] = new Result(Outcome.UNKNOWN, "credit failed: " + e.getClass().getSimpleName());
            }
        });
        return result[0];
    }
}
