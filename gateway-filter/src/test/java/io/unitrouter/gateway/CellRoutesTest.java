package io.unitrouter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.route.Route;
import reactor.core.publisher.Mono;

class CellRoutesTest {

    private final CellRoutes routes = new CellRoutes();
    private final GatewayFilter stripPrefix = new OrderedGatewayFilter((exchange, chain) -> Mono.empty(), 1);

    private Route route(String id) {
        return Route.async().id(id).uri("no://op").order(7).predicate(exchange -> true)
                .replaceFilters(List.of(stripPrefix)).replaceMetadata(Map.of("response-timeout", 2000)).build();
    }

    @Test
    void aCopyIsTheSameRouteWithTheCellsSchemeHostAndPortAsItsUri() {
        Route route = route("accounts");

        CellRoutes.CellRoute copy = routes.to(route, "https://rz01.bank.internal:8443");

        assertThat(copy.route().getUri()).isEqualTo(URI.create("https://rz01.bank.internal:8443"));
        assertThat(copy.route().getId()).isEqualTo("accounts");
        assertThat(copy.route().getOrder()).isEqualTo(7);
        assertThat(copy.route().getPredicate()).isSameAs(route.getPredicate());
        assertThat(copy.route().getFilters()).containsExactly(stripPrefix);
        assertThat(copy.route().getMetadata()).containsExactly(Map.entry("response-timeout", 2000));
        assertThat(copy.pathPrefix()).isEmpty();
    }

    @Test
    void aBaseUrlsPathIsLeftForThePrefixNotPutInTheUri() {
        CellRoutes.CellRoute copy = routes.to(route("accounts"), "http://edge.bank.internal/cells/rz01");

        // Spring Cloud Gateway's route builder writes the scheme's default port, as for every route.
        assertThat(copy.route().getUri()).isEqualTo(URI.create("http://edge.bank.internal:80"));
        assertThat(copy.pathPrefix()).isEqualTo("/cells/rz01");
    }

    @Test
    void aCopyIsMadeOncePerRouteAndCellAndItsOwnCopyIsKeptOnALaterPass() {
        Route route = route("accounts");

        CellRoutes.CellRoute first = routes.to(route, "http://rz01:1");
        CellRoutes.CellRoute again = routes.to(route, "http://rz01:1");
        CellRoutes.CellRoute fromCopy = routes.to(first.route(), "http://rz01:1");
        CellRoutes.CellRoute otherCell = routes.to(first.route(), "http://rz02:1");

        assertThat(again).isSameAs(first);
        assertThat(fromCopy).isSameAs(first);
        assertThat(otherCell.route().getUri()).isEqualTo(URI.create("http://rz02:1"));
        assertThat(otherCell.route().getFilters()).containsExactly(stripPrefix);
    }

    @Test
    void aRouteReplacedByARefreshGetsANewCopyWithItsNewSettings() {
        CellRoutes.CellRoute old = routes.to(route("accounts"), "http://rz01:1");
        Route refreshed = Route.async().id("accounts").uri("no://op").order(3).predicate(exchange -> false).build();

        CellRoutes.CellRoute fresh = routes.to(refreshed, "http://rz01:1");

        assertThat(fresh).isNotSameAs(old);
        assertThat(fresh.route().getOrder()).isEqualTo(3);
        assertThat(fresh.route().getFilters()).isEmpty();
    }
}
