package io.unitrouter.sample.bank.cell;

/**
 * A transfer a client asks for; the payer is the request's routing key ({@code X-User-Id}).
 *
 * @param transferId chosen by the client, unique; sending the same id again never transfers twice
 * @param to the payee's user id
 * @param amount in cents, positive
 */
public record TransferRequest(long transferId, long to, long amount) {
}
