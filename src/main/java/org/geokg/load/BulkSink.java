package org.geokg.load;

import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;

/**
 * Streams the load into TDB2's own bulk loader ({@link LoaderFactory#sequentialLoader}), which
 * loads the primary indexes and then builds the others from them, in one transaction: a fresh database then has no
 * space left behind by many commits, and needs no compaction. What is streamed cannot be read back
 * before {@link #finishBulk()}: the {@link IdRegistry} in front of this sink answers the mapping
 * engine's questions meanwhile.
 */
public final class BulkSink implements LoadSink {
    private final DataLoader loader;
    private StreamRDF stream;

    /** @param tdb the TDB2 dataset (not the text dataset over it: the text index is built after) */
    public BulkSink(DatasetGraph tdb) {
        // The sequential loader, not the parallel one: with the parallel loader (its worker threads
        // fed through queues) a load that filled the disk did not end (OutOfDiskSpaceTest); the
        // sequential one writes in the caller's thread, so a failure reaches the caller.
        this.loader = LoaderFactory.sequentialLoader(tdb, (fmt, args) -> { });
    }

    @Override
    public void startBulk() {
        loader.startBulk();
        stream = loader.stream();
        stream.start();
    }

    @Override
    public void add(Quad quad) { stream.quad(quad); }

    @Override
    public void prefix(String prefix, String iri) { stream.prefix(prefix, iri); }

    @Override
    public void finishBulk() {
        stream.finish();
        loader.finishBulk();
    }

    @Override
    public void finishException(Throwable cause) {
        loader.finishException(cause instanceof Exception e ? e : new RuntimeException(cause));
    }
}
