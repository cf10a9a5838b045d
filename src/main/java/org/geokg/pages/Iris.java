package org.geokg.pages;

import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * The project's IRIs ({@code https://w3id.org/geokg/...}) and the paths this server answers them at:
 * {@code /resource/{id}}, {@code /statement/{id}}, {@code /source/{id}}, {@code /ontology}.
 */
final class Iris {
    private Iris() {}

    /** An id as data/README.md defines it; anything else in a path is not one of ours (404). */
    static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,199}");

    enum Kind {
        RESOURCE("/resource/", Terms.RESOURCE), STATEMENT("/statement/", Terms.STATEMENT), SOURCE("/source/", Terms.SOURCE);

        final String path;
        final String namespace;

        Kind(String path, String namespace) {
            this.path = path;
            this.namespace = namespace;
        }

        Node node(String id) { return NodeFactory.createURI(namespace + id); }
    }

    /** The IRI an id names, if it is a well-formed id. */
    static Optional<Node> of(Kind kind, String id) {
        return id != null && ID.matcher(id).matches() ? Optional.of(kind.node(id)) : Optional.empty();
    }

    /** The local path of one of our IRIs ({@code /resource/russia}, {@code /ontology#Claim}), else null. */
    static String localPath(String iri) {
        if (iri == null) return null;
        for (Kind k : Kind.values())
            if (iri.startsWith(k.namespace) && ID.matcher(iri.substring(k.namespace.length())).matches())
                return k.path + iri.substring(k.namespace.length());
        if (iri.startsWith(Terms.KG) && ID.matcher(iri.substring(Terms.KG.length())).matches())
            return "/ontology#" + iri.substring(Terms.KG.length());
        if (iri.equals(Terms.ONTOLOGY_IRI)) return "/ontology";
        return null;
    }

    /** Where a link to this IRI goes: our page for our IRIs, the IRI itself for http(s) ones, else none. */
    static String href(String iri) {
        String local = localPath(iri);
        if (local != null) return local;
        if (iri != null && (iri.startsWith("https://") || iri.startsWith("http://"))) return iri;
        return null;
    }

    /** The id at the end of one of our IRIs, or null. */
    static String id(Node n, Kind kind) {
        if (n == null || !n.isURI() || !n.getURI().startsWith(kind.namespace)) return null;
        String id = n.getURI().substring(kind.namespace.length());
        return ID.matcher(id).matches() ? id : null;
    }
}
