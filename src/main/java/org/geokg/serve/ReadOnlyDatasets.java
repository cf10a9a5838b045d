package org.geokg.serve;

import org.apache.jena.atlas.json.JsonValue;
import org.apache.jena.fuseki.mgt.ActionDatasets;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.ServletOps;

/**
 * {@code /$/datasets} for the UI: lists the served datasets (GET) but never creates or deletes one.
 * Fuseki's own implementation would write new configurations and databases under a FUSEKI_BASE
 * area; this server has none. {@link AdminGuardFilter} already refuses non-reading methods; this is
 * the second line.
 */
final class ReadOnlyDatasets extends ActionDatasets {
    private static final String WHY = "datasets are built with 'kg load', not over HTTP";

    @Override
    protected JsonValue execPostContainer(HttpAction action) {
        ServletOps.errorMethodNotAllowed("POST", WHY);
        return null;
    }

    @Override
    protected JsonValue execPostItem(HttpAction action) {
        ServletOps.errorMethodNotAllowed("POST", WHY);
        return null;
    }

    @Override
    protected void execDeleteItem(HttpAction action) {
        ServletOps.errorMethodNotAllowed("DELETE", WHY);
    }

    @Override
    protected void execDeleteContainer(HttpAction action) {
        ServletOps.errorMethodNotAllowed("DELETE", WHY);
    }
}
