package org.geokg.store;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.query.text.DatasetGraphText;
import org.apache.jena.query.text.Entity;
import org.apache.jena.query.text.EntityDefinition;
import org.apache.jena.query.text.TextIndex;
import org.apache.jena.query.text.TextQueryFuncs;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;

/**
 * Builds the full-text index of a loaded database in one batch, as Jena's {@code textindexer}
 * does: every quad of each indexed predicate becomes an entity added to Lucene, and the index is
 * committed once at the end, instead of quad by quad through the text dataset's transactions.
 */
public final class TextIndexing {
    private TextIndexing() {}

    /** @param dataset the text dataset of the configuration; its index is expected empty */
    public static long indexAll(DatasetGraph dataset) {
        if (!(dataset instanceof DatasetGraphText text))
            throw new StoreException("the configured dataset has no text index: " + dataset.getClass().getSimpleName());
        TextIndex index = text.getTextIndex();
        EntityDefinition def = index.getDocDef();
        DatasetGraph base = text.getBase();
        long n = Txn.calculateRead(base, () -> {
            long added = 0;
            Set<Node> properties = new LinkedHashSet<>();
            for (String field : def.fields()) properties.addAll(def.getPredicates(field));
            for (Node property : properties) {
                Iterator<Quad> quads = base.find(Node.ANY, Node.ANY, property, Node.ANY);
                while (quads.hasNext()) {
                    Entity e = TextQueryFuncs.entityFromQuad(def, quads.next());
                    if (e == null) continue;
                    index.addEntity(e);
                    added++;
                }
            }
            return added;
        });
        index.prepareCommit();
        index.commit();
        return n;
    }
}
