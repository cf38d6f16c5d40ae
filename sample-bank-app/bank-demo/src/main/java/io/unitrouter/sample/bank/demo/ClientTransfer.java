package io.unitrouter.sample.bank.demo;

/**
 * One transfer as the client saw it, after its retries.
 *
 * @param id the transfer id
 * @param payer the payer (the routing key)
 * @param payee the payee
 * @param amount in cents
 * @param outcome the last definite answer, or {@link Outcome#NO_ANSWER}
 * @param attempts how many times it was sent
 * @param startedMs when it was first sent, in ms since the load started
 * @param tookMs from the first send to the definite answer
 */
record ClientTransfer(long id, long payer, long payee, long amount, Outcome outcome, int attempts, long startedMs,
        long tookMs) {

    /** The client's view of how a transfer ended. */
    enum Outcome {
        /** Both sides applied. */
        COMPLETED,
        /** Refused for good (too little money, no such payee), or refunded. */
        FAILED,
        /** Accepted and debited; the credit was still on its way (the final state is read from the databases). */
        PENDING,
        /** No definite answer before the client gave up. */
        NO_ANSWER
    }
}
