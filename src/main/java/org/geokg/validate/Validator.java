package org.geokg.validate;

import java.io.PrintStream;

import org.apache.jena.sparql.core.Quad;
import org.geokg.load.LoadFailedException;
import org.geokg.load.LoadPipeline;
import org.geokg.load.LoadSink;
import org.geokg.store.Layout;

/**
 * {@code kg validate}: checks data, mappings and ontology exactly as a load does, with the load's
 * own pipeline (reading, mapping, every row check, the SHACL shapes and the modality cues), so
 * nothing passes validation that a load would reject; only the quads are not written anywhere. No
 * database is built or touched, so it takes a fraction of a load's time and disk.
 */
public final class Validator {
    private Validator() {}

    /** @throws LoadFailedException listing every problem */
    public static void validate(Layout layout, PrintStream out) {
        validate(layout, out, false);
    }

    /**
     * As {@link #validate(Layout, PrintStream)}; with {@code strict}, a quote left unchecked (its
     * article absent) is a problem.
     * @throws LoadFailedException listing every problem
     */
    public static void validate(Layout layout, PrintStream out, boolean strict) {
        try (LoadPipeline pipeline = new LoadPipeline(layout, strict)) {
            pipeline.writeOrFail(NOWHERE, out);
        }
    }

    /** The end of a stream that keeps nothing: the pipeline's checks sit in front of it. */
    private static final LoadSink NOWHERE = new LoadSink() {
        @Override public void startBulk() { }
        @Override public void prefix(String prefix, String iri) { }
        @Override public void add(Quad quad) { }
        @Override public void finishBulk() { }
        @Override public void finishException(Throwable cause) { }
    };
}
