package io.unitrouter.boot.it.bank;

import io.unitrouter.boot.web.CityScoped;
import io.unitrouter.boot.web.GlobalScoped;
import io.unitrouter.boot.web.NormalScoped;
import io.unitrouter.boot.web.UnitScoped;
import io.unitrouter.core.routing.UnitRouter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/** A cell of a small bank, for end-to-end tests: accounts owned per user, and calls out to a ledger service. */
@SpringBootApplication
public class BankCellApplication {

    /** The load-balanced client the application uses to call other services. */
    @Bean
    @LoadBalanced
    RestClient.Builder loadBalancedRestClientBuilder() {
        return RestClient.builder();
    }

    @RestController
    static class Accounts {

        private final RestClient ledger;
        private final UnitRouter router;

        Accounts(RestClient.Builder builder, UnitRouter router) {
            this.ledger = builder.baseUrl("http://ledger").build();
            this.router = router;
        }

        @UnitScoped
        @PostMapping("/accounts/{id}/transfers")
        String transfer(@PathVariable String id, @RequestBody String amount) {
            return "transferred " + amount + " from " + id + " in " + router.localCell().orElseThrow().id();
        }

        @UnitScoped
        @GetMapping("/accounts/{id}")
        String balance(@PathVariable String id) {
            return "balance of " + id;
        }

        @UnitScoped
        @PostMapping("/accounts/{id}/deposits")
        String deposit(@PathVariable String id, @RequestBody String amount) {
            return "deposited " + amount + " to " + id;
        }

        @UnitScoped
        @GetMapping("/me")
        String me() {
            return "me";
        }

        @GlobalScoped
        @PostMapping("/rates")
        String setRate(@RequestBody String rate) {
            return "rate " + rate;
        }

        @CityScoped
        @GetMapping("/rates")
        String rates() {
            return "rates";
        }

        @NormalScoped
        @GetMapping("/ledger/{user}")
        String readLedger(@PathVariable String user) {
            return ledger.get().uri("/entries").retrieve().body(String.class);
        }

        @NormalScoped
        @PostMapping("/ledger/{user}")
        String writeLedger(@PathVariable String user) {
            return ledger.post().uri("/entries").body("1").retrieve().body(String.class);
        }

        @GetMapping("/ping")
        String ping() {
            return "pong";
        }
    }
}
