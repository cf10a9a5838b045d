package org.geokg.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.TxnType;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.geokg.store.KgStore;
import org.geokg.store.Layout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes the whole dataset from the current local database.",
                "nq, trig and jsonld keep the named graphs; ttl writes their union (the default graph)."})
public final class ExportCommand implements Callable<Integer> {
    public enum Format { ttl, nq, trig, jsonld }

    @Option(names = "--format", defaultValue = "trig",
            description = "One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    Path output;

    @Mixin DatabaseOption database;

    @Override
    public Integer call() throws IOException {
        Layout layout = Commands.layout();
        Dataset ds = Commands.openExisting(layout, database.resolve(layout));
        // Written to a temporary file first, so a failed export never leaves half a file behind.
        Path tmp = output == null ? null
                : Files.createTempFile(output.toAbsolutePath().getParent(), ".export-", ".tmp");
        try (OutputStream out = tmp == null ? System.out : new BufferedOutputStream(Files.newOutputStream(tmp))) {
            ds.begin(TxnType.READ);
            try {
                switch (format) {
                    // Streaming writers: memory stays flat for large datasets.
                    case ttl -> RDFDataMgr.write(out, ds.asDatasetGraph().getUnionGraph(), RDFFormat.TURTLE_BLOCKS);
                    case nq -> RDFDataMgr.write(out, ds.asDatasetGraph(), RDFFormat.NQUADS);
                    case trig -> RDFDataMgr.write(out, ds.asDatasetGraph(), RDFFormat.TRIG_BLOCKS);
                    case jsonld -> RDFDataMgr.write(out, ds.asDatasetGraph(), RDFFormat.JSONLD11);
                }
            } finally {
                ds.end();
            }
            out.flush();
        } catch (IOException | RuntimeException e) {
            if (tmp != null) Files.deleteIfExists(tmp);
            throw e;
        } finally {
            KgStore.close(ds);
        }
        if (tmp != null) Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return 0;
    }
}
