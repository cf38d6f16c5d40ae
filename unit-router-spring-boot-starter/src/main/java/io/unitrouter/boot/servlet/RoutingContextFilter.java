package io.unitrouter.boot.servlet;

import io.unitrouter.boot.context.RoutingContextHolder;
import io.unitrouter.boot.web.RoutingKeyResolver;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rebuilds the routing context of every request and makes it the thread's current context for the length
 * of the request; clears it afterwards, so nothing leaks to the next request on a pooled thread. It refuses
 * nothing by itself: {@link ScopeEnforcingInterceptor} judges the request once its handler is known.
 *
 * <p>Thread-safe.
 */
public class RoutingContextFilter extends OncePerRequestFilter {

    /** The request attribute holding the {@link RoutingKeyResolver.Resolution}. */
    public static final String RESOLUTION_ATTRIBUTE = RoutingContextFilter.class.getName() + ".resolution";

    private final RoutingKeyResolver resolver;

    /** The name {@link #getAlreadyFilteredAttributeName} gives, made on its first call. */
    private volatile String alreadyFilteredAttributeName;

    /**
     * @param resolver rebuilds the context from headers or key
     */
    public RoutingContextFilter(RoutingKeyResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Spring's name, made once: Spring's own method joins two strings on every call, three calls per request,
     * and each new string is hashed again by the request's attribute map. The filter's name is set before its
     * first request, so the first call already sees it.
     */
    @Override
    protected String getAlreadyFilteredAttributeName() {
        String name = alreadyFilteredAttributeName;
        if (name == null) {
            name = super.getAlreadyFilteredAttributeName();
            alreadyFilteredAttributeName = name;
        }
        return name;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RoutingKeyResolver.Resolution resolution = resolver.resolve(request::getHeader,
                new ServletRequestView(request));
        request.setAttribute(RESOLUTION_ATTRIBUTE, resolution);
        RoutingContextHolder.set(resolution.context());
        try {
            chain.doFilter(request, response);
        } finally {
            RoutingContextHolder.clear();
        }
    }
}
