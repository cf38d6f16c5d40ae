package io.unitrouter.console.web;

import io.unitrouter.console.config.ConsoleProperties;
import io.unitrouter.console.config.ConsoleRoles;
import io.unitrouter.console.rules.RuleHistory;
import io.unitrouter.core.Cell;
import io.unitrouter.core.routing.RoutingTable;
import io.unitrouter.core.rules.RuleDocument;
import io.unitrouter.core.rules.RuleRejection;
import io.unitrouter.core.spi.RuleStore;
import io.unitrouter.core.spi.RuleStoreException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What every page shows in its header: the store and the epoch in force, or why there is none ({@code GET
 * /api/status}); and who is logged in, with the CSRF token the page sends with writing requests ({@code GET
 * /api/session}).
 */
@RestController
class StatusController {

    /**
     * The header of every page.
     *
     * @param store the rule store
     * @param ok whether a valid document is in force
     * @param problem why not, or {@code null}
     * @param epoch the epoch in force, or {@code -1}
     * @param checksum its checksum, or {@code null}
     * @param shards its shard count, or {@code 0}
     * @param activeGZone the active GZone, or {@code null}
     * @param lastRejection the first error of a document refused since the document in force arrived, or
     *     {@code null}
     * @param refreshMillis how often pages refresh
     */
    record Status(String store, boolean ok, String problem, long epoch, String checksum, int shards,
            String activeGZone, String lastRejection, long refreshMillis) {
    }

    /**
     * The session.
     *
     * @param authenticated whether someone is logged in
     * @param name who, or {@code null}
     * @param operator whether they may act
     * @param csrf the token to send with writing requests
     */
    record Session(boolean authenticated, String name, boolean operator, Csrf csrf) {
    }

    /** Send {@code token} in the header {@code header}, or the form field {@code parameter}. */
    record Csrf(String header, String parameter, String token) {
    }

    private final RuleStore store;
    private final RuleHistory history;
    private final ConsoleProperties properties;

    StatusController(RuleStore store, RuleHistory history, ConsoleProperties properties) {
        this.store = store;
        this.history = history;
        this.properties = properties;
    }

    @GetMapping("/api/status")
    Status status() {
        List<RuleRejection> rejections = history.rejections();
        RuleRejection last = rejections.isEmpty() ? null : rejections.get(rejections.size() - 1);
        long refresh = properties.getRefresh().toMillis();
        try {
            RuleDocument document = store.load();
            RoutingTable table = RoutingTable.of(document);
            // A rejection from before the document in force arrived is history, not news for every page.
            boolean news = last != null && history.at(document.epoch())
                    .map(entry -> last.at().isAfter(entry.seen())).orElse(true);
            return new Status(store.name(), true, null, document.epoch(), table.checksum(), document.shards(),
                    table.activeGZone().map(Cell::id).orElse(null), news ? last.errors().get(0) : null, refresh);
        } catch (RuleStoreException e) {
            return new Status(store.name(), false, e.getMessage(), -1, null, 0, null,
                    last == null ? null : last.errors().get(0), refresh);
        }
    }

    @GetMapping("/api/session")
    Session session(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean authenticated = auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
        boolean operator = authenticated && auth.getAuthorities().stream()
                .anyMatch(a -> ("ROLE_" + ConsoleRoles.OPERATOR).equals(a.getAuthority()));
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        Csrf csrf = token == null ? null : new Csrf(token.getHeaderName(), token.getParameterName(), token.getToken());
        return new Session(authenticated, authenticated ? auth.getName() : null, operator, csrf);
    }
}
