package org.geokg.federation;

import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.Plan;
import org.apache.jena.sparql.engine.QueryEngineFactory;
import org.apache.jena.sparql.engine.QueryEngineRegistry;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.util.Context;
import org.geokg.query.QueryShape;

/**
 * Checks every SERVICE clause of a query against the allow-list before the query runs, then
 * hands the query to the engine that would have run it (TDB2's, or ARQ's).
 * <p>
 * Why before: the per-call guard in {@link Federation} refuses a SERVICE when it is about to be
 * called, and that refusal reaches the client as 422 from a pattern, OPTIONAL or sub-query. Inside
 * {@code FILTER EXISTS}, though, ARQ takes any error while evaluating the filter for "false": a
 * refused SERVICE there gave 200 and no rows. Checked here, the query is refused (422) before it
 * starts, wherever its SERVICE sits. A query given as algebra (not from text) is passed on as is.
 */
final class ServiceCheckingEngineFactory implements QueryEngineFactory {
    private static final ServiceCheckingEngineFactory INSTANCE = new ServiceCheckingEngineFactory();

    private ServiceCheckingEngineFactory() {}

    /** Puts the check in front of the engines of this JVM (once). */
    static synchronized void install() {
        if (!QueryEngineRegistry.containsFactory(INSTANCE)) QueryEngineRegistry.addFactory(INSTANCE);
    }

    static synchronized void uninstall() {
        QueryEngineRegistry.removeFactory(INSTANCE);
    }

    @Override
    public boolean accept(Query query, DatasetGraph dataset, Context context) {
        return next(query, dataset, context) != null;
    }

    @Override
    public Plan create(Query query, DatasetGraph dataset, Binding inputBinding, Context context) {
        QueryShape.check(query, Federation::checkBeforeRunning);
        return next(query, dataset, context).create(query, dataset, inputBinding, context);
    }

    @Override
    public boolean accept(Op op, DatasetGraph dataset, Context context) {
        return false;   // algebra goes straight to the engines after this one
    }

    @Override
    public Plan create(Op op, DatasetGraph dataset, Binding inputBinding, Context context) {
        throw new UnsupportedOperationException("not an engine for algebra");
    }

    /** The first other engine that takes the query: the one that would run it without this check. */
    private static QueryEngineFactory next(Query query, DatasetGraph dataset, Context context) {
        for (QueryEngineFactory f : QueryEngineRegistry.chooseRegistry(context).factories())
            if (f != INSTANCE && f.accept(query, dataset, context)) return f;
        return null;
    }
}
