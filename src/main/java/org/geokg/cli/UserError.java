package org.geokg.cli;

/** A mistake the user can fix (a missing file, a bad option); printed as its message alone. */
public class UserError extends RuntimeException {
    public UserError(String message) { super(message); }
}
