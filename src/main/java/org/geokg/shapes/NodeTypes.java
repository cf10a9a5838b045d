package org.geokg.shapes;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.tdb2.lib.NodeLib;

/**
 * The {@code rdf:type}s of every node seen, for {@code sh:class} on a focus node's values (a
 * claim's source is a kg:Source, its predicate an owl:ObjectProperty) while the values' own triples
 * are elsewhere in the stream. Kept small, since at a million statements there are a million typed
 * claims: a node is held as the 128-bit hash TDB2's node table keys it by (MD5 of the term), and
 * its types as the number of one set of types, shared by every node with the same types (nearly all
 * claims have one and the same set). From 40 to 80 bytes a node
 * (the table is kept at most half full).
 */
final class NodeTypes {
    private long[] high = new long[1 << 16], low = new long[1 << 16];
    /** The type set of each slot, plus one; 0 for an empty slot. */
    private int[] sets = new int[1 << 16];
    private int size;

    private final List<Set<Node>> typeSets = new ArrayList<>();
    private final Map<Set<Node>, Integer> setNumbers = new HashMap<>();
    /** The set a set becomes with one more type: a node's types come one quad at a time. */
    private final Map<Long, Integer> withType = new HashMap<>();
    private final Map<Node, Integer> classNumbers = new HashMap<>();

    NodeTypes() {
        number(Set.of());
    }

    void add(Node node, Node type) {
        long[] key = key(node);
        int slot = slot(key[0], key[1]);
        int set = sets[slot] == 0 ? 0 : sets[slot] - 1;
        int cls = classNumbers.computeIfAbsent(type, t -> classNumbers.size());
        int next = withType.computeIfAbsent(((long) set << 32) | cls, k -> {
            Set<Node> bigger = new HashSet<>(typeSets.get(set));
            bigger.add(type);
            return number(bigger);
        });
        if (sets[slot] == 0) {
            high[slot] = key[0];
            low[slot] = key[1];
            size++;
        }
        sets[slot] = next + 1;
        if (size * 2 > sets.length) grow();
    }

    /** The types of {@code node}, empty when it has none. */
    Set<Node> of(Node node) {
        long[] key = key(node);
        int slot = slot(key[0], key[1]);
        return sets[slot] == 0 ? Set.of() : typeSets.get(sets[slot] - 1);
    }

    private int number(Set<Node> types) {
        return setNumbers.computeIfAbsent(Set.copyOf(types), s -> {
            typeSets.add(s);
            return typeSets.size() - 1;
        });
    }

    private static long[] key(Node node) {
        ByteBuffer md5 = ByteBuffer.wrap(NodeLib.hash(node).getBytes());
        return new long[] {md5.getLong(), md5.getLong()};
    }

    /** The slot holding the key, or the empty one where it goes (open addressing, linear probing). */
    private int slot(long h, long l) {
        int mask = sets.length - 1;
        int i = (int) (l ^ (l >>> 32)) & mask;
        while (sets[i] != 0 && (high[i] != h || low[i] != l)) i = (i + 1) & mask;
        return i;
    }

    private void grow() {
        long[] oldHigh = high, oldLow = low;
        int[] oldSets = sets;
        high = new long[oldSets.length * 2];
        low = new long[oldSets.length * 2];
        sets = new int[oldSets.length * 2];
        for (int i = 0; i < oldSets.length; i++) {
            if (oldSets[i] == 0) continue;
            int j = slot(oldHigh[i], oldLow[i]);
            high[j] = oldHigh[i];
            low[j] = oldLow[i];
            sets[j] = oldSets[i];
        }
    }
}
