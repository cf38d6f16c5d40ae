package io.unitrouter.sample.bank.cell;

import io.unitrouter.boot.web.NormalScoped;
import io.unitrouter.core.routing.UnitRouter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who this process is: the demo driver polls it to know a cell is up, and its health probe uses it. */
@RestController
class CellController {

    private final UnitRouter router;
    private final BankProperties properties;

    CellController(UnitRouter router, BankProperties properties) {
        this.router = router;
        this.properties = properties;
    }

    @NormalScoped
    @GetMapping("/bank/ready")
    Ready ready() {
        return new Ready(router.localCell().map(c -> c.id()).orElse(""), properties.zone(), router.table().epoch());
    }

    /** The cell, its zone and the epoch it applied. */
    record Ready(String cell, String zone, long epoch) {
    }
}
