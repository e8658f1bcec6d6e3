#!/usr/bin/env python3
"""Two app nodes over one PostgreSQL database behind nginx, driven through a real session.

    python3 scripts/two-nodes.py [--publish-dir DIR] [--postgres "Host=127.0.0.1;Port=N;Username=postgres"]

Publishes the app (dotnet publish -c Release, unless --publish-dir names a published build), starts a private
PostgreSQL cluster (scripts/postgres.sh, unless --postgres names a running server; a database of its own is created
either way), starts two nodes in Production on two loopback ports, the first migrating the database and seeding
the demo, and puts nginx in front: HTTPS on a loopback port with a throw-away certificate, round-robin, no sticky
sessions, X-Forwarded-For/-Proto set. Then, through the proxy, as people would: the administrator, an account
manager and a panel member sign in; the manager logs a visit; the administrator previews an import on one node
and confirms it on the other; the panel member scores a manager; the administrator closes the open cycle. Every
step checks what the app answered and which node answered it; both nodes must have served each person. It stops
and deletes everything it started, whatever happened, and exits non-zero on the first failure.
"""

import argparse
import re
import subprocess
import sys
import time
import urllib.parse
import uuid

from cmcluster import Cluster, Failure, Person, check, form_of, step, text_of


def main():
    arguments = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    arguments.add_argument("--publish-dir")
    arguments.add_argument("--postgres")
    options = arguments.parse_args()

    cluster = Cluster(options.publish_dir, options.postgres)
    try:
        cluster.start()
        base = cluster.base

        step("Everyone signs in through the proxy")
        admin, manager, panel = Person(base, "admin"), Person(base, "am01"), Person(base, "callcentre")
        check(admin.sign_in("admin") == "/Admin", "the administrator did not land on /Admin")
        check(manager.sign_in("am01") == "/MyWork", "the account manager did not land on /MyWork")
        check(panel.sign_in("callcentre") == "/Panel", "the panel member did not land on /Panel")
        status, _, page = admin.get("/Admin")
        check(status == 200 and "客户经理" in page, f"the dashboard answered {status}")

        step("The account manager logs a visit")
        status, _, page = manager.get("/Visits/Create")
        action, fields = form_of(page, "visit-form")
        visit = dict(fields)
        visit.update({"Kind": "OnSite", "VolumeCartons": "12", "MarketInformation": "两个节点的拜访"})
        if not visit.get("VisitedAt"):
            visit["VisitedAt"] = time.strftime("%Y-%m-%dT%H:%M", time.localtime(time.time() - 3600))
        check(visit.get("CustomerId"), "the visit form offers no customer")
        status, headers, _ = manager.post(action or "/Visits/Create", list(visit.items()))
        check(status == 302, f"logging a visit answered {status}")
        status, _, page = manager.get(headers.get("Location") or "/Visits")
        check(status == 200, f"the page after logging the visit answered {status}")

        step("An import previewed on one node is confirmed on the other")
        csv = "许可证号,店名,负责人,电话,地址,业态,状态,客户经理工号\r\n" + "".join(
            f"44019{9000000 + i:07d},两节点店{i},业主{i},1380000{i:04d},节点路{i}号,便利店,营业,KM001\r\n" for i in range(1, 21))
        status, _, page = admin.get("/CustomerImport")
        _, fields = form_of(page, "import-form")
        boundary = uuid.uuid4().hex
        body = b""
        for k, v in fields:
            body += f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode()
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"two-nodes.csv\"\r\n"
                 f"Content-Type: text/csv\r\n\r\n").encode() + csv.encode("utf-8") + f"\r\n--{boundary}--\r\n".encode()
        status, headers, _ = admin.request("/CustomerImport/Preview", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        check(status == 302, f"uploading the import answered {status}")
        uploaded_on = admin.nodes[-1]
        preview = headers.get("Location")
        # Round-robin, no other traffic: after a page the node that took the upload served, the next request goes to
        # the other node. Open the preview until the uploading node has served it, then confirm.
        for _ in range(4):
            status, _, page = admin.get(preview)
            check(status == 200 and "两节点店1" in page, f"the preview answered {status}: {text_of(page)[-1500:]}")
            if admin.nodes[-1] == uploaded_on:
                break
        _, fields = form_of(page, "confirm-import")
        status, headers, _ = admin.post("/CustomerImport/Confirm", fields)
        check(status == 302, f"confirming the import answered {status}")
        check(admin.nodes[-1] != uploaded_on, f"the confirmation was served by the node that took the upload ({uploaded_on})")
        print(f"uploaded on {uploaded_on}, confirmed on {admin.nodes[-1]}")
        status, _, page = admin.get("/Customers?q=" + urllib.parse.quote("两节点店"))
        check(status == 200 and page.count("两节点店") >= 20, "the imported customers are not listed")

        step("The panel member scores a manager")
        status, _, page = panel.get("/Scoring")
        check(status == 200, f"the scoring list answered {status}")
        target = re.search(r'href="(/Scoring/Score\?cycleId=\d+&managerId=\d+)"', page)
        check(target, "no manager to score")
        score_page = target.group(1)
        status, _, page = panel.get(score_page)
        _, fields = form_of(page, "score-form")
        fields = [(k, "80" if k.endswith(".Value") else v) for k, v in fields]
        status, _, _ = panel.post(score_page, fields)
        check(status == 302, f"saving scores answered {status}")

        step("The administrator closes the open cycle")
        cycle = re.search(r"cycleId=(\d+)", score_page).group(1)
        status, headers, _ = admin.submit(f"/Cycles/Close/{cycle}", "confirm-close", {"confirmNotRated": "true"})
        check(status == 302, f"closing the cycle answered {status}")
        status, _, page = admin.get(f"/Cycles/Details/{cycle}")
        check(status == 200 and "已关闭" in page, "the cycle does not read as closed")

        step("Both nodes served every person")
        for person in (admin, manager, panel):
            served = {n for n in person.nodes if n}
            print(f"{person.name}: {len(person.nodes)} requests, nodes {sorted(served)}")
            check(len(served) == 2, f"{person.name} was served by {served} only")
        print("\ntwo nodes: passed")
        return 0
    except (Failure, subprocess.CalledProcessError) as e:
        print(f"\ntwo nodes: FAILED: {e}", file=sys.stderr)
        cluster.tail_logs(sys.stderr)
        return 1
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
