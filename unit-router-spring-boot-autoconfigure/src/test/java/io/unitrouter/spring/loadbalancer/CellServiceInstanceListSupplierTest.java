package io.unitrouter.spring.loadbalancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.spring.TestRules;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;
import reactor.core.publisher.Flux;

/**
 * Narrowing a service's instances to the call's target cell. The ledger has two instances in rz01, one in
 * rz02 (both hz), one in rz03 (sh), and one without cell metadata; none in rz04 or rz05.
 */
class CellServiceInstanceListSupplierTest {

    static final UnitRouter ROUTER = TestRules.router(null);

    static final ServiceInstance RZ01_A = instance("rz01-a", "rz01");
    static final ServiceInstance RZ01_B = instance("rz01-b", "rz01");
    static final ServiceInstance RZ02_A = instance("rz02-a", "rz02");
    static final ServiceInstance RZ03_A = instance("rz03-a", "rz03");
    static final ServiceInstance NO_CELL = new DefaultServiceInstance("legacy", "ledger", "legacy.local", 8080,
            false, Map.of());
    static final List<ServiceInstance> ALL = List.of(RZ01_A, RZ01_B, RZ02_A, RZ03_A, NO_CELL);

    static ServiceInstance instance(String id, String cell) {
        return new DefaultServiceInstance(id, "ledger", id + ".local", 8080, false,
                Map.of(CellServiceInstanceListSupplier.CELL_METADATA, cell));
    }

    static CellServiceInstanceListSupplier supplier(ReadFallback fallback) {
        return supplier(ALL, fallback);
    }

    static CellServiceInstanceListSupplier supplier(List<ServiceInstance> instances, ReadFallback fallback) {
        return new CellServiceInstanceListSupplier(new FixedInstances(instances), () -> ROUTER, fallback);
    }

    static Request<RequestDataContext> request(HttpMethod method, String cell) {
        HttpHeaders headers = new HttpHeaders();
        if (cell != null) {
            headers.set("X-Unit-Cell", cell);
        }
        return new DefaultRequest<>(new RequestDataContext(new RequestData(method,
                URI.create("http://ledger/accounts/1205"), headers, new LinkedMultiValueMap<>(), Map.of())));
    }

    @Test
    void narrowsToTheInstancesOfTheHeadersCell() {
        assertThat(supplier(ReadFallback.NONE).get(request(HttpMethod.GET, "rz01")).blockFirst())
                .containsExactly(RZ01_A, RZ01_B);
        assertThat(supplier(ReadFallback.NONE).get(request(HttpMethod.POST, "rz03")).blockFirst())
                .containsExactly(RZ03_A);
    }

    @Test
    void callWithoutACellHeaderIsNotNarrowed() {
        assertThat(supplier(ReadFallback.NONE).get(request(HttpMethod.POST, null)).blockFirst())
                .containsExactlyElementsOf(ALL);
    }

    @Test
    void requestWithoutRequestDataIsNotNarrowed() {
        assertThat(supplier(ReadFallback.NONE).get(new DefaultRequest<>()).blockFirst())
                .containsExactlyElementsOf(ALL);
        assertThat(supplier(ReadFallback.NONE).get().blockFirst()).containsExactlyElementsOf(ALL);
    }

    @Test
    void serviceIdIsTheDelegates() {
        assertThat(supplier(ReadFallback.NONE).getServiceId()).isEqualTo("ledger");
    }

    @Test
    void writeToACellWithoutInstancesFailsNamingServiceAndCell() {
        assertThatThrownBy(() -> supplier(ReadFallback.NONE).get(request(HttpMethod.POST, "rz04")).blockFirst())
                .isInstanceOfSatisfying(NoCellInstanceException.class, e -> {
                    assertThat(e.serviceId()).isEqualTo("ledger");
                    assertThat(e.cell()).isEqualTo("rz04");
                    assertThat(e.getMessage()).contains("'ledger'").contains("cell rz04")
                            .contains("5 instance(s) in other cells").contains("writes never go to another cell");
                    assertThat(e.context()).containsEntry("write", true);
                });
    }

