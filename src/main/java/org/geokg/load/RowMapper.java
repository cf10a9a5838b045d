package org.geokg.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * Turns checked CSV rows into quads (data/README.md says how). Every row is checked whole and all
 * its problems are reported; a row's identifier is registered even when the row has problems, so
 * one mistake does not cascade into "unknown reference" errors elsewhere.
 *
 * <p>Identifiers are looked up in the database being built (through {@link Registry}), not kept
 * in memory, so memory stays flat however many rows there are. Only the sources table, which has
 * one row per article, is held in memory.
 */
public final class RowMapper {
    /** Looks up whether a node was defined by an earlier row, and where. */
    public interface Registry {
        /** The {@code kg:definedAt} of {@code node} ("data/x.csv:12"), or null when undefined. */
        String definedAt(Node node);
    }

    private record SourceInfo(String language, Articles article) {}

    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern WIKIDATA = Pattern.compile("Q[1-9][0-9]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_QUOTE_WORDS = 30;
    private static final Map<String, String> MODALITIES = Map.of(
            "fact", "StatedFact", "report", "AttributedReport", "assessment", "AuthorAssessment",
            "fear", "Fear", "hypothetical", "Hypothetical");
    private static final Map<String, String> LIKELIHOODS = Map.of(
            "certain", "Certain", "likely", "Likely", "apparent", "Apparent", "possible", "Possible",
            "unlikely", "Unlikely");

    private final Ontology ontology;
    private final Registry registry;
    private final QuadSink sink;
    private final Problems problems;
    private final Path articlesDir;
    private final List<String> warnings;
    private final Map<String, SourceInfo> sources = new HashMap<>();

    public RowMapper(Ontology ontology, Registry registry, QuadSink sink, Problems problems,
                     Path articlesDir, List<String> warnings) {
        this.ontology = ontology;
        this.registry = registry;
        this.sink = sink;
        this.problems = problems;
        this.articlesDir = articlesDir;
        this.warnings = warnings;
    }

    /** Collects one row's problems, so the row is emitted only when it has none. */
    private final class RowCheck {
        final CsvRow row;
        int count;

        RowCheck(CsvRow row) { this.row = row; }

        void problem(String column, String message) {
            count++;
            problems.add(row.file(), row.line(), row.col(column), message);
        }

        boolean ok() { return count == 0; }

        /** The cell, reported when blank although required. */
        String required(String column) {
            String v = row.get(column);
            if (v.isEmpty()) problem(column, "column '" + column + "' is empty; expected a value");
            return v;
        }

        String id(String column) {
            String v = required(column);
            if (!v.isEmpty() && !ID.matcher(v).matches()) {
                problem(column, "'" + v + "' is not a valid id; expected letters, digits, - and _, starting with a letter");
                return "";
            }
            return v;
        }

        /** A reference to a node defined by an earlier row, reported when unknown. */
        Node reference(String column, String id, Function<String, Node> iri, String what) {
            if (id.isEmpty()) return null;
            if (!ID.matcher(id).matches()) {
                problem(column, "'" + id + "' is not a valid id; expected the id of " + what);
                return null;
            }
            Node n = iri.apply(id);
            if (registry.definedAt(n) == null) {
                problem(column, "unknown reference '" + id + "'; expected the id of " + what + " defined in a "
                        + (what.startsWith("a source") ? "sources" : "entities") + " table");
                return null;
            }
            return n;
        }

        int positive(String column) {
            String v = required(column);
            if (v.isEmpty()) return 0;
            try {
                int n = Integer.parseInt(v);
                if (n > 0) return n;
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problem(column, "'" + v + "' is not a positive whole number; expected 1, 2, 3, ...");
            return 0;
        }

        TimeValue time(String column) {
            String v = row.get(column);
            if (v.isEmpty()) return null;
            try {
                return TimeValue.parse(v);
            } catch (IllegalArgumentException e) {
                problem(column, "bad date in column '" + column + "': " + e.getMessage());
                return null;
            }
        }

        /** Source, paragraph and quote: checked against the article when its text is at hand. */
        Evidence evidence() {
            String sourceId = required("source");
            Node src = reference("source", sourceId, Vocab::source, "a source");
            int paragraph = positive("paragraph");
            String quote = required("quote");
            if (!quote.isEmpty()) {
                int words = quote.split("\\s+").length;
                if (words > MAX_QUOTE_WORDS)
                    problem("quote", "quote has " + words + " words; expected a short verbatim clause of at most "
                            + MAX_QUOTE_WORDS + " words");
            }
            SourceInfo info = src == null ? null : sources.get(sourceId);
            if (info != null && info.article() != null && paragraph > 0 && !quote.isEmpty()) {
                if (info.article().paragraph(paragraph) == null)
                    problem("paragraph", "paragraph " + paragraph + " does not exist; expected 1 to "
                            + info.article().paragraphs().size() + " (line numbers of the article)");
                else if (!info.article().quotes(paragraph, quote))
                    problem("quote", "quote is not a verbatim span of paragraph " + paragraph + " of source '"
                            + sourceId + "'; expected the article's exact words");
            }
            return new Evidence(src, sourceId, paragraph, quote, info == null ? "en" : info.language());
        }
    }

    private record Evidence(Node source, String sourceId, int paragraph, String quote, String language) {}

    // ---------------------------------------------------------------- sources

    public void source(CsvRow row) {
        RowCheck c = new RowCheck(row);
        String id = c.id("id");
        Node s = id.isEmpty() ? null : Vocab.source(id);
        if (s != null && !register(c, "id", s)) return;
        String title = c.required("title");
        TimeValue published = c.time("published");
        if (!row.has("published")) c.required("published");
        String language = c.required("language");
        if (!language.isEmpty() && !language.matches("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*"))
            c.problem("language", "'" + language + "' is not a language tag; expected a BCP 47 tag such as en");
        String sha = c.required("sha256");
        if (!sha.isEmpty() && !SHA256.matcher(sha).matches())
            c.problem("sha256", "'" + sha + "' is not a SHA-256; expected 64 lowercase hexadecimal digits");
        String file = c.required("file");
        Articles article = null;
        if (!file.isEmpty()) {
            Path p = articlesDir.resolve(file).normalize();
            if (!p.startsWith(articlesDir.normalize()) || file.contains("/") || file.contains("\\"))
                c.problem("file", "'" + file + "' is not a plain file name; expected the name of a file in " + articlesDir);
            else if (Files.isRegularFile(p)) {
                article = Articles.read(p);
                if (SHA256.matcher(sha).matches() && !article.sha256().equals(sha))
                    c.problem("sha256", "the article " + p + " has SHA-256 " + article.sha256()
                            + ", not the one given; expected the hash of the text the quotes were taken from");
            } else {
                warnings.add(row.origin() + ": article text " + p + " not found: quotes of source '" + id
                        + "' were not checked against it");
            }
        }
        if (id.isEmpty() || !c.ok()) return;
        sources.put(id, new SourceInfo(language, article));
        Node g = Vocab.sourceGraph(id);
        emit(g, s, RDF.type.asNode(), Vocab.SOURCE_CLASS);
        emit(g, s, Vocab.TITLE, NodeFactory.createLiteralLang(title, language));
        emit(g, s, Vocab.PUBLISHED, published.literal());
        emit(g, s, Vocab.LANGUAGE, NodeFactory.createLiteralString(language));
        emit(g, s, Vocab.SHA256, NodeFactory.createLiteralString(sha));
        emit(g, s, Vocab.SOURCE_FILE, NodeFactory.createLiteralString(file));
        if (row.has("note")) emit(g, s, Vocab.CURATOR_NOTE, NodeFactory.createLiteralString(row.get("note")));
    }

    // ---------------------------------------------------------------- entities

    public void entity(CsvRow row) {
        RowCheck c = new RowCheck(row);
        String id = c.id("id");
        Node e = id.isEmpty() ? null : Vocab.entity(id);
        if (e != null && !register(c, "id", e)) return;
        List<Node> types = new ArrayList<>();
        for (String t : split(c.required("type"))) {
            Node cls = Vocab.kg(t);
            if (!ontology.isClass(cls))
                c.problem("type", "'" + t + "' is not a class of the ontology; expected a kg: class local name such as SovereignState");
            else types.add(cls);
        }
        String label = c.required("label");
        String qid = row.get("wikidata");
        if (!qid.isEmpty() && !WIKIDATA.matcher(qid).matches())
            c.problem("wikidata", "'" + qid + "' is not a Wikidata item id; expected Q followed by digits, such as Q159");
        Evidence ev = c.evidence();
        if (e == null || !c.ok()) return;
        Node g = Vocab.sourceGraph(ev.sourceId());
        for (Node t : types) emit(g, e, RDF.type.asNode(), t);
        emit(g, e, RDFS.label.asNode(), NodeFactory.createLiteralLang(label, "en"));
        for (String alt : split(row.get("alt_labels")))
            emit(g, e, Vocab.ALT_LABEL, NodeFactory.createLiteralLang(alt, "en"));
        if (!qid.isEmpty()) emit(g, e, OWL2.sameAs.asNode(), Vocab.iri(Vocab.WIKIDATA_ENTITY + qid));
        if (row.has("description"))
            emit(g, e, RDFS.comment.asNode(), NodeFactory.createLiteralLang(row.get("description"), "en"));
        reference(g, e, ev);
    }

    // ---------------------------------------------------------------- statements

    public void statement(CsvRow row) {
        RowCheck c = new RowCheck(row);
        String id = c.id("id");
        Node st = id.isEmpty() ? null : Vocab.statement(id);
        if (st != null && !register(c, "id", st)) return;
        Node subject = c.reference("subject", c.required("subject"), Vocab::entity, "an entity");
        String propName = c.required("property");
        Node property = propName.isEmpty() ? null : Vocab.kg(propName);
        Ontology.PropertyKind kind = property == null ? null : ontology.kind(property);
        if (property != null && kind == null) {
            c.problem("property", "'" + propName + "' is not a property of the ontology; expected a kg: object or datatype property local name such as participant");
            property = null;
        }
        Node value = null;
        String rawValue = c.required("value");
        String modalityName = c.required("modality").toLowerCase(Locale.ROOT);
        String modality = MODALITIES.get(modalityName);
        if (!modalityName.isEmpty() && modality == null)
            c.problem("modality", "'" + row.get("modality") + "' is not a modality; expected one of " + String.join(", ", sorted(MODALITIES.keySet())));

        Node attributedTo = c.reference("attributed_to", row.get("attributed_to"), Vocab::entity, "an entity");
        String likelihoodName = row.get("likelihood").toLowerCase(Locale.ROOT);
        String likelihood = LIKELIHOODS.get(likelihoodName);
        if (!likelihoodName.isEmpty() && likelihood == null)
            c.problem("likelihood", "'" + row.get("likelihood") + "' is not a likelihood; expected one of " + String.join(", ", sorted(LIKELIHOODS.keySet())));
        Node scenario = c.reference("scenario", row.get("scenario"), Vocab::entity, "a Scenario entity");
        int step = row.has("step") ? c.positive("step") : 0;
        if ("fact".equals(modalityName)) {
            if (row.has("attributed_to")) c.problem("attributed_to", "a fact is not attributed; expected modality report (or fear) for a statement someone else made");
            if (row.has("likelihood")) c.problem("likelihood", "a fact has no likelihood; expected modality assessment for the author's judgement");
            if (row.has("scenario")) c.problem("scenario", "a fact is not a step of a scenario; expected modality hypothetical or fear");
        }
        if (("report".equals(modalityName) || "fear".equals(modalityName)) && !row.has("attributed_to"))
            c.problem("attributed_to", "a " + modalityName + " needs attributed_to; expected the id of who " + ("report".equals(modalityName) ? "reports it" : "fears it"));
        if ("assessment".equals(modalityName) && !row.has("likelihood"))
            c.problem("likelihood", "an assessment needs a likelihood; expected one of " + String.join(", ", sorted(LIKELIHOODS.keySet())));
        if ("hypothetical".equals(modalityName) && !row.has("scenario"))
            c.problem("scenario", "a hypothetical statement needs scenario; expected the id of the Scenario it is a step of");
        if (row.has("scenario") != row.has("step"))
            c.problem(row.has("scenario") ? "step" : "scenario", "scenario and step go together; expected both or neither");

        TimeValue point = c.time("point_in_time"), start = c.time("start"), end = c.time("end"),
                earliest = c.time("earliest"), latest = c.time("latest");
        if (point != null && (earliest != null || latest != null))
            c.problem("point_in_time", "point_in_time and earliest/latest exclude each other; expected a known date or a range");
        if (start != null && end != null && start.after(end))
            c.problem("end", "end " + end.lexical() + " is before start " + start.lexical() + "; expected end after start");
        if (earliest != null && latest != null && earliest.after(latest))
            c.problem("latest", "latest " + latest.lexical() + " is before earliest " + earliest.lexical() + "; expected latest after earliest");

        Evidence ev = c.evidence();
        if (property != null && !rawValue.isEmpty())
            value = kind == Ontology.PropertyKind.OBJECT ? objectValue(c, rawValue)
                    : literalValue(c, property, rawValue, ev.language());
        if (st == null || !c.ok()) return;

        Node g = Vocab.sourceGraph(ev.sourceId());
        emit(g, st, RDF.type.asNode(), Vocab.CLAIM);
        emit(g, st, RDF.subject.asNode(), subject);
        emit(g, st, RDF.predicate.asNode(), property);
        emit(g, st, RDF.object.asNode(), value);
        emit(g, st, Vocab.MODALITY, Vocab.kg(modality));
        if (attributedTo != null) emit(g, st, Vocab.ATTRIBUTED_TO, attributedTo);
        if (likelihood != null) emit(g, st, Vocab.LIKELIHOOD, Vocab.kg(likelihood));
        if (scenario != null) {
            emit(g, st, Vocab.SCENARIO, scenario);
            emit(g, st, Vocab.STEP, NodeFactory.createLiteralDT(Integer.toString(step), XSDDatatype.XSDinteger));
        }
        // The precision stated is that of the first time given, in this order.
        Map<Node, TimeValue> times = new LinkedHashMap<>();
        times.put(Vocab.POINT_IN_TIME, point);
        times.put(Vocab.START_TIME, start);
        times.put(Vocab.END_TIME, end);
        times.put(Vocab.EARLIEST_TIME, earliest);
        times.put(Vocab.LATEST_TIME, latest);
        times.values().removeIf(Objects::isNull);
        times.forEach((p, t) -> emit(g, st, p, t.literal()));
        if (!times.isEmpty())
            emit(g, st, Vocab.TIME_PRECISION, Vocab.kg(times.values().iterator().next().precision().individual));
        if (row.has("note")) emit(g, st, Vocab.CURATOR_NOTE, NodeFactory.createLiteralString(row.get("note")));
        reference(g, st, ev);
        // Only what the article states as fact becomes a plain triple; everything else stays a claim.
        if ("fact".equals(modalityName)) emit(g, subject, property, value);
    }

    private Node objectValue(RowCheck c, String raw) {
        if (raw.startsWith("kg:")) {
            Node ind = Vocab.kg(raw.substring(3));
            if (!ontology.isIndividual(ind)) {
                c.problem("value", "'" + raw + "' is not an individual of the ontology; expected a kg: individual such as kg:Sought, or an entity id");
                return null;
            }
            return ind;
        }
        return c.reference("value", raw, Vocab::entity, "an entity (the property is an object property)");
    }

    private Node literalValue(RowCheck c, Node property, String raw, String language) {
        List<RDFDatatype> types = ontology.datatypesOf(property);
        if (types.isEmpty()) return NodeFactory.createLiteralString(raw);
        List<String> names = new ArrayList<>();
        for (RDFDatatype dt : types) {
            if (dt == null) continue;
            String uri = dt.getURI();
            if (uri.equals(RDF.langString.getURI())) return NodeFactory.createLiteralLang(raw, language);
            if (uri.equals(XSDDatatype.XSDstring.getURI()) || uri.equals(RDFS.Literal.getURI()))
                return NodeFactory.createLiteralString(raw);
            if (dt.isValid(raw)) {
                if (isTemporal(dt)) {
                    try {
                        TimeValue.parse(raw);
                    } catch (IllegalArgumentException e) {
                        c.problem("value", "bad date: " + e.getMessage());
                        return null;
                    }
                }
                return NodeFactory.createLiteralDT(raw, dt);
            }
            names.add(dt.getURI().replace("http://www.w3.org/2001/XMLSchema#", "xsd:"));
        }
        c.problem("value", "'" + raw + "' is not a valid value of " + property.getLocalName() + "; expected "
                + String.join(" or ", names));
        return null;
    }

    private static boolean isTemporal(RDFDatatype dt) {
        return dt.equals(XSDDatatype.XSDdate) || dt.equals(XSDDatatype.XSDgYear) || dt.equals(XSDDatatype.XSDgYearMonth);
    }

    // ---------------------------------------------------------------- helpers

    /** Records where {@code node} is defined; reports a duplicate id (and returns false) instead. */
    private boolean register(RowCheck c, String column, Node node) {
        String earlier = registry.definedAt(node);
        if (earlier != null) {
            c.problem(column, "duplicate id '" + c.row.get(column) + "', already defined at " + earlier
                    + "; expected each id once");
            return false;
        }
        // The origin is stored even for a faulty row: later rows may refer to it, and SHACL
        // results are traced back to the CSV line through it.
        Node g = Vocab.sourceGraph(c.row.has("source") ? c.row.get("source") : c.row.get("id"));
        sink.add(Quad.create(g, node, Vocab.DEFINED_AT, NodeFactory.createLiteralString(c.row.origin())));
        return true;
    }

    private void reference(Node g, Node s, Evidence ev) {
        emit(g, s, Vocab.SOURCE_PROP, ev.source());
        emit(g, s, Vocab.PARAGRAPH, NodeFactory.createLiteralDT(Integer.toString(ev.paragraph()), XSDDatatype.XSDinteger));
        emit(g, s, Vocab.QUOTE, NodeFactory.createLiteralString(ev.quote()));
    }

    private void emit(Node g, Node s, Node p, Node o) {
        sink.add(Quad.create(g, s, p, o));
    }

    private static List<String> split(String cell) {
        List<String> out = new ArrayList<>();
        for (String part : cell.split("\\|")) if (!part.isBlank()) out.add(part.strip());
        return out;
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
