package org.geokg.serve;

import org.geokg.cli.ServeCommand;

/** {@code kg serve} on its own, for running it as a separate process in {@link ServeProcessTest}. */
public final class ServeMain {
    private ServeMain() {}

    public static void main(String[] args) {
        System.exit(ServeCommand.commandLine().execute(args));
    }
}
