package io.unitrouter.gateway;

import io.unitrouter.core.Cell;
import io.unitrouter.core.UnitRouterException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The base URL of each cell, for routes whose {@code uri} is not {@code lb://}. Looked up in this order: the
 * route's {@code cell-uris}, the route's {@code cell-uri-template}, {@code unit-router.gateway.cells.<id>.uri},
 * {@code unit-router.gateway.cell-uri-template}.
 *
 * <p>Immutable apart from an internal cache; thread-safe.
 */
final class CellUpstreams {

    private static final String[] PLACEHOLDERS = {"{cell}", "{kind}", "{dataCenter}", "{city}"};

    private final Map<String, String> routeUris;
    private final String routeTemplate;
    private final Map<String, String> gatewayUris;
    private final String gatewayTemplate;
    private final Map<Cell, String> expanded = new ConcurrentHashMap<>();

    /**
     * @param routeUris the route's base URLs by cell id (raw texts); may be empty
     * @param routeTemplate the route's template, or {@code null}
     * @param gatewayUris the gateway's base URLs by cell id; may be empty
     * @param gatewayTemplate the gateway's template, or {@code null}
     * @throws UnitRouterException naming the entry when a URL or template is not an absolute http(s) or ws(s)
     *     URL without query and without user information
     */
    CellUpstreams(Map<String, String> routeUris, String routeTemplate, Map<String, URI> gatewayUris,
            String gatewayTemplate) {
        this.routeUris = normalizeAll(routeUris, "cell-uris");
        this.routeTemplate = checkTemplate(routeTemplate, "cell-uri-template");
        Map<String, String> gateway = new LinkedHashMap<>();
        gatewayUris.forEach((cell, uri) -> gateway.put(cell, uri == null ? null : uri.toString()));
        this.gatewayUris = normalizeAll(gateway, "unit-router.gateway.cells");
        this.gatewayTemplate = checkTemplate(gatewayTemplate, "unit-router.gateway.cell-uri-template");
    }

    /**
     * The base URL of a cell, without a trailing slash.
     *
     * @param cell the target cell
     * @return the base URL, or {@code null} when none is configured
     * @throws UnitRouterException if a template expands to an invalid URL for this cell
     */
    String baseOf(Cell cell) {
        String base = routeUris.get(cell.id());
        if (base != null) {
            return base;
        }
        if (routeTemplate == null) {
            base = gatewayUris.get(cell.id());
            if (base != null) {
                return base;
            }
        }
        String template = routeTemplate != null ? routeTemplate : gatewayTemplate;
        if (template == null) {
            return null;
        }
        base = expanded.get(cell);
        if (base == null) {
            base = normalize(expand(template, cell), "template " + template + " for cell " + cell.id());
            expanded.putIfAbsent(cell, base);
        }
        return base;
    }

    /** Whether any URL or template is configured at all. */
    boolean isEmpty() {
        return routeUris.isEmpty() && routeTemplate == null && gatewayUris.isEmpty() && gatewayTemplate == null;
    }

    /**
     * A URL text fit for a message, which ends up in logs: everything between the scheme's {@code ://} (or the
     * start, without one) and the last {@code @} is masked. A password may hold characters a URL does not allow
     * there ({@code /}, {@code #}, spaces) when it is not percent-encoded, so no narrower rule of what user
     * information looks like can be trusted to catch it; a path with an {@code @} is masked too, which a message
     * can spare.
     */
    static String printable(String text) {
        int at = text == null ? -1 : text.lastIndexOf('@');
        if (at < 0) {
            return text;
        }
        int separator = text.indexOf("://");
        int from = separator >= 0 && separator < at ? separator + 3 : 0;
        return text.substring(0, from) + "****" + text.substring(at);
    }

    private static String expand(String template, Cell cell) {
        return template.replace("{cell}", cell.id()).replace("{kind}", cell.kind().name().toLowerCase(Locale.ROOT))
                .replace("{dataCenter}", cell.dataCenter()).replace("{city}", cell.city());
    }

    private static Map<String, String> normalizeAll(Map<String, String> uris, String property) {
        Map<String, String> result = new LinkedHashMap<>();
        if (uris != null) {
            uris.forEach((cell, uri) -> result.put(cell, normalize(uri, property + "." + cell)));
        }
        return Map.copyOf(result);
    }

    private static String checkTemplate(String template, String property) {
        if (template == null || template.isBlank()) {
            return null;
        }
        boolean hasPlaceholder = false;
        for (String placeholder : PLACEHOLDERS) {
            hasPlaceholder |= template.contains(placeholder);
        }
        if (!hasPlaceholder) {
            throw new UnitRouterException(property + " '" + printable(template) + "' has no placeholder; use {cell},"
                    + " {kind}, {dataCenter} or {city}, e.g. http://{cell}.bank.internal:8080");
        }
        String sample = template.replace("{cell}", "rz01").replace("{kind}", "rzone").replace("{dataCenter}", "dc1")
                .replace("{city}", "city1");
        normalize(sample, property);
        return template.trim();
    }

    private static String normalize(String text, String property) {
        if (text == null || text.isBlank()) {
            throw new UnitRouterException(property + " is empty; give a base URL such as"
                    + " http://rz01.bank.internal:8080");
        }
        URI uri;
        try {
            uri = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            // The JDK's message quotes the input: masked where it stands, so that the reason before it stays.
            String input = text.trim();
            String message = e.getMessage() == null ? "" : e.getMessage();
            String reason = message.contains(input) ? message.replace(input, printable(input)) : printable(message);
            throw new UnitRouterException(property + " '" + printable(text) + "' is not a URL: " + reason);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https") || scheme.equals("ws") || scheme.equals("wss"))
                || uri.getHost() == null) {
            throw new UnitRouterException(property + " '" + printable(text) + "' is not an absolute http, https, ws or"
                    + " wss URL with a host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new UnitRouterException(property + " '" + printable(text) + "' must not have a query or fragment");
        }
        if (uri.getRawUserInfo() != null) {
            // Spring Cloud Gateway builds the request URL from the scheme, host and port only: credentials in the
            // URL would silently not be sent.
            throw new UnitRouterException(property + " '" + printable(text.trim()) + "' must not have user"
                    + " information; set credentials as a header (e.g. with an AddRequestHeader filter)");
        }
        String base = uri.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }
}
