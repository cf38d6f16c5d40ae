package io.unitrouter.boot.it.reactive;

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
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** A WebFlux cell, for the reactive end-to-end tests. */
@SpringBootApplication
public class ReactiveCellApplication {

    @Bean
    @LoadBalanced
    WebClient.Builder loadBalancedWebClientBuilder() {
        return WebClient.builder();
    }

    @RestController
    static class Accounts {

        private final WebClient ledger;
        private final UnitRouter router;

        Accounts(@LoadBalanced WebClient.Builder builder, UnitRouter router) {
            this.ledger = builder.baseUrl("http://ledger").build();
            this.router = router;
        }

        @UnitScoped
        @GetMapping("/accounts/{id}")
        Mono<String> balance(@PathVariable String id) {
            return Mono.just("balance of " + id + " in " + router.localCell().orElseThrow().id());
        }

        @UnitScoped
        @PostMapping("/accounts/{id}/transfers")
        Mono<String> transfer(@PathVariable String id, @RequestBody String amount) {
            return Mono.just("transferred " + amount + " from " + id + " in " + router.localCell().orElseThrow().id());
        }

        @NormalScoped
        @GetMapping("/ledger")
        Mono<String> ledger() {
            return Mono.just("entries").publishOn(Schedulers.parallel())
                    .flatMap(path -> ledger.get().uri("/" + path).retrieve().bodyToMono(String.class));
        }
    }
}
