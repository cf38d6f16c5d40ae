package io.unitrouter.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrouter.spring.TestRules;
import io.unitrouter.spring.loadbalancer.CellLoadBalancerConfiguration;
import io.unitrouter.spring.loadbalancer.CellServiceInstanceListSupplier;
import io.unitrouter.spring.loadbalancer.NoCellInstanceException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClientSpecification;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;

/** The cell-aware load balancer, registered as the default configuration of every Spring Cloud LoadBalancer client. */
class UnitRouterLoadBalancerAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitRouterAutoConfiguration.class,
                    UnitRouterLoadBalancerAutoConfiguration.class))
            .withPropertyValues("unit-router.rules.location=" + TestRules.LOCATION,
                    "unit-router.instance-id=lb-test");

    @Test
    void registersTheCellConfigurationAsTheDefaultForEveryClient() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(cellSpecifications(context)).singleElement().satisfies(specification ->
                    assertThat(specification.getName()).startsWith("default."));
        });
    }

    @Test
    void noCellConfigurationWhenTheLoadBalancerIsDisabled() {
        runner.withPropertyValues("unit-router.loadbalancer.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(cellSpecifications(context)).isEmpty();
        });
    }

    @Test
    void noCellConfigurationWhenUnitRouterIsDisabled() {
        runner.withPropertyValues("unit-router.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(cellSpecifications(context)).isEmpty();
        });
    }

    @Test
    void noCellConfigurationWithoutSpringCloudLoadBalancer() {
        runner.withClassLoader(new FilteredClassLoader(ServiceInstanceListSupplier.class)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(cellSpecifications(context)).isEmpty();
        });
    }

    @Test
    void everyClientsInstanceSupplierIsNarrowedToTheCallsCell() {
        withDiscovery().run(context -> {
            ServiceInstanceListSupplier supplier = context.getBean(LoadBalancerClientFactory.class)
                    .getInstance("ledger", ServiceInstanceListSupplier.class);
            assertThat(supplier).isInstanceOf(CellServiceInstanceListSupplier.class);
            assertThat(supplier.get(request(HttpMethod.GET, "rz02")).blockFirst())
                    .extracting(ServiceInstance::getInstanceId).containsExactly("rz02-a");
            assertThat(supplier.get(request(HttpMethod.GET, null)).blockFirst()).hasSize(3);
            assertThatThrownBy(() -> supplier.get(request(HttpMethod.GET, "rz04")).blockFirst())
                    .isInstanceOf(NoCellInstanceException.class);
        });
    }

    @Test
    void aServletAppWithoutWebFluxHadNoReactiveDiscoveryClientSoEveryLoadBalancedCallFailed() {
        // Only the blocking discovery client, and no WebFlux classes: a plain Spring MVC application.
        blockingDiscovery().withClassLoader(new FilteredClassLoader("org.springframework.web.reactive"))
                .run(context -> {
            assertThat(context).doesNotHaveBean(ReactiveDiscoveryClient.class);
            ServiceInstanceListSupplier supplier = context.getBean(LoadBalancerClientFactory.class)
                    .getInstance("ledger", ServiceInstanceListSupplier.class);
            assertThat(supplier).isInstanceOf(CellServiceInstanceListSupplier.class);
            assertThat(supplier.get(request(HttpMethod.GET, "rz02")).blockFirst())
                    .extracting(ServiceInstance::getInstanceId).containsExactly("rz02-a");
            assertThatThrownBy(() -> supplier.get(request(HttpMethod.POST, "rz04")).blockFirst())
                    .isInstanceOf(NoCellInstanceException.class);
        });
    }

    @Test
    void readFallbackPropertyReachesTheSupplier() {
        withDiscovery("rz01", "rz03").withPropertyValues("unit-router.loadbalancer.read-fallback=same-city")
                .run(context -> {
            ServiceInstanceListSupplier supplier = context.getBean(LoadBalancerClientFactory.class)
                    .getInstance("ledger", ServiceInstanceListSupplier.class);
            // No instance in rz02; rz01 is in the same city.
            assertThat(supplier.get(request(HttpMethod.GET, "rz02")).blockFirst())
                    .extracting(ServiceInstance::getInstanceId).containsExactly("rz01-a");
            assertThatThrownBy(() -> supplier.get(request(HttpMethod.POST, "rz02")).blockFirst())
                    .isInstanceOf(NoCellInstanceException.class);
                });
    }

    @Test
    void clientsAreNotCellAwareWhenTheLoadBalancerIsDisabled() {
        withDiscovery().withPropertyValues("unit-router.loadbalancer.enabled=false").run(context -> {
            ServiceInstanceListSupplier supplier = context.getBean(LoadBalancerClientFactory.class)
                    .getInstance("ledger", ServiceInstanceListSupplier.class);
            assertThat(supplier).isNotInstanceOf(CellServiceInstanceListSupplier.class);
            assertThat(supplier.get(request(HttpMethod.GET, "rz02")).blockFirst()).hasSize(3);
        });
    }

    /** The runner with Spring Cloud LoadBalancer and a simple discovery client: ledger in rz01, rz02, rz03. */
    private ApplicationContextRunner withDiscovery() {
        return withDiscovery("rz01", "rz02", "rz03");
    }

    /** The runner with Spring Cloud LoadBalancer and a simple discovery client: one ledger instance per cell. */
    private ApplicationContextRunner withDiscovery(String... cells) {
        return blockingDiscovery(cells).withConfiguration(
                AutoConfigurations.of(SimpleReactiveDiscoveryClientAutoConfiguration.class));
    }

    /** As {@link #withDiscovery()}, with the blocking discovery client only. */
    private ApplicationContextRunner blockingDiscovery() {
        return blockingDiscovery("rz01", "rz02", "rz03");
    }

    private ApplicationContextRunner blockingDiscovery(String... cells) {
        List<String> properties = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            String prefix = "spring.cloud.discovery.client.simple.instances.ledger[" + i + "].";
            properties.add(prefix + "uri=http://" + cells[i] + "-a.local:8080");
            properties.add(prefix + "instance-id=" + cells[i] + "-a");
            properties.add(prefix + "metadata[unit-router.cell]=" + cells[i]);
        }
        return runner.withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class,
                LoadBalancerAutoConfiguration.class, SimpleDiscoveryClientAutoConfiguration.class))
                .withPropertyValues(properties.toArray(String[]::new));
    }

    private static Request<RequestDataContext> request(HttpMethod method, String cell) {
        HttpHeaders headers = new HttpHeaders();
        if (cell != null) {
            headers.set("X-Unit-Cell", cell);
        }
        return new DefaultRequest<>(new RequestDataContext(new RequestData(method,
                URI.create("http://ledger/accounts"), headers, new LinkedMultiValueMap<>(), Map.of())));
    }

    static Collection<LoadBalancerClientSpecification> cellSpecifications(AssertableApplicationContext context) {
        return context.getBeansOfType(LoadBalancerClientSpecification.class).values().stream()
                .filter(s -> Arrays.asList(s.getConfiguration()).contains(CellLoadBalancerConfiguration.class))
                .toList();
    }
}
