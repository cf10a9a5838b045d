package org.geokg.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.assembler.Assembler;
import org.apache.jena.dboe.DBOpEnvException;
import org.apache.jena.dboe.transaction.txn.TransactionCoordinator;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.text.TextQuery;
import org.apache.jena.query.text.assembler.TextVocab;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sys.JenaSystem;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.tdb2.assembler.VocabTDB2;
import org.apache.jena.vocabulary.RDF;

/**
 * Opens the dataset that {@code fuseki-config/config.ttl} describes (TDB2 plus its Lucene text
 * index) at a given database directory. The loader and the server both go through here, so what
 * is built is exactly what is served.
 */
public final class KgStore {
    /** Sub-directory of a database directory holding the TDB2 files. */
    public static final String TDB_DIR = "tdb2";
    /** Sub-directory of a database directory holding the Lucene text index. */
    public static final String TEXT_DIR = "text";

    static {
        JenaSystem.init();
        TextQuery.init();
    }

    private KgStore() {}

    /**
     * Reads the Fuseki configuration and points its TDB2 location and text index directory at
     * {@code dbDir}. The file names one of each; anything else is a configuration error.
     */
    public static Model configFor(Path configFile, Path dbDir) {
        if (!Files.isRegularFile(configFile))
            throw new StoreException("Fuseki configuration not found: " + configFile);
        Model config = RDFDataMgr.loadModel(configFile.toString());
        // The real directory, not the link to it: TDB2 caches open databases by location, and one
        // database reached under two names would be two caches of the same files.
        Path abs = dbDir.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs)) abs = abs.toRealPath();
        } catch (IOException e) {
            throw new StoreException("cannot resolve " + abs + ": " + e.getMessage(), e);
        }
        replaceSingle(config, VocabTDB2.pLocation, config.createLiteral(abs.resolve(TDB_DIR).toString()), configFile);
        replaceSingle(config, TextVocab.pDirectory,
                config.createResource(abs.resolve(TEXT_DIR).toUri().toString()), configFile);
        return config;
    }

    /** Where the configuration, pointed at {@code dbDir}, puts the TDB2 files. */
    public static String tdbLocation(Path configFile, Path dbDir) {
        return configFor(configFile, dbDir).listObjectsOfProperty(VocabTDB2.pLocation).next().asLiteral().getString();
    }

    /** The dataset (text index over TDB2) described by the configuration, opened at {@code dbDir}. */
    public static Dataset open(Path configFile, Path dbDir) {
        Model config = configFor(configFile, dbDir);
        return assemble(config, configFile);
    }

    /** Assembles the single text:TextDataset of an (already re-pointed) configuration model. */
    public static Dataset assemble(Model config, Path configFile) {
        Resource root = datasetResource(config, configFile);
        try {
            Files.createDirectories(Path.of(config.listObjectsOfProperty(VocabTDB2.pLocation).next().asLiteral().getString()));
        } catch (IOException e) {
            throw new StoreException("cannot create database directory: " + e.getMessage(), e);
        }
        Object ds;
        try {
            ds = Assembler.general().open(root);
        } catch (RuntimeException e) {
            // TDB2 allows one process per database; say so plainly instead of an assembler trace.
            for (Throwable t = e; t != null; t = t.getCause())
                if (t instanceof DBOpEnvException && String.valueOf(t.getMessage()).contains("held by process"))
                    throw new StoreException("the database is in use by another process ("
                            + t.getMessage().replaceAll(".*held by ", "") + "), probably a running 'kg serve': "
                            + "query it over HTTP instead, or stop it first", e);
            throw e;
        }
        if (!(ds instanceof Dataset dataset))
            throw new StoreException(configFile + ": " + root + " does not assemble to a dataset");
        return dataset;
    }

    /**
     * Closes the dataset and its text index, and drops the TDB2 database from Jena's per-JVM
     * connection cache: otherwise every database a long-running process ever opened (a benchmark,
     * the tests, a server that loaded at start) would keep its node caches in memory.
     */
    public static void close(Dataset ds) {
        close(ds.asDatasetGraph());
    }

    /** {@link #close(Dataset)} for the dataset graph. */
    public static void close(DatasetGraph dsg) {
        DatasetGraph base = tdb(dsg);
        dsg.close();
        if (TDBInternal.isBackedByTDB(base)) TDBInternal.expel(base);
    }

    /**
     * {@link #close(Dataset)} for a database that only this process has open and is about to be
     * kept or deleted whole (a load's new generation), whatever state a failure left it in: a write
     * transaction that could not be aborted (after running out of memory or disk space) would
     * otherwise keep it, and its caches, in TDB2's per-JVM table, and the memory with it.
     */
    public static void closeBuilt(Dataset ds) {
        DatasetGraph dsg = ds.asDatasetGraph();
        DatasetGraph base = tdb(dsg);
        try {
            dsg.close();
        } finally {
            if (TDBInternal.isBackedByTDB(base)) {
                // The transaction such a failure left is given up, without TDB2's warning about it.
                TransactionCoordinator txns = TDBInternal.getTransactionCoordinator(base);
                if (txns.countActive() > 0) txns.shutdown(true);
                TDBInternal.expel(base, true);
            }
        }
    }

    /** The text index wraps TDB2's switchable container, which is what TDB2 caches and expels. */
    private static DatasetGraph tdb(DatasetGraph dsg) {
        DatasetGraph base = dsg;
        while (!TDBInternal.isBackedByTDB(base) && base instanceof DatasetGraphWrapper w) base = w.getWrapped();
        return base;
    }

    /** The text:TextDataset resource of the configuration. */
    public static Resource datasetResource(Model config, Path configFile) {
        List<Resource> roots = config.listResourcesWithProperty(RDF.type, TextVocab.textDataset).toList();
        if (roots.size() != 1)
            throw new StoreException(configFile + ": expected exactly one text:TextDataset, found " + roots.size());
        return roots.get(0);
    }

    private static void replaceSingle(Model config, Property p, RDFNode value, Path configFile) {
        List<Statement> found = config.listStatements(null, p, (RDFNode) null).toList();
        if (found.size() != 1)
            throw new StoreException(configFile + ": expected exactly one " + p.getLocalName() + " setting, found " + found.size());
        Statement st = found.get(0);
        config.remove(st);
        config.add(st.getSubject(), p, value);
    }
}
