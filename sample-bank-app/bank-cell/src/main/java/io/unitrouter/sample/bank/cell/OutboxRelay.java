package io.unitrouter.sample.bank.cell;

import io.unitrouter.core.Access;
import io.unitrouter.core.RouteDecision;
import io.unitrouter.core.routing.UnitRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Finishes transfers whose credit got no definite answer: the payee's cell was down or moving, or the payer's
 * cell died after the debit. Every RZone runs one and takes the pending transfers of the shards it owns now, so
 * that after a failover the new owner finishes what the old one started.
 */
final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final Ledger ledger;
    private final TransferService transfers;
    private final UnitRouter router;
    private final BankProperties properties;

    OutboxRelay(Ledger ledger, TransferService transfers, UnitRouter router, BankProperties properties) {
        this.ledger = ledger;
        this.transfers = transfers;
        this.router = router;
        this.properties = properties;
    }

    /** One round: every pending transfer of a shard this cell owns and may write now. */
    @Scheduled(fixedDelayString = "${bank.relay-interval:500ms}", initialDelayString = "${bank.relay-interval:500ms}")
    void relay() {
        try {
            long before = System.currentTimeMillis() - properties.relayDelay().toMillis();
            for (Ledger.Pending pending : ledger.pending(before, BATCH)) {
                RouteDecision payer = router.route(pending.payer(), Access.WRITE);
                if (payer.local() && !payer.writeBlocked()) {
                    transfers.settle(pending);
                }
            }
        } catch (RuntimeException e) {
            // A database or a cell that is away now; the next round tries again.
            LOG.warn("outbox relay round failed: {}", e.toString());
        }
    }
}
