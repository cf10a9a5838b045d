package org.geokg.cli;

import picocli.CommandLine.Option;

/** {@code --strict}: a quote that cannot be checked, its article text being absent, is an error. */
public final class StrictOption {
    @Option(names = "--strict",
            description = "Fail when a source's article text is absent (its quotes would go unchecked) instead of warning. "
                    + "CI runs strict (see README).")
    boolean strict;

    public boolean strict() { return strict; }
}
