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
 * <p>{@link TransactionalSink} writes through TDB2 transactions. Another writer (TDB2's bulk
 * loaders, {@code org.apache.jena.tdb2.loader.LoaderFactory}) can take its place: its
 * {@code DataLoader} has the same life cycle and a {@code stream()} to send quads to. Such a
 * writer must also answer {@link org.geokg.mapping.Definitions} for the rows already written, or
 * be paired with an index that does.
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
