package io.unitrouter.sample.bank.cell;

import io.unitrouter.boot.web.UnitScoped;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The RZone's API. Every endpoint is unit-scoped: the starter answers {@code 421} when another cell owns the
 * user, and {@code 503} for a write to a frozen shard, before these methods run.
 */
@RestController
@ConditionalOnProperty(name = "bank.zone", havingValue = "rzone", matchIfMissing = true)
class TransferController {

    private final TransferService transfers;
    private final Ledger ledger;

    TransferController(TransferService transfers, Ledger ledger) {
        this.transfers = transfers;
        this.ledger = ledger;
    }

    /** A transfer from the user named by {@code X-User-Id}: 200 when it completed or failed, 202 while pending. */
    @UnitScoped
    @PostMapping("/api/transfers")
    ResponseEntity<TransferResult> transfer(@RequestHeader("X-User-Id") long payer,
            @RequestBody TransferRequest request) {
        return answer(transfers.transfer(payer, request));
    }

    /** What is known of a transfer of the user named by {@code X-User-Id}. */
    @UnitScoped
    @GetMapping("/api/transfers/{transferId}")
    ResponseEntity<TransferResult> status(@RequestHeader("X-User-Id") long payer, @PathVariable long transferId) {
        return transfers.status(transferId, payer).map(TransferController::answer)
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** An account's balance. */
    @UnitScoped
    @GetMapping("/api/accounts/{userId}")
    ResponseEntity<Balance> balance(@PathVariable long userId) {
        return ledger.balance(userId).map(b -> ResponseEntity.ok(new Balance(userId, b, ledger.cell())))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** The credit step of a transfer from another cell; its routing key is the payee. 404: no such account. */
    @UnitScoped
    @PostMapping("/internal/credits")
    ResponseEntity<Void> credit(@RequestBody CreditRequest request) {
        try {
            transfers.credit(request);
            return ResponseEntity.ok().build();
        } catch (BusinessRefusal refusal) {
            return ResponseEntity.notFound().build();
        }
    }

    private static ResponseEntity<TransferResult> answer(TransferResult result) {
        return ResponseEntity.status(TransferResult.PENDING.equals(result.state()) ? HttpStatus.ACCEPTED
                : HttpStatus.OK).body(result);
    }

    /** An account's balance, in cents, and the cell that answered. */
    record Balance(long userId, long balance, String cell) {
    }
}
