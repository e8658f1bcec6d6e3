#!/usr/bin/env python3
"""Faults survived, nothing lost: a reliability run against the published build on two nodes behind nginx.

    python3 scripts/faults.py [--publish-dir DIR] [--seconds 60] [--inputs 10000]

Not a unit test: it prints figures (docs/operations.md keeps them). It starts what two-nodes.py starts (a private
PostgreSQL cluster, two nodes in Production, nginx with HTTPS and round-robin), then:

1. kill -9: eight account managers log visits through the proxy as fast as they can; after two seconds one node
   is killed with SIGKILL. Every visit that got a success answer must be in the database; the other node keeps
   serving. The killed node is started again.
2. PostgreSQL stopped for 20 seconds during traffic: pages must answer the friendly, localized 503 (no stack
   trace, never a 500) and /health/ready 503; when the database is back the nodes recover without a restart.
3. 64 connections for --seconds on a mix of every role's pages: zero errors; req/s, p50 and p95.
4. --inputs generated bad form inputs to every form that posts (random lengths, scripts, control characters,
   huge and negative numbers, other records' ids, missing, repeated and unknown fields, a broken anti-forgery
   token now and then): zero 5xx; afterwards the database's invariants hold (one current assignment per
   customer, every assigned customer's manager is their current assignment's, the monthly visit totals equal the
   visits).

It stops and deletes everything it started and exits non-zero when a figure is not what it must be.
"""

import argparse
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

from cmcluster import Cluster, Failure, Person, check, form_of, forms_of, step

ROLES = {
    "admin": ["/Admin", "/Customers", "/Customers?Q=%E4%BE%BF%E5%88%A9", "/AccountManagers", "/Visits", "/Results", "/Audit", "/Cycles"],
    "monopoly": ["/Panel", "/Inbox", "/Scoring", "/Results"],
    "am01": ["/MyWork", "/Customers", "/Visits", "/Visits/Create", "/Results/Mine"],
}


def log_visits(person, stop, successes, failures):
    """Logs visits until told to stop; keeps the marker of each visit the app confirmed (302)."""
    page = None
    while not stop.is_set():
        try:
            if page is None:
                status, _, page = person.get("/Visits/Create")
                if status != 200:
                    page = None
                    failures.append(status)
                    continue
            action, fields = form_of(page, "visit-form")
            visit = dict(fields)
            marker = f"kill9-{person.name}-{len(successes) + len(failures)}-{random.randrange(10**9)}"
            visit.update({"Kind": "OnSite", "VolumeCartons": "1", "MarketInformation": marker})
            if not visit.get("VisitedAt"):
                visit["VisitedAt"] = time.strftime("%Y-%m-%dT%H:%M", time.localtime(time.time() - 3600))
            status, _, _ = person.post(action or "/Visits/Create", list(visit.items()))
            (successes.append(marker) if status == 302 else failures.append(status))
        except OSError as e:  # connection reset by the proxy while a node died
            failures.append(type(e).__name__)


def kill_a_node(cluster):
    step("kill -9 a node during a burst of visit writes through the proxy")
    people = [Person(cluster.base, f"am0{i}") for i in range(1, 9)]
    for p in people:
        p.sign_in(p.name)
    before = int(cluster.psql('SELECT count(*) FROM "Visits"')[0][0])
    stop, successes, failures = threading.Event(), [], []
    threads = [threading.Thread(target=log_visits, args=(p, stop, successes, failures)) for p in people]
    for t in threads:
        t.start()
    time.sleep(2)
    victim = cluster.processes[1]
    victim.kill()
    killed_at = len(successes)
    time.sleep(5)
    stop.set()
    for t in threads:
        t.join()
    stored = {row[0] for row in cluster.psql('SELECT "MarketInformation" FROM "Visits" WHERE "MarketInformation" LIKE \'kill9-%\'')}
    lost = [m for m in successes if m not in stored]
    after = int(cluster.psql('SELECT count(*) FROM "Visits"')[0][0])
    print(f"visits confirmed: {len(successes)} ({killed_at} before the kill), refused or cut: {len(failures)}, in the database: {after - before}, lost: {len(lost)}")
    check(not lost, f"{len(lost)} confirmed visits are not in the database")
    status, _, _ = Person(cluster.base, "check").get("/health/ready")
    check(status == 200, f"the surviving node did not answer through the proxy ({status})")
    started = time.time()
    cluster.start_node(1)
    print(f"the killed node is back in {time.time() - started:.1f} s")
    return {"confirmed": len(successes), "lost": len(lost), "cut": len(failures)}


