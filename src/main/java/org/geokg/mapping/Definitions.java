package org.geokg.mapping;

import org.apache.jena.graph.Node;

/**
 * What the mapping engine asks of the rows already mapped: whether an identifier was defined by
 * an earlier row (and where), and which node carries a key such as a CAMEO country code.
 *
 * <p>The load writes through TDB2's bulk loader, which cannot be read until it ends, so the load
 * answers from {@code org.geokg.load.IdRegistry}, which keeps one entry per row (not per triple)
 * in memory; a writer that can read back what it wrote may answer from its data instead.
 */
public interface Definitions {
    /** The {@code kg:definedAt} of {@code node} ("data/x.csv:12"), or null when undefined. */
    String definedAt(Node node);

    /** A subject having {@code property} with {@code value}, or null when there is none. */
    Node subjectWith(Node property, Node value);
}
