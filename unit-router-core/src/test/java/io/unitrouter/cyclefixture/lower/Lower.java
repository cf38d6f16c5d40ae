package io.unitrouter.cyclefixture.lower;

import io.unitrouter.cyclefixture.Upper;

/** The other half of the cycle of {@link Upper}: a sub-package class that uses its root package. */
public final class Lower {

    /** Uses the root package back. */
    public Upper upper() {
        return new Upper();
    }
}
