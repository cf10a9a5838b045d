package org.geokg.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.geokg.mapping.Articles;
import org.geokg.store.Layout;

/**
 * A generated project of any size, for measuring the loader: a small ontology, one source with a
 * short article, {@code entities} entities and {@code statements} statement rows cycling through
 * every modality. Written row by row, so generating a large one takes no memory either.
 */
public final class SyntheticProject {
    private static final String ARTICLE = "Alpha and Beta are partners, the article says.\n"
            + "According to the Herald, Alpha arms Beta.\n"
            + "It is likely that Beta will rely on Alpha.\n";

    private static final String ONTOLOGY = """
            PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX owl:  <http://www.w3.org/2002/07/owl#>
            PREFIX xsd:  <http://www.w3.org/2001/XMLSchema#>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX kg:   <https://w3id.org/geokg/ontology#>
            kg:Claim a owl:Class ; rdfs:label "claim" ; rdfs:comment "c" ; rdfs:subClassOf rdf:Statement, prov:Entity .
            kg:Source a owl:Class ; rdfs:label "source" ; rdfs:comment "c" .
            kg:Actor a owl:Class ; rdfs:label "actor" ; rdfs:comment "c" .
            kg:State a owl:Class ; rdfs:label "state" ; rdfs:comment "c" ; rdfs:subClassOf kg:Actor .
            kg:Modality a owl:Class ; rdfs:label "m" ; rdfs:comment "c" .
            kg:Likelihood a owl:Class ; rdfs:label "l" ; rdfs:comment "c" .
            kg:StatedFact a kg:Modality ; rdfs:label "f" ; rdfs:comment "c" .
            kg:AttributedReport a kg:Modality ; rdfs:label "r" ; rdfs:comment "c" .
            kg:AuthorAssessment a kg:Modality ; rdfs:label "a" ; rdfs:comment "c" .
            kg:Likely a kg:Likelihood ; rdfs:label "l" ; rdfs:comment "c" .
            kg:partnerOf a owl:ObjectProperty, owl:SymmetricProperty ; rdfs:label "p" ; rdfs:comment "c" .
            kg:armsSupplierTo a owl:ObjectProperty ; rdfs:label "s" ; rdfs:comment "c" ; owl:inverseOf kg:armsRecipientOf .
            kg:armsRecipientOf a owl:ObjectProperty ; rdfs:label "r" ; rdfs:comment "c" .
            kg:modality a owl:ObjectProperty ; rdfs:label "m" ; rdfs:comment "c" .
            kg:attributedTo a owl:ObjectProperty ; rdfs:label "a" ; rdfs:comment "c" .
            kg:likelihood a owl:ObjectProperty ; rdfs:label "l" ; rdfs:comment "c" .
            kg:source a owl:ObjectProperty ; rdfs:label "s" ; rdfs:comment "c" ; rdfs:subPropertyOf prov:wasDerivedFrom .
            kg:timePrecision a owl:ObjectProperty ; rdfs:label "t" ; rdfs:comment "c" .
            kg:paragraph a owl:DatatypeProperty ; rdfs:label "p" ; rdfs:comment "c" ; rdfs:range xsd:integer .
            kg:quote a owl:DatatypeProperty ; rdfs:label "q" ; rdfs:comment "c" ; rdfs:range xsd:string .
            """;

    private static final String SHAPES = """
            PREFIX sh: <http://www.w3.org/ns/shacl#>
            PREFIX kg: <https://w3id.org/geokg/ontology#>
            kg:ClaimShape a sh:NodeShape ; sh:targetClass kg:Claim ;
                sh:property [ sh:path kg:quote ; sh:minCount 1 ; sh:maxCount 1 ] .
            """;

    private SyntheticProject() {}

    /**
     * Writes a project under {@code root}/home (and its article under {@code root}/shared/sources),
     * with the Fuseki configuration and table mappings of {@code real}.
     */
    public static Layout write(Path root, Layout real, int entities, long statements) throws IOException {
        Layout layout = Layout.of(root.resolve("home"));
        Files.createDirectories(layout.dataDir());
        Files.createDirectories(layout.ontologyDir());
        Files.createDirectories(layout.sharedSources());
        Files.createDirectories(layout.configFile().getParent());
        Files.createDirectories(layout.mappingsDir());
        Files.copy(real.configFile(), layout.configFile(), StandardCopyOption.REPLACE_EXISTING);
        for (String kind : new String[] {"sources", "entities", "statements"})
            Files.copy(real.mappingsDir().resolve(kind + ".ttl"), layout.mappingsDir().resolve(kind + ".ttl"),
                    StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(layout.ontologyDir().resolve("kg.ttl"), ONTOLOGY);
        Files.writeString(layout.shapesFile(), SHAPES);
        byte[] article = ARTICLE.getBytes(StandardCharsets.UTF_8);
        Files.write(layout.sharedSources().resolve("bench.txt"), article);
        Files.writeString(layout.dataDir().resolve("sources.csv"),
                "id,title,published,language,sha256,file\nbench,Synthetic benchmark source,2025-03,en,"
                        + Articles.sha256(article) + ",bench.txt\n");
        try (BufferedWriter w = Files.newBufferedWriter(layout.dataDir().resolve("entities.csv"))) {
            w.write("id,type,label,source,paragraph,quote\n");
            w.write("herald,Actor,Herald,bench,2,According to the Herald\n");
            for (int i = 0; i < entities; i++)
                w.write("e" + i + ",State,State number " + i + ",bench,1,Alpha and Beta are partners\n");
        }
        try (BufferedWriter w = Files.newBufferedWriter(layout.dataDir().resolve("statements.csv"))) {
            w.write("id,subject,property,value,modality,attributed_to,likelihood,start,source,paragraph,quote\n");
            for (long i = 0; i < statements; i++) {
                String s = "e" + (i % entities), o = "e" + ((i * 7 + 1) % entities);
                switch ((int) (i % 3)) {
                    case 0 -> w.write("s" + i + "," + s + ",partnerOf," + o + ",fact,,," + (1990 + i % 35)
                            + ",bench,1,Alpha and Beta are partners\n");
                    case 1 -> w.write("s" + i + "," + s + ",armsSupplierTo," + o + ",report,herald,,,bench,2,Alpha arms Beta\n");
                    default -> w.write("s" + i + "," + s + ",armsSupplierTo," + o
                            + ",assessment,,likely,,bench,3,Beta will rely on Alpha\n");
                }
            }
        }
        return layout;
    }
}
