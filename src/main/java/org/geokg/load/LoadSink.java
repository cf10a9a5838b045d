package org.geokg.load;

import org.geokg.mapping.QuadSink;

/**
 * The end of the load stream, and the one owner of the write. Shaped like TDB2's
 * {@code DataLoader}: {@link #startBulk()}, then quads and prefixes (as a RIOT {@code StreamRDF}
 * receives them), then {@link #finishBulk()} to make everything durable, or
 * {@link #finishException} to abandon it. Nobody else begins, commits or aborts.
 *
 * <p>The load writes into a fresh database directory that nobody reads until it is published,
 * so a sink may commit in batches as it sees fit; a failed load deletes the directory.
 *
 * <p>{@link BulkSink} is TDB2's bulk loader ({@code org.apache.jena.tdb2.loader.LoaderFactory}),
 * whose {@code DataLoader} has this life cycle and a {@code stream()} to send quads to. A sink
 * need not read back what it has written: the pipeline's {@link IdRegistry} answers
 * {@link org.geokg.mapping.Definitions} for the rows already written.
 */
public interface LoadSink extends QuadSink {
    /** Before the first quad. */
    void startBulk();

    /** A prefix to store with the data, so exports and Fuseki's answers read kgr:russia. */
    void prefix(String prefix, String iri);

    /** After the last quad: everything sent is durable when this returns. */
    void finishBulk();

    /** Instead of {@link #finishBulk()} when the load failed: nothing more is made durable. */
    void finishException(Throwable cause);
}
