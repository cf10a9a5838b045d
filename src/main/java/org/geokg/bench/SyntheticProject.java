package org.geokg.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.geokg.mapping.MappingFiles;
import org.geokg.store.Layout;

/**
 * A generated project of any size, shaped like the real one: the real ontology, shapes, mappings,
 * entities, GDELT events and article, and as many sources as it takes to hold {@code statements} statement rows,
 * each source with the real article's rows and so the article's mix of modalities (mostly facts,
 * some hypotheticals, assessments, fears and reports), under its own ids and in its own named graph.
 * The first source is the real one under its real ids, so the library queries, which ask about it,
 * pick out one source's few hundred claims from all the others, as they would in a large graph.
 * <p>
 * Every copy quotes the same article (a source's {@code file}), read from the real sources folder:
 * no article text is copied. Written row by row, so a large project takes no memory either.
 */
public final class SyntheticProject {
    private static final String FIRST_SOURCE = "russia-iran-2025";

    private SyntheticProject() {}

    /** What was written. */
    public record Written(Layout layout, long statements, int sources) {}

    /** Writes a project under {@code root}/home from the real project {@code real}. */
    public static Written write(Path root, Layout real, long statements) throws IOException {
        Layout layout = Layout.of(root.resolve("home")).withSources(real.sources());
        copyTree(real.ontologyDir(), layout.ontologyDir());
        copyTree(real.mappingsDir(), layout.mappingsDir());
        copyInputFiles(real, layout);
        Files.createDirectories(layout.configFile().getParent());
        Files.copy(real.configFile(), layout.configFile(), StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(layout.dataDir());
        for (String table : List.of("entities.csv", "wikidata.csv", "cameo-countries.csv"))
            Files.copy(real.dataDir().resolve(table), layout.dataDir().resolve(table), StandardCopyOption.REPLACE_EXISTING);

        List<CSVRecord> sourceRows = read(real.dataDir().resolve("sources.csv"));
        List<CSVRecord> statementRows = read(real.dataDir().resolve("statements.csv"));
        CSVRecord first = sourceRows.stream().filter(r -> r.get("id").equals(FIRST_SOURCE)).findFirst()
                .orElseThrow(() -> new IllegalStateException("data/sources.csv has no " + FIRST_SOURCE));
        List<CSVRecord> firstRows = statementRows.stream().filter(r -> r.get("source").equals(FIRST_SOURCE)).toList();
        int perSource = firstRows.size();
        int sources = (int) Math.max(1, (statements + perSource - 1) / perSource);

        String[] sourceHeader = first.getParser().getHeaderNames().toArray(String[]::new);
        try (CSVPrinter out = printer(layout.dataDir().resolve("sources.csv"), sourceHeader)) {
            for (int k = 0; k < sources; k++) {
                List<String> cells = new ArrayList<>(first.toList());
                if (k > 0) {
                    cells.set(index(sourceHeader, "id"), sourceId(k));
                    cells.set(index(sourceHeader, "title"), "Synthetic copy " + k + " of " + first.get("title"));
                }
                out.printRecord(cells);
            }
        }
        String[] statementHeader = firstRows.get(0).getParser().getHeaderNames().toArray(String[]::new);
        int id = index(statementHeader, "id"), source = index(statementHeader, "source");
        long written = 0;
        try (CSVPrinter out = printer(layout.dataDir().resolve("statements.csv"), statementHeader)) {
            for (int k = 0; k < sources && written < statements; k++)
                for (CSVRecord r : firstRows) {
                    if (written == statements) break;
                    written++;
                    List<String> cells = new ArrayList<>(r.toList());
                    if (k > 0) {
                        cells.set(id, cells.get(id) + "-" + sourceId(k));
                        cells.set(source, sourceId(k));
                    }
                    out.printRecord(cells);
                }
        }
        return new Written(layout, written, sources);
    }

    /**
     * The input files that mappings name by path (the GDELT export, {@code kgm:inputFile}, relative
     * to the project), copied to the same place relative to the generated project, so that its
     * graph has the machine-coded events beside the curated claims, as the real one does.
     */
    private static void copyInputFiles(Layout real, Layout generated) throws IOException {
        Node inputFile = NodeFactory.createURI(MappingFiles.NS + "inputFile");
        try (Stream<Path> files = Files.list(real.mappingsDir())) {
            for (Path ttl : files.filter(f -> f.toString().endsWith(".ttl")).sorted().toList()) {
                Graph g = RDFDataMgr.loadGraph(ttl.toString());
                for (Node name : g.find(Node.ANY, inputFile, Node.ANY).mapWith(t -> t.getObject()).toList()) {
                    Path from = real.home().resolve(name.getLiteralLexicalForm()).normalize();
                    if (!Files.isRegularFile(from)) continue;   // absent in the real project too: the load warns alike
                    Path to = generated.home().resolve(name.getLiteralLexicalForm()).normalize();
                    Files.createDirectories(to.getParent());
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String sourceId(int k) { return "bench-" + k; }

    private static int index(String[] header, String name) {
        for (int i = 0; i < header.length; i++) if (header[i].equals(name)) return i;
        throw new IllegalStateException("no column " + name);
    }

    private static List<CSVRecord> read(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
    }

    private static CSVPrinter printer(Path file, String[] header) throws IOException {
        Writer w = Files.newBufferedWriter(file);
        return new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\n").setHeader(header).build());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
