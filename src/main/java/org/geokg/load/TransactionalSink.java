package org.geokg.load;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.geokg.mapping.Definitions;
import org.geokg.ontology.Vocab;

/**
 * Writes the load stream into a dataset (TDB2 with its text index) through write transactions it
 * alone begins and commits: a new one every {@link #QUADS_PER_COMMIT} quads, because one
 * transaction for the whole input would keep growing in memory. Answers {@link Definitions} from
 * what it has written, inside its own transaction, which sees its own writes.
 */
public final class TransactionalSink implements LoadSink, Definitions {
    /** Quads per write transaction: large enough to be quick, small enough to keep memory flat. */
    static final int QUADS_PER_COMMIT = 250_000;

    private final Dataset dataset;
    private final DatasetGraph dsg;
    private long sinceCommit;

    public TransactionalSink(Dataset dataset) {
        this.dataset = dataset;
        this.dsg = dataset.asDatasetGraph();
    }

    @Override
    public void startBulk() { dataset.begin(TxnType.WRITE); }

    @Override
    public void add(Quad quad) {
        dsg.add(quad);
        if (++sinceCommit >= QUADS_PER_COMMIT) {
            sinceCommit = 0;
            dataset.commit();
            dataset.begin(TxnType.WRITE);
        }
    }

    @Override
    public void prefix(String prefix, String iri) { dsg.prefixes().add(prefix, iri); }

    @Override
    public void finishBulk() { dataset.commit(); }

    @Override
    public void finishException(Throwable cause) {
        if (dataset.isInTransaction()) dataset.abort();
    }

    @Override
    public String definedAt(Node node) { return definedAt(dsg, node); }

    @Override
    public Node subjectWith(Node property, Node value) {
        var it = dsg.find(Node.ANY, Node.ANY, property, value);
        try {
            return it.hasNext() ? it.next().getSubject() : null;
        } finally {
            Iter.close(it);
        }
    }

    /** The {@code kg:definedAt} of a node in {@code dsg} (which must be in a transaction), or null. */
    static String definedAt(DatasetGraph dsg, Node node) {
        if (node == null || !(node.isURI() || node.isBlank())) return null;
        var it = dsg.find(Node.ANY, node, Vocab.DEFINED_AT, Node.ANY);
        try {
            return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : null;
        } finally {
            Iter.close(it);
        }
    }
}
