package org.geokg.mapping;

import org.apache.jena.graph.Node;

/**
 * What the mapping engine asks of the data written so far: whether an identifier was defined by
 * an earlier row (and where), and which node carries a key such as a CAMEO country code. Asking
 * the data being built, not a map in memory, keeps memory flat however many rows there are.
 *
 * <p>A writer that cannot read back what it has written (a bulk loader that indexes only at its
 * end) supplies its own implementation, for example an index on disk.
 */
public interface Definitions {
    /** The {@code kg:definedAt} of {@code node} ("data/x.csv:12"), or null when undefined. */
    String definedAt(Node node);

    /** A subject having {@code property} with {@code value}, or null when there is none. */
    Node subjectWith(Node property, Node value);
}
