package io.unitrouter.core.request;

import io.unitrouter.core.UnitRouterException;
import java.util.Map;

/**
 * A request that must be refused, and how ({@link Refusal}). Thrown by the request model; integrations turn it
 * into the refusal's status and problem body.
 *
 * <p>Immutable and thread-safe.
 */
public class RefusedRequestException extends UnitRouterException {

    private static final long serialVersionUID = 1L;

    private final Refusal refusal;

    /**
     * @param refusal the kind of refusal
     * @param detail a sentence naming what is wrong with this request, for the problem body and the log
     * @param context extra facts for the problem body, in order (e.g. {@code expectedSources})
     */
    public RefusedRequestException(Refusal refusal, String detail, Map<String, ?> context) {
        super(detail, context, null);
        this.refusal = refusal;
    }

    /** How the request is refused. */
    public Refusal refusal() {
        return refusal;
    }
}