def stop_the_database(cluster):
    step("PostgreSQL stopped for 20 seconds during traffic")
    admin = Person(cluster.base, "admin")
    admin.sign_in("admin")
    statuses, stop = [], threading.Event()

    def browse():
        while not stop.is_set():
            try:
                status, _, page = admin.get(random.choice(["/Customers", "/AccountManagers", "/Visits", "/Admin"]))
                friendly = status == 503 and "数据库暂时无法访问" in page and "Exception" not in page and "Npgsql" not in page
                statuses.append((time.time(), status, friendly))
            except OSError as e:
                statuses.append((time.time(), type(e).__name__, False))
            time.sleep(0.05)

    worker = threading.Thread(target=browse)
    worker.start()
    time.sleep(2)
    cluster.pg_ctl("stop")
    down_at = time.time()
    time.sleep(3)
    ready, _, _ = Person(cluster.base, "probe").get("/health/ready")
    time.sleep(17)
    cluster.pg_ctl("start")
    up_at = time.time()
    recovered = None
    while time.time() - up_at < 60:
        status, _, _ = Person(cluster.base, "probe").get("/health/ready")
        page_status = statuses[-1][1] if statuses else None  # the browsing thread's latest answer
        if status == 200 and page_status == 200:
            recovered = time.time() - up_at
            break
        time.sleep(0.5)
    time.sleep(2)
    stop.set()
    worker.join()
    during = [s for t, s, _ in statuses if down_at + 1 <= t <= up_at]
    friendly = sum(1 for t, s, f in statuses if down_at + 1 <= t <= up_at and f)
    counts = {s: during.count(s) for s in set(during)}
    print(f"while the database was down: {len(during)} page requests, answers {counts}, of which the friendly 503 page {friendly}; /health/ready {ready}")
    print(f"back: ready and pages 200 again {recovered:.1f} s after PostgreSQL started" if recovered is not None else "not back after 60 s")
    check(500 not in during, "a page answered 500 while the database was down")
    check(counts.get(503, 0) > 0 and friendly == counts.get(503, 0), "pages did not answer the friendly 503 page")
    check(ready == 503, f"/health/ready answered {ready} while the database was down")
    check(recovered is not None, "the app did not recover without a restart")
    return {"during": len(during), "answers": counts, "recovered": recovered}


def hold_connections(cluster, seconds, users=64):
    step(f"{users} connections for {seconds} s on a mix of pages")
    people = []
    for i in range(users):
        user = list(ROLES)[i % len(ROLES)]
        p = Person(cluster.base, user)
        p.sign_in(user)
        people.append(p)
    latencies, errors, stop = [], [], threading.Event()

    def browse(person):
        pages = ROLES[person.name]
        while not stop.is_set():
            started = time.perf_counter()
            try:
                status, _, _ = person.get(random.choice(pages))
            except OSError as e:
                status = type(e).__name__
            latencies.append(time.perf_counter() - started)
            if status != 200:
                errors.append(status)

    threads = [threading.Thread(target=browse, args=(p,)) for p in people]
    started = time.time()
    for t in threads:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    elapsed = time.time() - started
    ordered = sorted(latencies)
    p95 = ordered[int(len(ordered) * 0.95)] * 1000
    print(f"{len(latencies)} requests in {elapsed:.0f} s: {len(latencies) / elapsed:.0f} req/s, p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95:.0f} ms, errors {len(errors)} {sorted(set(map(str, errors)))[:5]}")
    check(not errors, f"{len(errors)} errors under {users} connections")
    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "p95": p95}


