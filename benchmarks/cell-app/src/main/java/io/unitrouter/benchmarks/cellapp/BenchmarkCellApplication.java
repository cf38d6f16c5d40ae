package io.unitrouter.benchmarks.cellapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal account service, as a team would write one: one Spring MVC endpoint answering a small JSON body.
 * {@code CellLoadBenchmark} starts it with the unit-router starter on the class path (the endpoint is then
 * unit-scoped by the starter's default: a request with a routing key is served only by the key's owner
 * cell) and without it, and compares start-up time and served-request latency.
 */
@SpringBootApplication
@RestController
public class BenchmarkCellApplication {

    /** Starts the service. */
    public static void main(String[] args) {
        SpringApplication.run(BenchmarkCellApplication.class, args);
    }

    /** The balance of one account; constant, so that only the request's path through the stack is measured. */
    @GetMapping("/api/accounts/{userId}/balance")
    Balance balance(@PathVariable String userId) {
        return new Balance(userId, "CNY", 10_000);
    }

    /** The answer's body. */
    record Balance(String userId, String currency, long minorUnits) {
    }
}
