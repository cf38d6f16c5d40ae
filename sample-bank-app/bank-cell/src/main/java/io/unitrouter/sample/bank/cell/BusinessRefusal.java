package io.unitrouter.sample.bank.cell;

/** The bank says no for good (no such account, too little money); the transaction rolls back. */
final class BusinessRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BusinessRefusal(String message) {
        super(message);
    }
}
