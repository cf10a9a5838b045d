package org.geokg.suggest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The entities the drafter already knows, read from the project's entities tables (every CSV file
 * under data/ whose header has id, type and label; data/drafts/ is never read), each with the names
 * it may appear under: its label, its other names and, for a state, its adjectives and its capital
 * or seat of power (from a general list of countries, {@code countries.tsv}).
 */
public final class KnownEntities {
    /** A known entity and its names. */
    public record Entity(String id, List<String> types, String label, List<String> otherNames) {}

    /** One way an entity is named: the words, and how ("label", "other name", "adjective", "capital"). */
    public record Name(String entity, String text, String how) {}

    private final Map<String, Entity> entities = new LinkedHashMap<>();

    public Map<String, Entity> all() { return entities; }

    /** Reads every entities table under {@code dataDir} (not data/drafts/), keeping those {@code keep} accepts. */
    public static KnownEntities read(Path dataDir, Predicate<Entity> keep) {
        KnownEntities known = new KnownEntities();
        Path drafts = dataDir.resolve("drafts");
        try (Stream<Path> s = Files.walk(dataDir)) {
            for (Path csv : s.filter(p -> p.toString().endsWith(".csv") && !p.startsWith(drafts)).sorted().toList())
                for (CSVRecord r : records(csv)) {
                    if (!(r.isMapped("id") && r.isMapped("type") && r.isMapped("label"))) break;
                    Entity e = new Entity(r.get("id"), split(r.get("type")), r.get("label"),
                            r.isMapped("alt_labels") ? split(r.get("alt_labels")) : List.of());
                    if (keep.test(e)) known.entities.put(e.id(), e);
                }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return known;
    }

    static List<CSVRecord> records(Path csv) throws IOException {
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }

    static List<String> split(String cell) {
        List<String> out = new ArrayList<>();
        for (String s : cell.split("\\|")) if (!s.isBlank()) out.add(s.strip());
        return out;
    }

    /** Every name of every entity, with the country list's adjectives and capitals for states. */
    public List<Name> names(OntologyView ontology) {
        Map<String, String[]> countries = countries();
        List<Name> out = new ArrayList<>();
        for (Entity e : entities.values()) {
            out.add(new Name(e.id(), e.label(), "label"));
            for (String n : e.otherNames()) out.add(new Name(e.id(), n, "other name"));
            boolean state = ontology.isA(e.types(), "SovereignState") || ontology.isA(e.types(), "Country");
            if (!state) continue;
            for (String n : withOtherNames(e)) {
                String[] c = countries.get(n.toLowerCase(Locale.ROOT));
                if (c == null) continue;
                for (String adj : KnownEntities.split(c[1])) out.add(new Name(e.id(), adj, "adjective"));
                for (String cap : KnownEntities.split(c[2])) out.add(new Name(e.id(), cap, "capital"));
                if (c.length > 3) for (String seat : KnownEntities.split(c[3])) out.add(new Name(e.id(), seat, "capital (seat of power)"));
                break;
            }
        }
        return out;
    }

    private static List<String> withOtherNames(Entity e) {
        List<String> l = new ArrayList<>(List.of(e.label()));
        l.addAll(e.otherNames());
        return l;
    }

    /** countries.tsv: lower-cased country name to {name, adjectives, capitals, seats of power}. */
    static Map<String, String[]> countries() {
        Map<String, String[]> out = new LinkedHashMap<>();
        for (String[] f : tsv("countries.tsv")) if (f.length >= 3) out.put(f[0].toLowerCase(Locale.ROOT), f);
        return out;
    }

    static List<String[]> tsv(String resource) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = KnownEntities.class.getResourceAsStream(resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; )
                if (!line.isBlank() && !line.startsWith("#")) rows.add(line.split("\t"));
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read " + resource + " from the classpath", e);
        }
        return rows;
    }

    static final Set<String> STATE_CLASSES = Set.of("SovereignState");
}
