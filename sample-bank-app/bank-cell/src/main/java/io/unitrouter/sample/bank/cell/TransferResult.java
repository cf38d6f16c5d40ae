package io.unitrouter.sample.bank.cell;

/**
 * What a client learns about a transfer.
 *
 * @param transferId the client's id of the transfer
 * @param state {@code COMPLETED} (both sides applied), {@code FAILED} (nothing applied, or the debit was
 *     refunded) or {@code PENDING} (debited; the credit is on its way and the outbox relay will finish it)
 * @param reason why it failed or is pending; empty otherwise
 */
public record TransferResult(long transferId, String state, String reason) {

    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";
    static final String PENDING = "PENDING";

    static TransferResult completed(long transferId) {
        return new TransferResult(transferId, COMPLETED, "");
    }

    static TransferResult failed(long transferId, String reason) {
        return new TransferResult(transferId, FAILED, reason);
    }

    static TransferResult pending(long transferId, String reason) {
        return new TransferResult(transferId, PENDING, reason);
    }
}
