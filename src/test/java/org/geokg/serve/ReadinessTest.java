package org.geokg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.sse.SSE;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;

/** {@code GET /ready} is 200 only when the dataset answers a query with data. */
class ReadinessTest {
    private static Readiness over(DatasetGraph dsg) {
        return new Readiness("/kg", new GenerationSwitch(new GenerationSwitch.Generation(Path.of("kg.1"), "1", dsg)));
    }

    private static boolean ready(JsonObject j) {
        return j.get("ready").getAsBoolean().value();
    }

    @Test
    void readyWhenTheDatasetAnswersWithData() {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(dsg, () -> dsg.add(SSE.parseQuad("(:g :s :p :o)")));
        JsonObject j = over(dsg).check();
        assertTrue(ready(j), j.toString());
        assertEquals("1", j.get("generation").getAsString().value());
    }

    @Test
    void notReadyWhenEmpty() {
        JsonObject j = over(DatasetGraphFactory.createTxnMem()).check();
        assertFalse(ready(j), j.toString());
        assertEquals("the dataset is empty", j.get("reason").getAsString().value());
    }

    @Test
    void notReadyWhenTheDatasetCannotBeRead() {
        DatasetGraph broken = new DatasetGraphWrapper(DatasetGraphFactory.createTxnMem()) {
            @Override public void begin(TxnType type) { throw new IllegalStateException("database closed"); }
        };
        JsonObject j = over(broken).check();
        assertFalse(ready(j), j.toString());
        assertTrue(j.get("reason").getAsString().value().contains("database closed"), j.toString());
    }

    @Test
    void notReadyOnceStopping() {
        DatasetGraph dsg = DatasetGraphFactory.createTxnMem();
        Txn.executeWrite(dsg, () -> dsg.add(SSE.parseQuad("(:g :s :p :o)")));
        Readiness r = over(dsg);
        r.stopping();
        assertFalse(ready(r.check()));
    }
}
