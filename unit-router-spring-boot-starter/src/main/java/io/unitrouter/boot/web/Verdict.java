package io.unitrouter.boot.web;

import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.context.RoutingHeaders;
import io.unitrouter.core.request.Refusal;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The judgement on an inbound request: serve it, forward it, or refuse it with a status, headers and a
 * problem-detail body.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outcome what happens
 * @param decision the route decision, or {@code null} when none was made
 * @param detail a sentence for the problem body and the log
 * @param retryAfter for {@link Outcome#FROZEN}, the Retry-After; otherwise {@code null}
 */
public record Verdict(Outcome outcome, RouteDecision decision, String detail, Duration retryAfter) {

    /** Whether the request is refused. */
    public boolean refused() {
        return outcome.status() != 0;
    }

    /**
     * The verdict to answer with when this {@link Outcome#FORWARDED} request could not be forwarded: a
     * {@link Outcome#MISDIRECTED} refusal naming the owner cell no instance of which could be reached.
     *
     * @return the refusal
     * @throws IllegalStateException if this verdict is not {@link Outcome#FORWARDED}
     */
    public Verdict notForwarded() {
        if (outcome != Outcome.FORWARDED) {
            throw new IllegalStateException("only a FORWARDED verdict can fail to be forwarded, not " + outcome);
        }
        return new Verdict(Outcome.MISDIRECTED, decision, detail + "; no instance of cell " + decision.cell()
                + " could be reached to forward to", null);
    }

    /** The response headers of a refusal: the owner cell for 421, Retry-After for 503. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (decision != null && outcome == Outcome.MISDIRECTED) {
            headers.put(RoutingHeaders.CELL, decision.cell());
            headers.put(RoutingHeaders.EPOCH, Long.toString(decision.epoch()));
        }
        if (retryAfter != null) {
            headers.put("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        return headers;
    }

    /** The RFC 9457 problem body of a refusal, with the type, title and status of its {@link Refusal}. */
    public ProblemDetail problem() {
        Refusal refusal = outcome.refusal();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(refusal.status()), detail);
        problem.setType(URI.create(refusal.type()));
        problem.setTitle(refusal.title());
        if (decision != null) {
            problem.setProperty("cell", decision.cell());
            problem.setProperty("epoch", decision.epoch());
            if (decision.shard() >= 0) {
                problem.setProperty("shard", decision.shard());
            }
        }
        return problem;
    }
}
