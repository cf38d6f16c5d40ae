package io.unitrouter.sample.bank.cell;

import io.unitrouter.boot.web.CityScoped;
import io.unitrouter.boot.web.GlobalScoped;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Global data: rates are read in a city's CZone and written in the active GZone only. */
@RestController
@ConditionalOnExpression("'${bank.zone:rzone}' == 'gzone' or '${bank.zone:rzone}' == 'czone'")
class RateController {

    private final Rates rates;

    RateController(Rates rates) {
        this.rates = rates;
    }

    /** Every rate, and the cell that answered. */
    @CityScoped
    @GetMapping("/api/rates")
    RateList all() {
        return new RateList(rates.all(), rates.cell());
    }

    /** Sets a rate; the starter refuses this anywhere but in the active GZone. */
    @GlobalScoped
    @PutMapping("/api/rates/{currency}")
    ResponseEntity<Void> set(@PathVariable String currency, @RequestBody Rate rate) {
        if (!currency.matches("[A-Z]{3}") || rate.rateMicros() <= 0) {
            return ResponseEntity.badRequest().build();
        }
        rates.set(currency, rate.rateMicros());
        return ResponseEntity.noContent().build();
    }

    /** Rates by currency, in millionths, and the cell that read them. */
    record RateList(Map<String, Long> rates, String cell) {
    }

    /** A new rate, in millionths. */
    record Rate(long rateMicros) {
    }
}
