package io.unitrouter.sample.bank.cell;

import io.unitrouter.core.Access;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.routing.UnitRouter;
import io.unitrouter.sample.bank.support.BankSchema;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Transfers. Inside one cell a transfer is one local transaction. Across cells it is a saga: the payer's cell
 * debits and writes an outbox row in one transaction, sends the credit to the payee's owner cell, then marks the
 * outbox row sent, or, on a definite refusal, refunds the payer. Every step is keyed by the transfer id, so a
 * retry (by the client, or by the outbox relay after a crash or a failover) never applies a step twice.
 */
final class TransferService {

    static final String DEBIT = "D";
    static final String CREDIT = "C";
    static final String REFUND = "R";

    private final Ledger ledger;
    private final UnitRouter router;
    private final CreditClient credits;

    TransferService(Ledger ledger, UnitRouter router, CreditClient credits) {
        this.ledger = ledger;
        this.router = router;
        this.credits = credits;
    }

    /** Carries out a transfer for a payer that this cell owns (the starter has checked that). */
    TransferResult transfer(long payer, TransferRequest request) {
        long id = request.transferId();
        if (request.amount() <= 0) {
            return TransferResult.failed(id, "amount must be positive, was " + request.amount());
        }
        if (request.to() == payer) {
            return TransferResult.failed(id, "payer and payee are the same account " + payer);
        }
        Optional<TransferResult> known = status(id, payer);
        if (known.isPresent()) {
            return known.get();
        }
        RouteDecision payee = router.route(request.to(), Access.WRITE);
        try {
            if (payee.local()) {
                if (payee.writeBlocked()) {
                    throw new RetryableException("the payee's shard " + payee.shard() + " is frozen while it moves");
                }
                return local(payer, router.route(payer, Access.WRITE).shard(), payee.shard(), request);
            }
            return acrossCells(payer, request);
        } catch (BusinessRefusal refusal) {
            return TransferResult.failed(id, refusal.getMessage());
        } catch (DataIntegrityViolationException duplicate) {
            // The same transfer id arrived twice at once; the other request wrote it.
            return status(id, payer).orElseThrow(() -> duplicate);
        }
    }

    /**
     * A transfer between two accounts of this cell, in one transaction. The account with the lower (shard, user)
     * is written first. Each write takes a lock on its row, and the first write to a shard group also takes
     * that group's fence row lock, which H2 holds exclusively. Two transfers between the same groups or
     * accounts in opposite directions, each writing its payer first, would each hold one lock and wait for
     * the other until the lock timeout. One order for every transfer rules that cycle out; groups are ranges
     * of consecutive shards, so ordering by shard also orders the groups.
     */
    private TransferResult local(long payer, int payerShard, int payeeShard, TransferRequest request) {
        boolean payeeFirst = payeeShard < payerShard || (payeeShard == payerShard && request.to() < payer);
        return ledger.inTransaction(writer -> {
            if (payeeFirst) {
                creditPayee(payer, request, writer);
                debit(payer, request, writer);
            } else {
                debit(payer, request, writer);
                creditPayee(payer, request, writer);
            }
            return TransferResult.completed(request.transferId());
        });
    }

    private void creditPayee(long payer, TransferRequest request, Ledger.Writer writer) {
        if (!ledger.credit(request.to(), request.amount(), writer)) {
            throw new BusinessRefusal("payee " + request.to() + " has no account");
        }
        ledger.entry(request.transferId(), CREDIT, request.to(), payer, request.amount(), writer);
    }

    private TransferResult acrossCells(long payer, TransferRequest request) {
        ledger.inTransaction(writer -> {
            debit(payer, request, writer);
            ledger.outbox(request.transferId(), payer, request.to(), request.amount(), writer);
            return null;
        });
        return settle(new Ledger.Pending(request.transferId(), payer, request.to(), request.amount()));
    }

    private void debit(long payer, TransferRequest request, Ledger.Writer writer) {
        if (!ledger.debit(payer, request.amount(), writer)) {
            throw new BusinessRefusal("account " + payer + " does not exist or has less than " + request.amount());
        }
        ledger.entry(request.transferId(), DEBIT, payer, request.to(), request.amount(), writer);
    }

    /**
     * Sends the credit of a pending transfer and records the outcome: sent, refunded, or still pending when the
     * payee's cell gave no definite answer (the relay tries again later).
     */
    TransferResult settle(Ledger.Pending pending) {
        CreditClient.Result credit = credits.credit(new CreditRequest(pending.transferId(), pending.payer(),
                pending.payee(), pending.amount()));
        switch (credit.outcome()) {
            case APPLIED -> ledger.inTransaction(writer -> ledger.settleOutbox(pending.transferId(), pending.payer(),
                    BankSchema.SENT, writer));
            case REFUSED -> ledger.inTransaction(writer -> {
                if (ledger.settleOutbox(pending.transferId(), pending.payer(), BankSchema.COMPENSATED, writer)) {
                    ledger.credit(pending.payer(), pending.amount(), writer);
                    ledger.entry(pending.transferId(), REFUND, pending.payer(), pending.payee(), pending.amount(),
                            writer);
                }
                return null;
            });
            default -> {
                return TransferResult.pending(pending.transferId(), credit.detail());
            }
        }
        return status(pending.transferId(), pending.payer()).orElseThrow();
    }

    /** What is known of a payer's transfer, from the payer's own shard. */
    Optional<TransferResult> status(long transferId, long payer) {
        Optional<String> outbox = ledger.outboxStatus(transferId, payer);
        if (outbox.isPresent()) {
            return Optional.of(switch (outbox.get()) {
                case BankSchema.SENT -> TransferResult.completed(transferId);
                case BankSchema.COMPENSATED -> TransferResult.failed(transferId, "the credit was refused; refunded");
                default -> TransferResult.pending(transferId, "the credit is on its way");
            });
        }
        return ledger.hasEntry(transferId, DEBIT, payer) ? Optional.of(TransferResult.completed(transferId))
                : Optional.empty();
    }

    /**
     * Applies a credit in this cell, the payee's owner. A repeated credit is answered as applied without
     * applying it again.
     *
     * @throws BusinessRefusal if the payee has no account
     */
    void credit(CreditRequest request) {
        if (ledger.hasEntry(request.transferId(), CREDIT, request.to())) {
            return;
        }
        try {
            ledger.inTransaction(writer -> {
                if (!ledger.credit(request.to(), request.amount(), writer)) {
                    throw new BusinessRefusal("payee " + request.to() + " has no account");
                }
                ledger.entry(request.transferId(), CREDIT, request.to(), request.from(), request.amount(), writer);
                return null;
            });
        } catch (DataIntegrityViolationException duplicate) {
            if (!ledger.hasEntry(request.transferId(), CREDIT, request.to())) {
                throw duplicate;
            }
        }
    }
}
