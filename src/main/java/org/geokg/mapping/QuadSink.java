package org.geokg.mapping;

import org.apache.jena.sparql.core.Quad;

/** Where mapped quads go: like RIOT's StreamRDF, a small interface at the end of a stream. */
@FunctionalInterface
public interface QuadSink {
    void add(Quad quad);
}
