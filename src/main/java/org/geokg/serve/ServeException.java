package org.geokg.serve;

/** The server cannot be started as asked; the message says why and what to do, in one line. */
public class ServeException extends RuntimeException {
    public ServeException(String message) { super(message); }
    public ServeException(String message, Throwable cause) { super(message, cause); }
}
