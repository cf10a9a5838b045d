package org.geokg.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kg}: the command line of the knowledge graph. Each subcommand is a class of this package. */
@Command(name = "kg",
        mixinStandardHelpOptions = true,
        version = "kg 0.1.0 (Apache Jena 5.6.0)",
        description = "Validates, loads and serves the geopolitical knowledge graph.",
        subcommands = {ValidateCommand.class, LoadCommand.class, ServeCommand.class, QueryCommand.class,
                ExportCommand.class, PublishCommand.class, BenchCommand.class, WikidataCommand.class,
                SuggestCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Run 'kg COMMAND --help' for a command's options. Runtime state (databases, logs) lives under var/."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Printed when even the line a command ends with (see ResourceFailure) could not be made for want of memory. */
    private static final String OUT_OF_MEMORY = "kg: out of memory; raise the Java heap with KG_HEAP, e.g. KG_HEAP=2g";

    public static void main(String[] args) {
        int exit;
        try {
            exit = run(args);
        } catch (OutOfMemoryError e) {
            System.err.println(OUT_OF_MEMORY);
            exit = ResourceFailure.NO_MEMORY;
        }
        System.exit(exit);
    }

    /** Runs a command line and returns its exit code; used by tests too. */
    public static int run(String... args) {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        // Out of disk space or memory: one line and an exit code of its own (see ResourceFailure).
        // Errors reach here, past picocli's handler below, which sees only exceptions.
        cl.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (VirtualMachineError e) {
                return ResourceFailure.of(e, commandName(parseResult)).orElseThrow(() -> e).report(cl.getErr());
            }
        });
        // Expected failures (bad input, no database) print their message, not a stack trace.
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            var resource = ResourceFailure.of(ex, cmd.getCommandSpec().qualifiedName());
            if (resource.isPresent()) return resource.get().report(cmd.getErr());
            if (ex instanceof UserError || ex instanceof org.geokg.load.LoadFailedException
                    || ex instanceof org.geokg.store.StoreException) {
                cmd.getErr().println(ex.getMessage());
                return ex instanceof org.geokg.load.LoadFailedException ? 1 : 2;
            }
            // A query that fails while running (a refused or unreachable SERVICE, a timeout).
            if (ex instanceof org.apache.jena.query.QueryException) {
                cmd.getErr().println("query failed: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cl;
    }

    /** The subcommand that ran, {@code "kg load"}. */
    private static String commandName(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult last = parseResult;
        while (last.hasSubcommand()) last = last.subcommand();
        return last.commandSpec().qualifiedName();
    }
}
