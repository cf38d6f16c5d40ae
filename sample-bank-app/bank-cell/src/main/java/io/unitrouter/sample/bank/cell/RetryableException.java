package io.unitrouter.sample.bank.cell;

/** A request that changed nothing and may be sent again: answered {@code 503} with {@code Retry-After}. */
final class RetryableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RetryableException(String message) {
        super(message);
    }
}
