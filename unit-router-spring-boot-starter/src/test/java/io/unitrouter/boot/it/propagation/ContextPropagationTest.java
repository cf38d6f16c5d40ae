package io.unitrouter.boot.it.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.unitrouter.boot.it.LedgerCells;
import io.unitrouter.boot.context.RoutingContextHolder;
import io.unitrouter.boot.it.Received;
import io.unitrouter.core.context.RoutingContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * The routing context of the work in progress reaches the ledger through every client and across threads:
 * each call must land on the key's owner cell (rz03 for key 1245) with signed headers for that key.
 */
@SpringBootTest(classes = PropagationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ContextPropagationTest {

    static final String SECRET = "propagation-test-secret-0123456789abcdef";
    static final LedgerCells LEDGER = new LedgerCells();
    static final RoutingContext KEY_1245 = RoutingContext.ofKey("1245");

    @Autowired
    @LoadBalanced
    RestClient.Builder restClient;

    @Autowired
    @LoadBalanced
    RestTemplate restTemplate;

    @Autowired
    @LoadBalanced
    WebClient.Builder webClient;

    @Autowired
    PropagationApplication.LedgerClient feign;

    @Autowired
    PropagationApplication.AsyncLedger async;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("unit-router.local-cell", () -> "rz01");
        registry.add("unit-router.instance-id", () -> "propagation-test");
        registry.add("unit-router.rules.location", () -> "classpath:rules/three-cities.yaml");
        registry.add("unit-router.security.secret", () -> SECRET);
        LEDGER.discoveryProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stopLedger() {
        LEDGER.stop();
    }

    @BeforeEach
    void resetLedger() {
        LEDGER.reset();
    }

    /** Runs {@code call} with key 1245's context and checks that the ledger call landed on rz03, signed. */
    private void assertReachesOwnerWithContext(Supplier<String> call) {
        AtomicReference<String> body = new AtomicReference<>();
        RoutingContextHolder.runWith(KEY_1245, () -> body.set(call.get()));

        assertThat(body.get()).startsWith("rz03-a");
        assertThat(LEDGER.all()).hasSize(1);
        LoggedRequest arrived = LEDGER.receivedBy("rz03").get(0);
        RoutingContext received = Received.context(arrived, SECRET);
        assertThat(received.key()).isEqualTo("1245");
        assertThat(received.cell()).isEqualTo("rz03");
    }

    @Test
    void restClientCarriesTheContext() {
        RestClient client = restClient.baseUrl("http://ledger").build();

        assertReachesOwnerWithContext(() -> client.get().uri("/entries").retrieve().body(String.class));
    }

    @Test
    void restTemplateCarriesTheContext() {
        assertReachesOwnerWithContext(() -> restTemplate.getForObject("http://ledger/entries", String.class));
    }

    @Test
    void webClientCarriesTheContextAcrossThreads() {
        WebClient client = webClient.baseUrl("http://ledger").build();

        assertReachesOwnerWithContext(() -> client.get().uri("/entries").retrieve().bodyToMono(String.class)
                .publishOn(Schedulers.parallel()).block(Duration.ofSeconds(20)));
    }

    @Test
    void feignCarriesTheContext() {
        assertReachesOwnerWithContext(feign::entries);
    }

    @Test
    void asyncMethodsRunWithTheCallersContext() {
        assertReachesOwnerWithContext(() -> async.entries().join());
        assertThat(LEDGER.all()).hasSize(1);
    }

    @Test
    void contextSurvivesAReactorChainThatSwitchesThreads() {
        String caller = Thread.currentThread().getName();
        AtomicReference<String> worker = new AtomicReference<>();

        RoutingContext seen = Mono.fromCallable(() -> {
            worker.set(Thread.currentThread().getName());
            return RoutingContextHolder.get();
        }).subscribeOn(Schedulers.boundedElastic()).publishOn(Schedulers.parallel())
                .map(context -> context)
                .contextWrite(Context.of(RoutingContextHolder.CONTEXT_KEY, KEY_1245))
                .block(Duration.ofSeconds(10));

        assertThat(seen).isEqualTo(KEY_1245);
        assertThat(worker.get()).isNotEqualTo(caller);
    }

    @Test
    void contextOfTheSubscribingThreadReachesOperatorsOnOtherThreads() {
        AtomicReference<RoutingContext> seen = new AtomicReference<>();

        RoutingContextHolder.runWith(KEY_1245, () -> seen.set(Mono.fromCallable(RoutingContextHolder::get)
                .subscribeOn(Schedulers.boundedElastic()).block(Duration.ofSeconds(10))));

        assertThat(seen.get()).isEqualTo(KEY_1245);
    }

    @Test
    void callsWithoutContextCarryNoRoutingHeaders() {
        RestClient client = restClient.baseUrl("http://ledger").build();

        client.get().uri("/entries").retrieve().body(String.class);

        assertThat(LEDGER.all()).singleElement().satisfies(request ->
                assertThat(request.getHeaders().keys()).noneMatch(name -> name.toLowerCase().startsWith("x-unit-")));
    }
}
