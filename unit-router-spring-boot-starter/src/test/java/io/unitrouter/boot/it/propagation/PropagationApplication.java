package io.unitrouter.boot.it.propagation;

import java.util.concurrent.CompletableFuture;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/** A service that calls the ledger with every kind of client, for the propagation tests. */
@SpringBootApplication
@EnableAsync
@EnableFeignClients(clients = PropagationApplication.LedgerClient.class)
public class PropagationApplication {

    @Bean
    @LoadBalanced
    RestClient.Builder loadBalancedRestClientBuilder() {
        return RestClient.builder();
    }

    @Bean
    @LoadBalanced
    RestTemplate loadBalancedRestTemplate() {
        return new RestTemplate();
    }

    @Bean
    @LoadBalanced
    WebClient.Builder loadBalancedWebClientBuilder() {
        return WebClient.builder();
    }

    /** The ledger through OpenFeign. */
    @FeignClient(name = "ledger")
    public interface LedgerClient {
        @GetMapping("/entries")
        String entries();
    }

    /** Calls the ledger on Spring's task executor. */
    @Service
    public static class AsyncLedger {

        private final RestClient ledger;

        AsyncLedger(@LoadBalanced RestClient.Builder builder) {
            this.ledger = builder.baseUrl("http://ledger").build();
        }

        @Async
        public CompletableFuture<String> entries() {
            return CompletableFuture.completedFuture(ledger.get().uri("/entries").retrieve().body(String.class)
                    + " on " + Thread.currentThread().getName());
        }
    }
}
