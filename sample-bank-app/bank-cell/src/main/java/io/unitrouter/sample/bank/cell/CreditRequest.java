package io.unitrouter.sample.bank.cell;

/**
 * The credit step of a transfer across cells, sent by the payer's cell to the payee's owner cell.
 *
 * @param transferId the transfer
 * @param from the payer
 * @param to the payee, the call's routing key
 * @param amount in cents
 */
public record CreditRequest(long transferId, long from, long to, long amount) {
}
