package io.unitrouter.spring.loadbalancer;

import io.unitrouter.core.UnitRouterException;
import java.util.Map;

/**
 * A call must go to one cell, and the service has no available instance there. Writes always fail this
 * way rather than go to another cell; reads do unless a read fallback is configured.
 *
 * <p>Immutable and thread-safe.
 */
public class NoCellInstanceException extends UnitRouterException {

    private static final long serialVersionUID = 1L;

    private final String serviceId;
    private final String cell;

    /**
     * @param serviceId the service called
     * @param cell the target cell
     * @param write whether the call writes
     * @param available how many instances the service has in all cells
     */
    public NoCellInstanceException(String serviceId, String cell, boolean write, int available) {
        super("no instance of service '" + serviceId + "' in cell " + cell + " (" + available
                + " instance(s) in other cells); " + (write ? "writes never go to another cell"
                        : "no read fallback is configured (unit-router.loadbalancer.read-fallback)"),
                Map.of("service", serviceId, "cell", cell, "write", write), null);
        this.serviceId = serviceId;
        this.cell = cell;
    }

    /** The service called. */
    public String serviceId() {
        return serviceId;
    }

    /** The target cell. */
    public String cell() {
        return cell;
    }
}
