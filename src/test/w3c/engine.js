// The "engine" rdf-test-suite drives: every test runs over HTTP against a running SPARQL server.
//
// Environment (set by W3cSuitesTest):
//   KG_W3C_USER, KG_W3C_PASSWORD   HTTP Basic login sent with every request (kg serve --update --passwd);
//                                  unset for a server without logins (stock Fuseki --update)
//   KG_W3C_QUERY                   query endpoint, for the query evaluation tests
//   KG_W3C_UPDATE                  update endpoint, to load each query test's data
//
// The protocol and graph store suites send their own requests (with the endpoint given by -i);
// this file only adds the login to them. The query evaluation suite calls query() below.
'use strict';

const { TestCaseQueryEvaluationHandler } = require('rdf-test-suite/lib/testcase/sparql/TestCaseQueryEvaluation');
const { termToString } = require('rdf-string-ttl');
const streamifyString = require('streamify-string');

const user = process.env.KG_W3C_USER;
const password = process.env.KG_W3C_PASSWORD || '';

// The authenticating harness: every request made in this process (the suites use the global
// fetch) carries the login. The test server is on loopback only.
if (user) {
  const plainFetch = globalThis.fetch;
  const authorization = 'Basic ' + Buffer.from(user + ':' + password).toString('base64');
  globalThis.fetch = (url, init = {}) => {
    const headers = new Headers(init.headers || {});
    headers.set('Authorization', authorization);
    return plainFetch(url, { ...init, headers });
  };
}

/** An update that replaces the whole dataset with the test's quads (default graph and named graphs). */
function loadUpdate(quads) {
  const defaultTriples = [];
  const named = new Map();
  for (const q of quads) {
    const triple = `${termToString(q.subject)} ${termToString(q.predicate)} ${termToString(q.object)} .`;
    if (q.graph.termType === 'DefaultGraph') {
      defaultTriples.push(triple);
    } else {
      const g = termToString(q.graph);
      if (!named.has(g)) named.set(g, []);
      named.get(g).push(triple);
    }
  }
  const groups = [...named].map(([g, triples]) => `GRAPH ${g} {\n${triples.join('\n')}\n}`);
  return `DROP SILENT ALL ;\nINSERT DATA {\n${defaultTriples.join('\n')}\n${groups.join('\n')}\n}`;
}

async function send(url, init) {
  const response = await fetch(url, init);
  const body = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}: ${body.slice(0, 500)}`);
  return { response, body };
}

module.exports = {
  // Syntax tests, over HTTP too: the server must answer a good query with 2xx, a bad one with 400.
  parse: async (queryString) => {
    const queryUrl = process.env.KG_W3C_QUERY;
    const response = await fetch(queryUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json, application/n-triples' },
      body: queryString,
    });
    const body = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.slice(0, 300)}`);
  },

  query: async (data, queryString) => {
    const queryUrl = process.env.KG_W3C_QUERY;
    const updateUrl = process.env.KG_W3C_UPDATE;
    await send(updateUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-update' },
      body: loadUpdate(data),
    });
    const { response, body } = await send(queryUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/sparql-query',
        accept: 'application/sparql-results+json;q=1.0, application/n-triples;q=0.9',
      },
      body: queryString,
    });
    const contentType = response.headers.get('content-type') || '';
    return TestCaseQueryEvaluationHandler.parseQueryResult(contentType, queryUrl, streamifyString(body));
  },
};
