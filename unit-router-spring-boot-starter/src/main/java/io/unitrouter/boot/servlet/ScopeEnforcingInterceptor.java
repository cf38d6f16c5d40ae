package io.unitrouter.boot.servlet;

import io.unitrouter.boot.context.RoutingContextHolder;
import io.unitrouter.boot.web.EndpointScope;
import io.unitrouter.boot.web.InboundGuard;
import io.unitrouter.boot.web.InboundRequest;
import io.unitrouter.boot.web.Outcome;
import io.unitrouter.boot.web.RoutingKeyResolver;
import io.unitrouter.boot.web.Verdict;
import io.unitrouter.core.context.RoutingContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Judges each request once Spring MVC knows its handler, and so its declared scope: serves it, or answers
 * 400, 401, 403, 421 or 503 with a problem body. Keys in path variables are resolved here, since they exist
 * only after handler mapping.
 *
 * <p>Thread-safe.
 */
public class ScopeEnforcingInterceptor implements HandlerInterceptor {

    private final InboundGuard guard;
    private final RoutingKeyResolver resolver;
    private final ServletProblemWriter problems;
    private final CellForwarder forwarder;

    /**
     * @param guard judges requests
     * @param resolver rebuilds the context when the filter did not run, or finds a key in path variables
     * @param converters the application's message converters, for problem bodies
     * @param forwarder forwards requests in {@code FORWARD} mode; {@code null} in other modes
     */
    public ScopeEnforcingInterceptor(InboundGuard guard, RoutingKeyResolver resolver,
            Supplier<List<HttpMessageConverter<?>>> converters, CellForwarder forwarder) {
        this.guard = guard;
        this.resolver = resolver;
        this.problems = new ServletProblemWriter(converters);
        this.forwarder = forwarder;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            // The original dispatch was judged already; the error page must render.
            return true;
        }
        RoutingKeyResolver.Resolution resolution =
                (RoutingKeyResolver.Resolution) request.getAttribute(RoutingContextFilter.RESOLUTION_ATTRIBUTE);
        // Path variables exist only now, after handler mapping: look for the key again when there are any, so that
        // a key in the path is found and checked against the one in the headers. The filter has read and verified
        // the routing headers already; only when it did not run are they read here.
        boolean keyless = resolution == null
                || (resolution.problem() == null && (resolution.context() == null || !resolution.context().hasKey()));
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        boolean pathKeyed = variables instanceof Map<?, ?> map && !map.isEmpty();
        if (keyless || pathKeyed && resolution.problem() == null) {
            ServletRequestView view = new ServletRequestView(request);
            RoutingKeyResolver.Resolution now = resolution == null ? resolver.resolve(request::getHeader, view)
                    : resolver.rekey(resolution, view);
            // Usually the path's key is the one the filter found, and nothing changes. Tomcat copies its list of
            // listeners to tell them about every attribute set, so an unchanged resolution is not set again.
            if (!now.equals(resolution)) {
                request.setAttribute(RoutingContextFilter.RESOLUTION_ATTRIBUTE, now);
                RoutingContextHolder.set(now.context());
            }
            resolution = now;
        }
        EndpointScope scope = handler instanceof HandlerMethod method
                ? EndpointScope.of(method.getMethod(), method.getBeanType())
                : EndpointScope.NORMAL;
        Verdict verdict = guard.check(new InboundRequest(resolution.context(), resolution.problem(), scope,
                request.getMethod()));
        if (verdict.refused()) {
            problems.write(request, response, verdict);
            return false;
        }
        if (verdict.outcome() == Outcome.FORWARDED) {
            if (forwarder != null && forwarder.forward(request, response, verdict.decision(),
                    resolution.context() == null ? RoutingContext.EMPTY : resolution.context())) {
                guard.report(verdict);
            } else {
                Verdict unreachable = verdict.notForwarded();
                guard.report(unreachable);
                problems.write(request, response, unreachable);
            }
            return false;
        }
        return true;
    }
}
