package io.unitrouter.spring.loadbalancer;

import io.unitrouter.core.Access;
import io.unitrouter.core.Cell;
import io.unitrouter.core.context.RoutingHeaders;
import io.unitrouter.core.request.AccessMode;
import io.unitrouter.core.routing.UnitRouter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * Narrows a service's instances to the target cell of the call, read from the request's {@code X-Unit-Cell}
 * header (which unit-router's client interceptors and gateway filter set). An instance belongs to the cell
 * named by its metadata entry {@value #CELL_METADATA}.
 *
 * <p>Unlike Spring Cloud's zone and hint suppliers, it never falls back to other cells for writes: with no
 * instance in the target cell, the call fails with {@link NoCellInstanceException}. Reads follow
 * {@link ReadFallback}. Calls without {@code X-Unit-Cell} are not narrowed.
 *
 * <p>Thread-safe.
 */
public class CellServiceInstanceListSupplier extends DelegatingServiceInstanceListSupplier {

    /** The instance metadata key naming an instance's cell. */
    public static final String CELL_METADATA = "unit-router.cell";

    private final Supplier<UnitRouter> router;
    private final ReadFallback readFallback;

    /**
     * @param delegate the instances of the service
     * @param router the rules, to find a cell's city for {@link ReadFallback#SAME_CITY}
     * @param readFallback where reads go when the target cell has no instance
     */
    public CellServiceInstanceListSupplier(ServiceInstanceListSupplier delegate, Supplier<UnitRouter> router,
            ReadFallback readFallback) {
        super(delegate);
        this.router = router;
        this.readFallback = readFallback;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return getDelegate().get();
    }

    @Override
    public Flux<List<ServiceInstance>> get(Request request) {
        RequestData data = request != null && request.getContext() instanceof RequestDataContext context
                ? context.getClientRequest() : null;
        String cell = data == null || data.getHeaders() == null ? null
                : RoutingHeaders.targetCell(data.getHeaders()::getFirst);
        if (cell == null) {
            return getDelegate().get(request);
        }
        Access access = data.getHttpMethod() == null ? Access.WRITE : AccessMode.ofMethod(data.getHttpMethod().name());
        return getDelegate().get(request).map(instances -> narrow(instances, cell, access));
    }

    private List<ServiceInstance> narrow(List<ServiceInstance> instances, String cell, Access access) {
        List<ServiceInstance> inCell = instances.stream().filter(i -> cell.equals(cellOf(i))).toList();
        if (!inCell.isEmpty()) {
            return inCell;
        }
        if (access == Access.READ) {
            switch (readFallback) {
                case ANY:
                    if (!instances.isEmpty()) {
                        return instances;
                    }
                    break;
                case SAME_CITY:
                    List<ServiceInstance> sameCity = sameCity(instances, cell);
                    if (!sameCity.isEmpty()) {
                        return sameCity;
                    }
                    break;
                case NONE:
                default:
                    break;
            }
        }
        throw new NoCellInstanceException(getServiceId(), cell, access == Access.WRITE, instances.size());
    }

    private List<ServiceInstance> sameCity(List<ServiceInstance> instances, String cell) {
        var topology = router.get().table().topology();
        Optional<String> city = topology.cell(cell).map(Cell::city);
        if (city.isEmpty()) {
            return List.of();
        }
        return instances.stream()
                .filter(i -> Optional.ofNullable(cellOf(i)).flatMap(topology::cell).map(Cell::city).equals(city))
                .toList();
    }

    private static String cellOf(ServiceInstance instance) {
        return instance.getMetadata() == null ? null : instance.getMetadata().get(CELL_METADATA);
    }
}
