package io.unitrouter.core.request;

import io.unitrouter.core.Access;

/** How a route or endpoint tells reads from writes. */
public enum AccessMode {
    /** From the HTTP method: GET, HEAD, OPTIONS and TRACE read; everything else writes. */
    AUTO,
    /** Only reads, whatever the method (e.g. a POST search). */
    READ,
    /** Writes. */
    WRITE;

    /**
     * The access for a request with this HTTP method.
     *
     * @param httpMethod e.g. {@code GET}
     * @return the access
     */
    public Access resolve(String httpMethod) {
        return switch (this) {
            case READ -> Access.READ;
            case WRITE -> Access.WRITE;
            case AUTO -> ofMethod(httpMethod);
        };
    }

    /** GET, HEAD, OPTIONS and TRACE read; every other method writes. */
    public static Access ofMethod(String httpMethod) {
        // Compared rather than switched on: a servlet container makes the method's string anew for each request,
        // and a switch on a string hashes it first.
        boolean reads = switch (httpMethod.length()) {
            case 3 -> httpMethod.equals("GET");
            case 4 -> httpMethod.equals("HEAD");
            case 5 -> httpMethod.equals("TRACE");
            case 7 -> httpMethod.equals("OPTIONS");
            default -> false;
        };
        return reads ? Access.READ : Access.WRITE;
    }
}
