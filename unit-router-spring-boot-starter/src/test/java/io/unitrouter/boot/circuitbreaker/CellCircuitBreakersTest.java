package io.unitrouter.boot.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

/**
 * Circuit breakers per target cell, with a small window: count-based, 4 calls, opening at 50% failures. Only
 * transport errors and 5xx answers count as failures; a 421 is a routing answer.
 */
class CellCircuitBreakersTest {

    final CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(4)
            .minimumNumberOfCalls(4)
            .failureRateThreshold(50)
            .build());
    final CellCircuitBreakers breakers = new CellCircuitBreakers(registry);

    void answer(String cell, int status, int times) {
        for (int i = 0; i < times; i++) {
            breakers.start(cell).answered(status);
        }
    }

    @Test
    void eachCellHasItsOwnNamedBreakerInTheRegistry() {
        CircuitBreaker rz01 = breakers.of("rz01");
        assertThat(rz01.getName()).isEqualTo("unit-router-rz01");
        assertThat(breakers.of("rz01")).isSameAs(rz01);
        assertThat(registry.find("unit-router-rz01")).containsSame(rz01);
        assertThat(breakers.of("rz02")).isNotSameAs(rz01);
    }

    @Test
    void misdirectedAnswersNeverOpenTheBreaker() {
        answer("rz02", 421, 20);
        assertThat(breakers.of("rz02").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breakers.of("rz02").getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(breakers.of("rz02").getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(4);
    }

    @Test
    void clientErrorsNeverOpenTheBreaker() {
        answer("rz02", 400, 2);
        answer("rz02", 404, 2);
        answer("rz02", 409, 2);
        assertThat(breakers.of("rz02").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void serverErrorsOpenTheBreaker() {
        answer("rz02", 200, 2);
        answer("rz02", 503, 1);
        assertThat(breakers.of("rz02").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        answer("rz02", 500, 1);
        assertThat(breakers.of("rz02").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breakers.of("rz02").getMetrics().getNumberOfFailedCalls()).isEqualTo(2);
    }

    @Test
    void transportErrorsOpenTheBreaker() {
        for (int i = 0; i < 4; i++) {
            breakers.start("rz03").failed(new IOException("connection refused"));
        }
        assertThat(breakers.of("rz03").getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void openBreakerRefusesCallsNamingTheCell() {
        answer("rz02", 502, 4);
        assertThatThrownBy(() -> breakers.start("rz02"))
                .isInstanceOfSatisfying(CellCircuitOpenException.class, e -> {
                    assertThat(e.getMessage()).contains("unit-router-rz02").contains("cell rz02")
                            .contains("not sent");
                    assertThat(e.context()).containsEntry("cell", "rz02")
                            .containsEntry("breaker", "unit-router-rz02");
                    assertThat(e.getCause()).isInstanceOf(CallNotPermittedException.class);
                });
    }

    @Test
    void breakersArePerCell() {
        answer("rz02", 500, 4);
        answer("rz03", 200, 4);
        assertThat(breakers.of("rz02").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breakers.of("rz03").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThatThrownBy(() -> breakers.start("rz02")).isInstanceOf(CellCircuitOpenException.class);
        CellCircuitBreakers.Call call = breakers.start("rz03");
        call.answered(200);
        assertThat(breakers.of("rz03").getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(4);
    }

    @Test
    void abandonedCallIsNotCounted() {
        breakers.start("rz04").abandoned();
        assertThat(breakers.of("rz04").getMetrics().getNumberOfBufferedCalls()).isZero();
    }

    @Nested
    class Interceptor {

        final CellCircuitBreakerInterceptor interceptor = new CellCircuitBreakerInterceptor(breakers);

        HttpRequest requestTo(String cell) {
            MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.POST,
                    URI.create("http://ledger/accounts"));
            if (cell != null) {
                request.getHeaders().set("X-Unit-Cell", cell);
            }
            return request;
        }

        @Test
        void callToACellIsRecordedByItsBreaker() throws IOException {
            Answers answers = new Answers(200, 201);
            ClientHttpResponse first = interceptor.intercept(requestTo("rz01"), new byte[0], answers);
            interceptor.intercept(requestTo("rz01"), new byte[0], answers);
            assertThat(first.getStatusCode().value()).isEqualTo(200);
            assertThat(breakers.of("rz01").getMetrics().getNumberOfBufferedCalls()).isEqualTo(2);
            assertThat(breakers.of("rz01").getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(2);
        }

        @Test
        void misdirectedAnswersDoNotOpenTheBreaker() throws IOException {
            Answers answers = new Answers(421, 421, 421, 421, 421);
            for (int i = 0; i < 5; i++) {
                assertThat(interceptor.intercept(requestTo("rz02"), new byte[0], answers).getStatusCode().value())
                        .isEqualTo(421);
            }
            assertThat(breakers.of("rz02").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(answers.executed.get()).isEqualTo(5);
        }

        @Test
        void serverErrorsOpenTheBreakerAndLaterCallsAreNotSent() throws IOException {
            Answers answers = new Answers(500, 503, 502, 500, 200);
            for (int i = 0; i < 4; i++) {
                interceptor.intercept(requestTo("rz02"), new byte[0], answers);
            }
            assertThat(breakers.of("rz02").getState()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThatThrownBy(() -> interceptor.intercept(requestTo("rz02"), new byte[0], answers))
                    .isInstanceOfSatisfying(CellCircuitOpenException.class,
                            e -> assertThat(e.getMessage()).contains("cell rz02"));
            assertThat(answers.executed.get()).as("the refused call was not sent").isEqualTo(4);
        }

        @Test
        void otherCellsStayReachableWhileOneBreakerIsOpen() throws IOException {
            Answers answers = new Answers(500, 500, 500, 500, 200);
            for (int i = 0; i < 4; i++) {
                interceptor.intercept(requestTo("rz02"), new byte[0], answers);
            }
            assertThat(interceptor.intercept(requestTo("rz03"), new byte[0], answers).getStatusCode().value())
                    .isEqualTo(200);
            assertThat(breakers.of("rz03").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        }

        @Test
        void transportErrorsAreRecordedAndRethrown() {
            IOException refused = new IOException("connection refused");
            ClientHttpRequestExecution failing = (request, body) -> {
                throw refused;
            };
            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(() -> interceptor.intercept(requestTo("rz05"), new byte[0], failing))
                        .isSameAs(refused);
            }
            assertThat(breakers.of("rz05").getState()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(breakers.of("rz05").getMetrics().getNumberOfFailedCalls()).isEqualTo(4);
        }

        @Test
        void callWithoutACellBypassesTheBreakers() throws IOException {
            answer("rz02", 500, 4);
            Answers answers = new Answers(500, 500, 500, 500, 500, 200);
            for (int i = 0; i < 6; i++) {
                interceptor.intercept(requestTo(null), new byte[0], answers);
            }
            assertThat(answers.executed.get()).isEqualTo(6);
            assertThat(registry.getAllCircuitBreakers()).extracting(CircuitBreaker::getName)
                    .containsExactly("unit-router-rz02");
        }
    }

    /** An execution that answers with the given statuses in turn. */
    static final class Answers implements ClientHttpRequestExecution {
        final Deque<Integer> statuses = new ArrayDeque<>();
        final AtomicInteger executed = new AtomicInteger();

        Answers(Integer... statuses) {
            this.statuses.addAll(java.util.List.of(statuses));
        }

        @Override
        public ClientHttpResponse execute(HttpRequest request, byte[] body) {
            executed.incrementAndGet();
            return new MockClientHttpResponse(new byte[0], statuses.removeFirst());
        }
    }
}