    @Test
    void readWithoutFallbackFailsLikeAWrite() {
        assertThatThrownBy(() -> supplier(ReadFallback.NONE).get(request(HttpMethod.GET, "rz04")).blockFirst())
                .isInstanceOfSatisfying(NoCellInstanceException.class, e -> {
                    assertThat(e.cell()).isEqualTo("rz04");
                    assertThat(e.getMessage()).contains("unit-router.loadbalancer.read-fallback");
                    assertThat(e.context()).containsEntry("write", false);
                });
    }

    @Test
    void sameCityFallbackSendsReadsToOtherCellsOfTheCity() {
        List<ServiceInstance> noRz01 = List.of(RZ02_A, RZ03_A, NO_CELL);
        assertThat(supplier(noRz01, ReadFallback.SAME_CITY).get(request(HttpMethod.GET, "rz01")).blockFirst())
                .containsExactly(RZ02_A);
        List<ServiceInstance> noRz02 = List.of(RZ01_A, RZ01_B, RZ03_A);
        assertThat(supplier(noRz02, ReadFallback.SAME_CITY).get(request(HttpMethod.HEAD, "rz02")).blockFirst())
                .containsExactly(RZ01_A, RZ01_B);
    }

    @Test
    void sameCityFallbackFailsWhenTheCityHasNoInstance() {
        // rz05 is alone in sz.
        assertThatThrownBy(() -> supplier(ReadFallback.SAME_CITY).get(request(HttpMethod.GET, "rz05")).blockFirst())
                .isInstanceOfSatisfying(NoCellInstanceException.class, e -> assertThat(e.cell()).isEqualTo("rz05"));
    }

    @Test
    void sameCityFallbackFailsForACellUnknownToTheRules() {
        assertThatThrownBy(() -> supplier(ReadFallback.SAME_CITY).get(request(HttpMethod.GET, "rz99")).blockFirst())
                .isInstanceOfSatisfying(NoCellInstanceException.class, e -> assertThat(e.cell()).isEqualTo("rz99"));
    }

    @Test
    void anyFallbackSendsReadsToEveryInstance() {
        assertThat(supplier(ReadFallback.ANY).get(request(HttpMethod.GET, "rz04")).blockFirst())
                .containsExactlyElementsOf(ALL);
    }

    @Test
    void anyFallbackFailsWhenTheServiceHasNoInstanceAtAll() {
        assertThatThrownBy(() -> supplier(List.of(), ReadFallback.ANY).get(request(HttpMethod.GET, "rz04"))
                .blockFirst()).isInstanceOf(NoCellInstanceException.class);
    }

    @Test
    void writesNeverFallBackEvenWithAnyOrSameCity() {
        assertThatThrownBy(() -> supplier(ReadFallback.ANY).get(request(HttpMethod.PUT, "rz04")).blockFirst())
                .isInstanceOfSatisfying(NoCellInstanceException.class,
                        e -> assertThat(e.getMessage()).contains("writes never go to another cell"));
        List<ServiceInstance> noRz01 = List.of(RZ02_A, RZ03_A);
        assertThatThrownBy(() -> supplier(noRz01, ReadFallback.SAME_CITY).get(request(HttpMethod.DELETE, "rz01"))
                .blockFirst()).isInstanceOf(NoCellInstanceException.class);
    }

    @Test
    void callWithoutAMethodCountsAsAWrite() {
        assertThatThrownBy(() -> supplier(ReadFallback.ANY).get(request(null, "rz04")).blockFirst())
                .isInstanceOfSatisfying(NoCellInstanceException.class,
                        e -> assertThat(e.context()).containsEntry("write", true));
    }

    @Test
    void everyListTheDelegatePublishesIsNarrowed() {
        FixedInstances changing = new FixedInstances(List.of(RZ01_A, RZ02_A), List.of(RZ01_B, RZ03_A));
        CellServiceInstanceListSupplier supplier = new CellServiceInstanceListSupplier(changing, () -> ROUTER,
                ReadFallback.NONE);
        assertThat(supplier.get(request(HttpMethod.GET, "rz01")).collectList().block())
                .containsExactly(List.of(RZ01_A), List.of(RZ01_B));
    }

    /** A discovery result: each list given is published in turn. */
    static final class FixedInstances implements ServiceInstanceListSupplier {
        private final List<List<ServiceInstance>> lists;

        @SafeVarargs
        FixedInstances(List<ServiceInstance>... lists) {
            this.lists = List.of(lists);
        }

        @Override
        public String getServiceId() {
            return "ledger";
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return Flux.fromIterable(lists);
        }
    }
}
