package io.unitrouter.sample.bank.gateway;

import io.unitrouter.sample.bank.support.ParentWatch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The bank's gateway: every client request enters here and goes to the cell that owns its user (transfers,
 * accounts), to the active GZone (rate changes) or to the caller's city CZone (rate reads). The routes are in
 * {@code application.yml}; the cells' addresses come from {@code unit-router.gateway.cells.<cell>.uri}.
 */
@SpringBootApplication
public class BankGatewayApplication {

    /**
     * Starts the gateway.
     *
     * @param args Spring Boot arguments
     */
    public static void main(String[] args) {
        ParentWatch.start();
        SpringApplication.run(BankGatewayApplication.class, args);
    }
}
