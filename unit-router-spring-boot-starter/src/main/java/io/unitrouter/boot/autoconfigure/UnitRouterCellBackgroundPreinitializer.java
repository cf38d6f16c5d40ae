package io.unitrouter.boot.autoconfigure;

import io.unitrouter.boot.context.RoutingContextHolder;
import io.unitrouter.boot.servlet.RoutingContextFilter;
import io.unitrouter.boot.servlet.ScopeEnforcingInterceptor;
import io.unitrouter.boot.web.EndpointScope;
import io.unitrouter.boot.web.InboundGuard;
import io.unitrouter.boot.web.InboundRequest;
import io.unitrouter.boot.web.Outcome;
import io.unitrouter.boot.web.Verdict;
import java.util.List;
import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.util.ClassUtils;

/**
 * The cell's share of unit-router's background pre-initialisation (the rules, router and codec are warmed by
 * {@code unit-router-spring-boot-autoconfigure}): on Boot's {@code background-preinit} thread, it loads the
 * classes that the outbound post-processor checks every bean against and that a servlet cell's first request
 * runs through, and reads the scope of an endpoint that declares none. It creates nothing that stays, reads no
 * configuration and starts no thread. Boot skips it on a single CPU and when the system property
 * {@code spring.backgroundpreinitializer.ignore} is {@code true}; a failure costs only the warm-up.
 */
final class UnitRouterCellBackgroundPreinitializer implements BackgroundPreinitializer {

    private static final System.Logger LOG = System.getLogger(UnitRouterCellBackgroundPreinitializer.class.getName());

    /** What a servlet cell's first request loads; two are package-private, hence names. */
    static final List<String> SERVLET_REQUEST = List.of(RoutingContextFilter.class.getName(),
            "io.unitrouter.boot.servlet.ServletRequestView", ScopeEnforcingInterceptor.class.getName(),
            "io.unitrouter.boot.servlet.ServletProblemWriter", RoutingContextHolder.class.getName(),
            InboundGuard.class.getName(), InboundRequest.class.getName(), Verdict.class.getName(),
            Outcome.class.getName());

    /** The client types {@link UnitRouterClientPostProcessor} tests every bean against, when present. */
    static final List<String> CLIENT_TYPES = List.of("org.springframework.web.client.RestClient$Builder",
            "org.springframework.web.client.RestTemplate",
            "org.springframework.web.reactive.function.client.WebClient$Builder");

    @Override
    public void preinitialize() {
        try {
            warmUp();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, "unit-router: background pre-initialisation of the cell failed; the"
                    + " beans and the first request will do the same work", e);
        }
    }

    /** The warm-up itself, failing loudly (for tests). */
    static void warmUp() throws ReflectiveOperationException {
        ClassLoader loader = UnitRouterCellBackgroundPreinitializer.class.getClassLoader();
        // Its static checks for RestClient and WebClient run here rather than when the bean is made.
        Class.forName(UnitRouterClientPostProcessor.class.getName(), true, loader);
        for (String type : CLIENT_TYPES) {
            if (ClassUtils.isPresent(type, loader)) {
                // Loaded only, as an instanceof check loads it; not initialised.
                Class.forName(type, false, loader);
            }
        }
        if (ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest", loader)
                && ClassUtils.isPresent("org.springframework.web.servlet.HandlerInterceptor", loader)) {
            for (String type : SERVLET_REQUEST) {
                Class.forName(type, true, loader);
            }
        }
        EndpointScope.of(UnitRouterCellBackgroundPreinitializer.class.getDeclaredMethod("warmUp"),
                UnitRouterCellBackgroundPreinitializer.class);
    }
}
