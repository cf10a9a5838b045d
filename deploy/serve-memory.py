#!/usr/bin/env python3
"""Peak memory of a running `kg serve` under load, as the README reports it.

Loopback only, bounded in time and count. Reads the server's peak resident set size (VmHWM, kept
by the Linux kernel since the process started) from /proc after the load, so run each scenario
against a freshly started server:

    deploy/serve-memory.py --pid PID --port 3030 library   # 32 clients, 60 s of library queries
    deploy/serve-memory.py --pid PID --port 3030 big       # ten concurrent 1 MiB queries, 3 rounds

Standard library only (urllib, threads).
"""
import argparse
import pathlib
import threading
import time
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent


def rss_kib(pid, field):
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise SystemExit(f"no {field} for process {pid}")


def post(url, query, timeout=120):
    req = urllib.request.Request(url, data=query.encode("utf-8"), method="POST",
                                 headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        r.read()
        return r.status


def library_queries():
    # The federated ones wait on Wikidata (not reachable from a loopback-only load test).
    return [p.read_text() for p in sorted((ROOT / "queries").glob("*.rq")) if not p.name.startswith("wikidata-")]


def big_query(size=1024 * 1024 - 1024):
    """A 1 MiB query (just under kg serve's default body limit): a VALUES list of entity IRIs."""
    head = "SELECT ?s ?p ?o WHERE { VALUES ?s {\n"
    tail = "} ?s ?p ?o }\n"
    parts, n, length = [], 0, len(head) + len(tail)
    while True:
        iri = f"<https://w3id.org/geokg/resource/entity-{n:07d}>\n"
        if length + len(iri) > size:
            break
        parts.append(iri)
        length += len(iri)
        n += 1
    return head + "".join(parts) + tail


def run(clients, work):
    counts = {"ok": 0, "failed": 0}
    lock = threading.Lock()

    def client(i):
        for q in work(i):
            try:
                status = post(URL, q)
                ok = status == 200
            except (urllib.error.URLError, OSError):
                ok = False
            with lock:
                counts["ok" if ok else "failed"] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counts


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pid", type=int, required=True, help="the kg serve process (its java)")
    ap.add_argument("--port", type=int, default=3030)
    ap.add_argument("--clients", type=int)
    ap.add_argument("--seconds", type=float, default=60.0, help="library: how long (default 60)")
    ap.add_argument("--rounds", type=int, default=3, help="big: queries per client (default 3)")
    ap.add_argument("scenario", choices=["library", "big"])
    a = ap.parse_args()
    URL = f"http://127.0.0.1:{a.port}/kg/sparql"
    before = rss_kib(a.pid, "VmRSS")
    t0 = time.monotonic()
    if a.scenario == "library":
        qs = library_queries()
        clients = a.clients or 32
        deadline = t0 + a.seconds

        def work(i):
            k = i
            while time.monotonic() < deadline:
                yield qs[k % len(qs)]
                k += 1
    else:
        q = big_query()
        clients = a.clients or 10

        def work(i):
            for _ in range(a.rounds):
                yield q
    counts = run(clients, work)
    took = time.monotonic() - t0
    print(f"{a.scenario}: {clients} clients, {counts['ok']} answered, {counts['failed']} failed in {took:.0f} s; "
          f"RSS before {before / 1024:.0f} MiB, now {rss_kib(a.pid, 'VmRSS') / 1024:.0f} MiB, "
          f"peak (VmHWM) {rss_kib(a.pid, 'VmHWM') / 1024:.0f} MiB")
