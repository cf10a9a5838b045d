package org.geokg.serve;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.jena.graph.Node;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.query.TxnType;
import org.apache.jena.query.text.DatasetGraphText;
import org.apache.jena.query.text.Entity;
import org.apache.jena.query.text.EntityDefinition;
import org.apache.jena.query.text.TextHit;
import org.apache.jena.query.text.TextIndex;
import org.apache.jena.query.text.TextQuery;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.util.Context;

/**
 * The dataset a server serves: one database generation at a time, replaced while serving.
 * <p>
 * Every transaction runs against exactly one generation: {@code begin} pins the current
 * generation to the thread until {@code end}, and every call in between (the query engine's,
 * the full-text index's, a Graph Store read's) goes to that generation. Fuseki runs each request
 * in one transaction, so a request that started before {@link #switchTo} finishes on the old
 * generation, and one that starts after it sees only the new one; none sees both. A generation
 * replaced is closed by its owner once {@link Generation#idle()}: no transaction holds it any more.
 * <p>
 * The context is the server's own, not a generation's: Fuseki copies a dataset's context into
 * each request before the transaction starts. So the full-text index in it
 * ({@link TextQuery#textIndex}) is one that asks the thread's pinned generation for its index.
 */
final class GenerationSwitch extends DatasetGraphWrapper {

    /** One opened generation: its directory, its dataset (text index over TDB2), its users. */
    static final class Generation {
        final Path dir;
        final String id;
        final DatasetGraph dataset;
        private final AtomicInteger users = new AtomicInteger();

        Generation(Path dir, String id, DatasetGraph dataset) {
            this.dir = dir;
            this.id = id;
            this.dataset = Objects.requireNonNull(dataset);
        }

        /** Whether no transaction runs against it. */
        boolean idle() { return users.get() == 0; }

        TextIndex textIndex() {
            if (dataset instanceof DatasetGraphText t) return t.getTextIndex();
            Object idx = dataset.getContext().get(TextQuery.textIndex);
            return idx instanceof TextIndex t ? t : null;
        }

        @Override public String toString() { return dir.getFileName().toString(); }
    }

    private volatile Generation current;
    private final ThreadLocal<Generation> pinned = new ThreadLocal<>();
    private final Context context;

    GenerationSwitch(Generation first) {
        super(first.dataset, null);
        this.current = first;
        // Same settings as the generation's (e.g. TDB2's union default graph), but the index is
        // the switching one, and settings made here (the query timeout) outlive any generation.
        this.context = first.dataset.getContext().copy();
        if (first.textIndex() != null) context.set(TextQuery.textIndex, new PinnedTextIndex());
    }

    /** The generation new transactions get. */
    Generation current() { return current; }

    /**
     * Makes {@code next} the generation of every transaction that begins from now on. Those
     * already running finish on the one returned, which the caller closes once it is idle.
     */
    synchronized Generation switchTo(Generation next) {
        Generation old = current;
        current = next;
        return old;
    }

    /** The generation of this thread's transaction, or the current one outside a transaction. */
    Generation active() {
        Generation g = pinned.get();
        return g != null ? g : current;
    }

    @Override protected DatasetGraph get() { return active().dataset; }

    @Override protected Context getCxt() { return context; }

    // ---- transactions: pin at begin, release at end

    @Override public void begin() { begin(TxnType.READ_PROMOTE); }

    @Override public void begin(ReadWrite mode) { begin(TxnType.convert(mode)); }

    @Override
    public void begin(TxnType type) {
        Generation stale = pinned.get();
        if (stale != null) {
            // A nested begin is the generation's to refuse; a transaction committed without end() is over.
            if (stale.dataset.isInTransaction()) { stale.dataset.begin(type); return; }
            unpin(stale);
        }
        Generation g = acquire();
        try {
            g.dataset.begin(type);
        } catch (RuntimeException | Error e) {
            g.users.decrementAndGet();
            throw e;
        }
        pinned.set(g);
    }

    @Override
    public void end() {
        Generation g = pinned.get();
        if (g == null) return;   // not in a transaction here
        try {
            g.dataset.end();
        } finally {
            unpin(g);
        }
    }

    /** Takes a user of the current generation; never one that {@link #switchTo} has already replaced. */
    private Generation acquire() {
        while (true) {
            Generation g = current;
            g.users.incrementAndGet();
            if (g == current) return g;
            g.users.decrementAndGet();
        }
    }

    private void unpin(Generation g) {
        pinned.remove();
        g.users.decrementAndGet();
    }

    /** Closing is the owner's, per generation ({@link GenerationWatcher}); closing the switch closes nothing. */
    @Override public void close() {}

    @Override public String toString() { return "GenerationSwitch[" + current + "]"; }

    /** The full-text index of the thread's generation. */
    private final class PinnedTextIndex implements TextIndex {
        private TextIndex index() {
            TextIndex t = active().textIndex();
            if (t == null) throw new IllegalStateException("generation " + active() + " has no text index");
            return t;
        }

        @Override public void prepareCommit() { index().prepareCommit(); }
        @Override public void commit() { index().commit(); }
        @Override public void rollback() { index().rollback(); }
        @Override public void addEntity(Entity entity) { index().addEntity(entity); }
        @Override public void updateEntity(Entity entity) { index().updateEntity(entity); }
        @Override public void deleteEntity(Entity entity) { index().deleteEntity(entity); }
        @Override public Map<String, Node> get(String uri) { return index().get(uri); }

        @Override public List<TextHit> query(Node property, String qs, String graphURI, String lang, int limit) {
            return index().query(property, qs, graphURI, lang, limit);
        }

        @Override public List<TextHit> query(Node property, String qs, String graphURI, String lang) {
            return index().query(property, qs, graphURI, lang);
        }

        @Override public List<TextHit> query(Node property, String qs, String graphURI, String lang, int limit, String highlight) {
            return index().query(property, qs, graphURI, lang, limit, highlight);
        }

        @Override public List<TextHit> query(List<Resource> props, String qs, String graphURI, String lang, int limit, String highlight) {
            return index().query(props, qs, graphURI, lang, limit, highlight);
        }

        @Override public List<TextHit> query(String subjectUri, List<Resource> props, String qs, String graphURI, String lang,
                                             int limit, String highlight) {
            return index().query(subjectUri, props, qs, graphURI, lang, limit, highlight);
        }

        @Override public List<TextHit> query(Node subj, List<Resource> props, String qs, String graphURI, String lang,
                                             int limit, String highlight) {
            return index().query(subj, props, qs, graphURI, lang, limit, highlight);
        }

        @Override public List<TextHit> query(String subjectUri, Node property, String qs, String graphURI, String lang,
                                             int limit, String highlight) {
            return index().query(subjectUri, property, qs, graphURI, lang, limit, highlight);
        }

        @Override public EntityDefinition getDocDef() { return index().getDocDef(); }

        /** The generations' indexes are closed with their generations. */
        @Override public void close() {}
    }
}
