package org.geokg.load;

/** The input could not be loaded; the message lists every problem found. Nothing was changed. */
public class LoadFailedException extends RuntimeException {
    public LoadFailedException(String message) { super(message); }
}
