package org.geokg.validate;

import java.io.PrintStream;
import java.nio.file.Path;

import org.geokg.load.LoadFailedException;
import org.geokg.load.Loader;
import org.geokg.store.Generations;
import org.geokg.store.Layout;

/**
 * {@code kg validate}: checks data, mappings and ontology exactly as a load does (the same build,
 * so nothing passes validation that a load would reject) without touching any database: it builds
 * into a scratch directory under the state directory and deletes it.
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
        Path scratch = layout.tmpDir().resolve("validate-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            Loader.build(layout, scratch, out, false, strict);
        } finally {
            Generations.deleteTree(scratch);
        }
    }
}
