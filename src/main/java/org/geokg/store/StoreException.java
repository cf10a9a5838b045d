package org.geokg.store;

/** A database or configuration problem that the user has to act on; its message says what. */
public class StoreException extends RuntimeException {
    public StoreException(String message) { super(message); }
    public StoreException(String message, Throwable cause) { super(message, cause); }
}
