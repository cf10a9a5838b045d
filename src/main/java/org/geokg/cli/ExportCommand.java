package org.geokg.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.TxnType;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.geokg.store.KgStore;
import org.geokg.store.Layout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes the whole dataset from the current database.",
                "nq, trig and jsonld keep the named graphs; ttl writes their union (the default graph).",
                "While 'kg serve' holds the database, the data comes from that server (said on stderr); "
                        + "the output is the same either way."})
public final class ExportCommand implements Callable<Integer> {
    public enum Format { ttl, nq, trig, jsonld }

    @Spec CommandSpec spec;

    @Option(names = "--format", defaultValue = "trig",
            description = "One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    Path output;

    @Mixin DatabaseOption database;

    /** Where the statements come from: the local database or a running server. */
    interface Source {
        /** The dataset's prefixes. */
        Map<String, String> prefixes() throws IOException;

        /** Sends every quad into {@code sink}, or for {@code union} every triple of the union graph. */
        void send(boolean union, StreamRDF sink) throws IOException;
    }

    @Override
    public Integer call() throws IOException {
        Layout layout = Commands.layout();
        Path db = database.resolve(layout);
        Optional<ThroughServer> server = ThroughServer.find(db);
        if (server.isPresent()) {
            server.get().say(spec.commandLine().getErr(), "export", db);
            writeAtomically(server.get().exportSource());
            return 0;
        }
        Dataset ds = Commands.openExisting(layout, db);
        try {
            ds.begin(TxnType.READ);
            try {
                writeAtomically(local(ds.asDatasetGraph()));
            } finally {
                ds.end();
            }
        } finally {
            KgStore.close(ds);
        }
        return 0;
    }

    /** Writes to a temporary file first, so a failed export never leaves half a file behind. */
    private void writeAtomically(Source source) throws IOException {
        Path tmp = output == null ? null
                : Files.createTempFile(output.toAbsolutePath().getParent(), ".export-", ".tmp");
        try (OutputStream out = tmp == null ? System.out : new BufferedOutputStream(Files.newOutputStream(tmp))) {
            write(format, source, out);
            out.flush();
        } catch (IOException | RuntimeException e) {
            if (tmp != null) Files.deleteIfExists(tmp);
            throw e;
        }
        if (tmp != null) Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Writes the statements of {@code source} as {@code format}, prefixes sorted. The writers
     * stream (memory stays flat for large datasets), except JSON-LD's, which needs the whole
     * dataset in memory.
     */
    static void write(Format format, Source source, OutputStream out) throws IOException {
        Map<String, String> prefixes = new TreeMap<>(source.prefixes());
        switch (format) {
            case ttl -> stream(source, true, prefixes, StreamRDFWriter.getWriterStream(out, RDFFormat.TURTLE_BLOCKS));
            case nq -> stream(source, false, prefixes, StreamRDFWriter.getWriterStream(out, RDFFormat.NQUADS));
            case trig -> stream(source, false, prefixes, StreamRDFWriter.getWriterStream(out, RDFFormat.TRIG_BLOCKS));
            case jsonld -> {
                DatasetGraph dsg = DatasetGraphFactory.createGeneral();
                stream(source, false, prefixes, StreamRDFLib.dataset(dsg));
                RDFDataMgr.write(out, dsg, RDFFormat.JSONLD11);
            }
        }
    }

    private static void stream(Source source, boolean union, Map<String, String> prefixes, StreamRDF sink) throws IOException {
        sink.start();
        prefixes.forEach(sink::prefix);
        source.send(union, sink);
        sink.finish();
    }

    /** The local database, read in the caller's transaction. */
    static Source local(DatasetGraph dsg) {
        return new Source() {
            @Override public Map<String, String> prefixes() {
                return dsg.prefixes().getMapping();
            }

            @Override public void send(boolean union, StreamRDF sink) {
                if (union) dsg.getUnionGraph().find().forEachRemaining(sink::triple);
                else dsg.find().forEachRemaining(sink::quad);
            }
        };
    }
}
