package org.geokg.store;

import java.nio.file.Path;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.solver.stats.Stats;
import org.apache.jena.tdb2.solver.stats.StatsResults;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * TDB2's statistics for its query optimizer, as {@code tdb2.tdbstats} makes them: how often each
 * predicate occurs, written to {@code stats.opt} in the database's storage directory, where TDB2
 * reads it when it opens the database. With it, the optimizer starts a basic graph pattern from
 * its most selective triple instead of the order written.
 */
public final class Statistics {
    /** The file TDB2 looks for in its storage directory. */
    public static final String FILE = "stats.opt";

    private Statistics() {}

    /** Gathers the statistics of the union of all graphs (what queries see) and writes them beside the data. */
    public static void write(DatasetGraph tdb) {
        DatasetGraphTDB storage = TDBInternal.getDatasetGraphTDB(tdb);
        Path dir = Path.of(storage.getLocation().getDirectoryPath());
        StatsResults results = Txn.calculateRead(tdb, () -> Stats.gather(tdb.getUnionGraph()).results());
        Stats.write(dir.resolve(FILE).toString(), results);
    }
}
