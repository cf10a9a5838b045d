package org.geokg.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.assembler.JA;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataAccessPoint;
import org.apache.jena.fuseki.server.FusekiVocab;
import org.apache.jena.query.ARQ;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.vocabulary.RDF;

/**
 * Reading and editing the Fuseki configuration model ({@code fuseki-config/config.ttl}) before
 * Fuseki parses it: which services it defines, and the query timeout it enforces.
 */
final class FusekiConfig {
    private static final String TIMEOUT_SYMBOL = ARQ.queryTimeout.getSymbol();

    private FusekiConfig() {}

    /** The canonical names ({@code /kg}) of the services the configuration defines. */
    static List<String> datasetNames(Model config) {
        List<String> names = new ArrayList<>();
        for (Resource svc : config.listResourcesWithProperty(RDF.type, FusekiVocab.fusekiService).toList()) {
            Statement name = svc.getProperty(FusekiVocab.pServiceName);
            if (name != null && name.getObject().isLiteral())
                names.add(DataAccessPoint.canonical(name.getString()));
        }
        return names;
    }

    /**
     * The named read-only Graph Store endpoints ({@code fuseki:gsp-r}) of the service {@code dataset}
     * ({@code /kg}), as paths: {@code /kg/get}.
     */
    static List<String> graphStoreReadPaths(Model config, String dataset) {
        List<String> paths = new ArrayList<>();
        for (Resource svc : config.listResourcesWithProperty(RDF.type, FusekiVocab.fusekiService).toList()) {
            Statement name = svc.getProperty(FusekiVocab.pServiceName);
            if (name == null || !name.getObject().isLiteral() || !DataAccessPoint.canonical(name.getString()).equals(dataset))
                continue;
            for (Statement ep : svc.listProperties(FusekiVocab.pEndpoint).toList()) {
                if (!ep.getObject().isResource()) continue;
                Resource r = ep.getObject().asResource();
                boolean gspRead = r.hasProperty(FusekiVocab.pOperation, FusekiVocab.opGSP_r)
                        || r.hasProperty(FusekiVocab.pOperation, FusekiVocab.opGSP_r_alt);
                Statement epName = r.getProperty(FusekiVocab.pEndpointName);
                if (gspRead && epName != null && epName.getObject().isLiteral() && !epName.getString().isBlank())
                    paths.add(dataset + "/" + epName.getString().strip());
            }
        }
        return paths;
    }

    /**
     * Sets arq:queryTimeout in the server section of the configuration, replacing the value there,
     * so the configuration that Fuseki reads says what is enforced.
     */
    static void setServerQueryTimeout(Model config, Duration timeout) {
        String ms = Long.toString(timeout.toMillis());
        List<Resource> servers = config.listResourcesWithProperty(RDF.type, FusekiVocab.tServer).toList();
        for (Resource server : servers) {
            for (Statement st : server.listProperties(JA.context).toList()) {
                RDFNode cxt = st.getObject();
                if (cxt.isResource() && isTimeoutName(cxt.asResource().getProperty(JA.cxtName))) {
                    config.removeAll(cxt.asResource(), null, null);
                    config.remove(st);
                }
            }
            Resource cxt = config.createResource();
            cxt.addProperty(JA.cxtName, "arq:queryTimeout");
            cxt.addProperty(JA.cxtValue, ms);
            server.addProperty(JA.context, cxt);
        }
    }

    private static boolean isTimeoutName(Statement name) {
        if (name == null) return false;
        RDFNode n = name.getObject();
        String s = n.isLiteral() ? n.asLiteral().getLexicalForm() : n.isURIResource() ? n.asResource().getURI() : "";
        return s.equals("arq:queryTimeout") || s.equals(TIMEOUT_SYMBOL);
    }

    /**
     * Also sets the timeout in each served dataset's context. The server section of the configuration
     * goes into Fuseki's JVM-wide context; the dataset's own context takes precedence over it, so
     * each server (in tests, several in one JVM) enforces its own setting.
     */
    static void setDatasetQueryTimeouts(FusekiServer server, Duration timeout) {
        String ms = Long.toString(timeout.toMillis());
        for (DataAccessPoint dap : server.getDataAccessPointRegistry().accessPoints()) {
            Context cxt = dap.getDataService().getDataset().getContext();
            if (cxt != null) cxt.set(ARQ.queryTimeout, ms);
        }
    }
}
