package org.geokg.store;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.sse.Item;
import org.apache.jena.sparql.sse.ItemList;
import org.apache.jena.sparql.sse.ItemWriter;
import org.apache.jena.sparql.util.NodeFactoryExtra;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.solver.stats.Stats;
import org.apache.jena.tdb2.solver.stats.StatsCollectorNodeId;
import org.apache.jena.tdb2.solver.stats.StatsResults;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.vocabulary.RDF;

/**
 * TDB2's statistics for its query optimizer: what {@code tdb2.tdbstats} writes (TDB2's own
 * collector, over node ids, so nothing is decoded: how often each predicate occurs, how many
 * resources each class has), written to {@code stats.opt} in the database's storage directory,
 * where TDB2 reads it when it opens the database. All data is in named graphs, so the quads are
 * counted (tdbstats without a graph would count the empty default graph).
 * <p>
 * To that it adds what a predicate count alone cannot tell: how selective a predicate is with
 * its object given. From the counts alone TDB2 weighs every {@code ?x p <o>} alike (10), so
 * {@code ?claim kg:source <one source>} (a few hundred claims) and {@code ?claim kg:modality
 * kg:StatedFact} (most of all claims) tie, and the pattern written first is read first. So, for
 * each predicate, {@code ((VAR p TERM) n)} with n its quads per distinct object (the mean); and for
 * a predicate with few distinct objects (a code list such as modality or likelihood), each
 * object's own count, {@code ((VAR p <o>) n)}, since there the mean hides the skew. These come
 * first in the file: TDB2's matcher takes the first pattern that matches. Both are counted in one
 * pass over the POSG index, where each predicate's quads come sorted by object, so the pass needs
 * memory only for the few objects of such a code list.
 */
public final class Statistics {
    /** The file TDB2 looks for in its storage directory. */
    public static final String FILE = "stats.opt";

    /** A predicate with at most this many distinct objects gets a count per object. */
    static final int FEW_OBJECTS = 64;

    private Statistics() {}

    /** Gathers the statistics of every named graph's quads and writes them beside the data. */
    public static void write(DatasetGraph tdb) {
        DatasetGraphTDB storage = TDBInternal.getDatasetGraphTDB(tdb);
        Path dir = Path.of(storage.getLocation().getDirectoryPath());
        Item stats = Txn.calculateRead(tdb, () -> {
            NodeTable nodes = storage.getQuadTable().getNodeTupleTable().getNodeTable();
            // POSG: each predicate's quads together, sorted by object. Tuples come as G S P O.
            TupleIndex posg = TDBInternal.findIndex(storage, "POSG");
            StatsCollectorNodeId counts = new StatsCollectorNodeId(nodes);
            List<PredicateObjects> byPredicate = new ArrayList<>();
            PredicateObjects current = null;
            Iterator<Tuple<NodeId>> it = posg.all();
            while (it.hasNext()) {
                Tuple<NodeId> q = it.next();
                counts.record(q.get(0), q.get(1), q.get(2), q.get(3));
                if (current == null || !current.predicate.equals(q.get(2))) {
                    current = new PredicateObjects(q.get(2));
                    byPredicate.add(current);
                }
                current.add(q.get(3));
            }
            return format(Stats.format(counts.results()), byPredicate, nodes);
        });
        try (OutputStream out = Files.newOutputStream(dir.resolve(FILE))) {
            ItemWriter.write(out, stats);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
        }
    }

    /** TDB2's statistics with the per-object weights put before its own patterns. */
    private static Item format(Item tdbStats, List<PredicateObjects> byPredicate, NodeTable nodes) {
        ItemList tdb = tdbStats.getList();
        Item out = Item.createList();
        ItemList list = out.getList();
        list.add(tdb.get(0));   // the tag
        list.add(tdb.get(1));   // meta: count, timestamp
        Node type = RDF.type.asNode();
        for (PredicateObjects p : byPredicate) {
            Node predicate = nodes.getNodeForNodeId(p.predicate);
            // rdf:type's per-class counts are TDB2's own, already in the file.
            if (!predicate.isURI() || predicate.equals(type)) continue;
            if (p.perObject != null)
                for (Map.Entry<NodeId, Long> e : p.perObject.entrySet()) {
                    Node object = nodes.getNodeForNodeId(e.getKey());
                    // A code list's members are IRIs; a few literals (a title, a definition) need no rule of their own.
                    if (object.isURI()) list.add(pattern("VAR", predicate, Item.createNode(object), e.getValue()));
                }
            list.add(pattern("VAR", predicate, Item.createSymbol("TERM"), Math.max(1, p.quads / p.objects)));
        }
        for (int i = 2; i < tdb.size(); i++) list.add(tdb.get(i));
        return out;
    }

    private static Item pattern(String subject, Node predicate, Item object, long weight) {
        ItemList triple = new ItemList();
        triple.add(Item.createSymbol(subject));
        triple.add(Item.createNode(predicate));
        triple.add(object);
        ItemList pair = new ItemList();
        pair.add(Item.createList(triple));
        pair.add(Item.createNode(NodeFactoryExtra.intToNode(weight)));
        return Item.createList(pair);
    }

    /** One predicate's quads, seen in object order: how many, how many distinct objects. */
    private static final class PredicateObjects {
        final NodeId predicate;
        long quads, objects;
        private NodeId last;
        /** Counts per object while there are few of them; null once there are more. */
        Map<NodeId, Long> perObject = new LinkedHashMap<>();

        PredicateObjects(NodeId predicate) { this.predicate = predicate; }

        void add(NodeId object) {
            quads++;
            if (!object.equals(last)) {
                objects++;
                last = object;
            }
            if (perObject != null) {
                perObject.merge(object, 1L, Long::sum);
                if (perObject.size() > FEW_OBJECTS) perObject = null;
            }
        }
    }
}
