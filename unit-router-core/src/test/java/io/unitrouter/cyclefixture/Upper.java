package io.unitrouter.cyclefixture;

import io.unitrouter.cyclefixture.lower.Lower;

/**
 * Half of a package cycle on purpose, with {@link Lower}: a root package that uses its sub-package while the
 * sub-package uses it back, the shape core's packages had before #12. {@code CorePackagesTest} checks that its
 * rule reports it.
 */
public final class Upper {

    private final Lower lower = new Lower();

    /** The other half. */
    public Lower lower() {
        return lower;
    }
}
