package org.geokg.store;

import java.nio.file.Path;
import java.util.Iterator;

import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.solver.stats.Stats;
import org.apache.jena.tdb2.solver.stats.StatsCollectorNodeId;
import org.apache.jena.tdb2.solver.stats.StatsResults;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * TDB2's statistics for its query optimizer, as {@code tdb2.tdbstats} makes them (TDB2's own
 * collector, over node ids, so nothing is decoded): how often each predicate occurs, written to
 * {@code stats.opt} in the database's storage directory, where TDB2 reads it when it opens the
 * database. With it the optimizer starts a basic graph pattern from its most selective triple
 * instead of the order written. All data is in named graphs, so the quads are counted (tdbstats
 * without a graph would count the empty default graph).
 */
public final class Statistics {
    /** The file TDB2 looks for in its storage directory. */
    public static final String FILE = "stats.opt";

    private Statistics() {}

    /** Gathers the statistics of every named graph's quads and writes them beside the data. */
    public static void write(DatasetGraph tdb) {
        DatasetGraphTDB storage = TDBInternal.getDatasetGraphTDB(tdb);
        Path dir = Path.of(storage.getLocation().getDirectoryPath());
        StatsResults results = Txn.calculateRead(tdb, () -> {
            NodeTupleTable quads = storage.getQuadTable().getNodeTupleTable();
            StatsCollectorNodeId stats = new StatsCollectorNodeId(quads.getNodeTable());
            Iterator<Tuple<NodeId>> it = quads.findAll();
            while (it.hasNext()) {
                Tuple<NodeId> q = it.next();   // G S P O
                stats.record(q.get(0), q.get(1), q.get(2), q.get(3));
            }
            return stats.results();
        });
        Stats.write(dir.resolve(FILE).toString(), results);
    }
}
