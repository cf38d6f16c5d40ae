package io.unitrouter.cli;

/**
 * A value of an imported rule document that AppActive does not know and the operator must give, written
 * {@code <fill-in:NAME>}. Every place a placeholder can stand makes the document invalid: a
 * {@code <} cannot start an id, and text is not a whole number, so {@code rules validate} refuses the
 * document until every placeholder is replaced.
 *
 * @param name e.g. {@code data-center-of-UNITA}
 * @param meaning what to put there, for the operator's list
 * @param standIn the value used when the document must be routed before the operator has filled it in
 *     (the routing check), or {@code null} to leave the field out
 */
record Placeholder(String name, String meaning, Object standIn) {

    /** The text written into the document. */
    String text() {
        return "<fill-in:" + name + ">";
    }
}
