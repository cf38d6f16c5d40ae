package io.unitrouter.sample.bank.cell;

import io.unitrouter.sharding.ShardAccessRefusedException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers {@code 503} with {@code Retry-After} when a request changed nothing and may be sent again: the rules
 * moved during its transaction, the data layer refused a write of a shard this cell does not own (or that is
 * frozen, or whose fence names another cell), or a database could not be reached.
 */
@RestControllerAdvice
class RetryAdvice {

    @ExceptionHandler(RetryableException.class)
    ResponseEntity<ProblemDetail> retryable(RetryableException e) {
        return unavailable(e.getMessage());
    }

    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<ProblemDetail> data(RuntimeException e) {
        return ShardAccessRefusedException.find(e).map(refusal -> unavailable(refusal.getMessage()))
                .orElseGet(() -> unavailable("database: " + NestedExceptionUtils.getMostSpecificCause(e).getMessage()));
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1").body(problem);
    }
}