def bad_value(rng, original, ids):
    choice = rng.random()
    alphabet = "aZ9 ,.;'\"<>&%\\/\u0000\u0007\u001b\u009b\u200f\ufeff中文店铺🚬\t\r\n"
    if choice < 0.25:
        return original
    if choice < 0.45:
        return "".join(rng.choice(alphabet) for _ in range(rng.choice([1, 5, 50, 300, 3000])))
    if choice < 0.55:
        return rng.choice(["9" * 60, "-1", "-99999999999", "1e308", "NaN", "Infinity", "0x1F", "1,00", "8,5", "１００", "85.55", "2147483648"])
    if choice < 0.65:
        return str(rng.choice(ids + [0, -1, 2**31 - 1, 2**31]))
    if choice < 0.75:
        return rng.choice(["", " ", "\u3000"])
    if choice < 0.85:
        return rng.choice(["2026-02-30T25:61", "9999-12-31T23:59", "0001-01-01", "1900-01-01T00:00", "yesterday"])
    return "<script>alert(1)</script>' OR 1=1 --"


def send_bad_inputs(cluster, count, seed=20261127):
    step(f"{count:,} generated bad inputs to every form that posts")
    rng = random.Random(seed)
    people = {name: Person(cluster.base, name) for name in ("admin", "monopoly", "callcentre", "am01")}
    for name, p in people.items():
        p.sign_in(name)
    customer = cluster.psql('SELECT min("Id") FROM "Customers" WHERE "CurrentManagerId" = (SELECT "Id" FROM "AccountManagers" WHERE "EmployeeNumber" = \'KM001\')')[0][0]
    cycle = cluster.psql('SELECT min("Id") FROM "Cycles" WHERE "Status" = 1')[0][0]
    manager = cluster.psql('SELECT min("Id") FROM "AccountManagers"')[0][0]
    ids = [int(customer), int(cycle), int(manager), 1, 2, 3]
    pages = {
        "admin": ["/Customers/Create", f"/Customers/Edit/{customer}", "/AccountManagers/Create", f"/AccountManagers/Edit/{manager}",
                  "/Districts", "/Brands", "/Users/Create", "/Criteria", "/Criteria/Create", "/Cycles", f"/Assignments/Reassign?customerId={customer}", f"/Assignments/Bulk?ids={customer}", f"/Assignments/All?fromManagerId={manager}", "/Criteria/Edit/1"],
        "monopoly": ["/Inbox", f"/Scoring/Score?cycleId={cycle}&managerId={manager}"],
        "callcentre": [f"/Scoring/Score?cycleId={cycle}&managerId={manager}"],
        "am01": ["/Visits/Create", f"/Visits/Create?customerId={customer}"],
    }
    skip = ("SignOut", "Delete", "Deactivate", "Lock", "Close", "Publish", "Reopen", "/Open", "Merge", "Retire", "ResetPassword", "SetLanguage")
    targets = []
    for name, urls in pages.items():
        for url in urls:
            status, _, page = people[name].get(url)
            if status != 200:
                print(f"  (skipped {url}: {status})")
                continue
            for action, fields in forms_of(page):
                action = action or url
                if not any(s in action for s in skip):
                    targets.append((name, action, fields))
    print(f"{len(targets)} forms: " + ", ".join(sorted({urllib.parse.urlsplit(a).path for _, a, _ in targets})))
    before = cluster.psql('SELECT count(*) FROM "AuditEntries"')[0][0]
    statuses, server_errors = {}, []
    lock = threading.Lock()

    def send(n):
        local = random.Random(seed + n)
        name, action, fields = targets[n % len(targets)]
        posted = []
        for k, v in fields:
            if k == "__RequestVerificationToken":
                posted.append((k, v if local.random() > 0.05 else v[::-1]))
            elif local.random() < 0.1:
                continue
            else:
                posted.append((k, bad_value(local, v, ids)))
                if local.random() < 0.05:
                    posted.append((k, bad_value(local, v, ids)))
        if local.random() < 0.1:
            posted.append((f"Unknown{local.randrange(100)}", bad_value(local, "", ids)))
        try:
            status, _, page = people[name].post(action, posted)
        except OSError as e:
            status, page = type(e).__name__, ""
        with lock:
            statuses[status] = statuses.get(status, 0) + 1
            if isinstance(status, int) and status >= 500:
                server_errors.append((action, status, posted[:6]))

    threads, done = [], [0]

    def worker(start):
        for n in range(start, count, 8):
            send(n)

    started = time.time()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"{count:,} posts in {time.time() - started:.0f} s: answers {dict(sorted(statuses.items(), key=str))}")
    for action, status, posted in server_errors[:5]:
        print(f"  {status} {action} {posted}")
    after = cluster.psql('SELECT count(*) FROM "AuditEntries"')[0][0]
    print(f"audit entries written meanwhile (posts that were valid enough to save): {int(after) - int(before)}")
    invariants = {
        "customers with more than one current assignment":
            'SELECT count(*) FROM (SELECT "CustomerId" FROM "CustomerAssignments" WHERE "To" IS NULL GROUP BY "CustomerId" HAVING count(*) > 1) x',
        "customers whose manager is not their current assignment's":
            'SELECT count(*) FROM "Customers" c WHERE c."CurrentManagerId" IS DISTINCT FROM (SELECT a."AccountManagerId" FROM "CustomerAssignments" a WHERE a."CustomerId" = c."Id" AND a."To" IS NULL)',
        "manager-months whose totals differ from their visits":
            'SELECT count(*) FROM (SELECT v."AccountManagerId", date_trunc(\'month\', v."VisitedAt")::date AS m, count(*) AS n FROM "Visits" v GROUP BY 1, 2) v '
            'FULL JOIN "VisitMonthTotals" t ON t."AccountManagerId" = v."AccountManagerId" AND t."Month" = v.m WHERE coalesce(v.n, 0) <> coalesce(t."Visits", 0)',
    }
    broken = {name: int(cluster.psql(sql)[0][0]) for name, sql in invariants.items()}
    print("invariants: " + ", ".join(f"{name}: {n}" for name, n in broken.items()))
    check(not server_errors, f"{len(server_errors)} posts answered 5xx")
    check(not any(broken.values()), f"the database is inconsistent: {broken}")
    return {"statuses": statuses}


def main():
    arguments = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    arguments.add_argument("--publish-dir")
    arguments.add_argument("--seconds", type=int, default=60)
    arguments.add_argument("--inputs", type=int, default=10_000)
    options = arguments.parse_args()

    cluster = Cluster(options.publish_dir)
    failed = []
    try:
        cluster.start()
        for name, run in (("kill -9", lambda: kill_a_node(cluster)),
                          ("database down", lambda: stop_the_database(cluster)),
                          ("64 connections", lambda: hold_connections(cluster, options.seconds)),
                          ("bad inputs", lambda: send_bad_inputs(cluster, options.inputs))):
            try:
                run()
            except Failure as e:
                print(f"FAILED: {e}", file=sys.stderr)
                failed.append(name)
        print(f"\nfaults: {'FAILED: ' + ', '.join(failed) if failed else 'passed'}")
        if failed:
            cluster.tail_logs(sys.stderr)
        return 1 if failed else 0
    except (Failure, subprocess.CalledProcessError) as e:
        print(f"\nfaults: FAILED: {e}", file=sys.stderr)
        cluster.tail_logs(sys.stderr)
        return 1
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
