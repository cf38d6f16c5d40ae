package io.unitrouter.console.web;

import io.unitrouter.console.failover.FailoverDisabledException;
import io.unitrouter.console.failover.PlanChangedException;
import io.unitrouter.console.rules.RulePublisher;
import io.unitrouter.core.UnitRouterException;
import io.unitrouter.core.failover.AbortRefusedException;
import io.unitrouter.core.failover.FailoverException;
import io.unitrouter.core.failover.InvalidEventException;
import io.unitrouter.core.failover.PlanRefusedException;
import io.unitrouter.core.rules.RuleValidationException;
import io.unitrouter.core.spi.RuleStoreException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the core's exceptions into RFC 9457 problem answers whose {@code detail} is the core's own message, which
 * names the value and says what to do. The pages show it as it is.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

    /** The store holds no valid document, or cannot be read. */
    @ExceptionHandler(RuleStoreException.class)
    ProblemDetail noRules(RuleStoreException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "No rules in force", e.getMessage());
    }

    /** A draft or a document is not valid; every problem is listed. */
    @ExceptionHandler(RuleValidationException.class)
    ProblemDetail invalid(RuleValidationException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Rule document refused", e.getMessage());
        problem.setProperty("errors", e.errors());
        return problem;
    }

    /** The event text is not an event. */
    @ExceptionHandler(InvalidEventException.class)
    ProblemDetail badEvent(InvalidEventException e) {
        return problem(HttpStatus.BAD_REQUEST, "Not a failover event", e.getMessage());
    }

    /** No safe plan exists for the event. */
    @ExceptionHandler(PlanRefusedException.class)
    ProblemDetail refused(PlanRefusedException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Plan refused", e.getMessage());
    }

    /** The plan confirmed is not the plan now. */
    @ExceptionHandler(PlanChangedException.class)
    ProblemDetail changed(PlanChangedException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Plan changed", e.getMessage());
        problem.setProperty("plan", PlanView.of(e.current()));
        return problem;
    }

    /** A switched run cannot be aborted; the reverse plan is offered. */
    @ExceptionHandler(AbortRefusedException.class)
    ProblemDetail abortRefused(AbortRefusedException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Abort refused", e.getMessage());
        e.reversePlan().ifPresent(plan -> problem.setProperty("reversePlan", PlanView.of(plan)));
        return problem;
    }

    /** The coordinator stopped or refused: another run, a conflict, a timeout, an unsafe step. */
    @ExceptionHandler(FailoverException.class)
    ProblemDetail failover(FailoverException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Failover stopped", e.getMessage());
        e.run().ifPresent(run -> problem.setProperty("run", run.id()));
        return problem;
    }

    /** This console is not set up to execute failovers. */
    @ExceptionHandler(FailoverDisabledException.class)
    ProblemDetail disabled(FailoverDisabledException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Failover not configured", e.getMessage());
    }

    /** Someone else published first, or a run is in progress. */
    @ExceptionHandler(RulePublisher.PublishConflictException.class)
    ProblemDetail publishConflict(RulePublisher.PublishConflictException e) {
        return problem(HttpStatus.CONFLICT, "Not published", e.getMessage());
    }

    /** Anything else the core refused, e.g. a plan the coordinator finds unsafe. */
    @ExceptionHandler(UnitRouterException.class)
    ProblemDetail other(UnitRouterException e) {
        return problem(HttpStatus.CONFLICT, "Refused", e.getMessage());
    }

    /** A request parameter out of range, e.g. an unknown epoch. */
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
