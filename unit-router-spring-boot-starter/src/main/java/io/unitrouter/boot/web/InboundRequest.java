package io.unitrouter.boot.web;

import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.context.RoutingContext;

/**
 * What the inbound filters learned about a request, for {@link InboundGuard} to judge.
 *
 * @param context the routing context from verified headers or from the request's key; {@code null} when the
 *     request has neither
 * @param problem why the headers or the key could not be used ({@code ContextVerificationException} or
 *     {@code MalformedKeyException}); {@code null} when there was no problem
 * @param scope the endpoint's declared scope
 * @param method the HTTP method, e.g. {@code GET}
 */
public record InboundRequest(RoutingContext context, UnitRouterException problem, EndpointScope scope,
        String method) {
}
