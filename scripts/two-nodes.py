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
import glob
import html
import html.parser
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "Demo#2026"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def text_of(page):
    """A page's words, for a message."""
    return re.sub(r"<[^>]+>|\s+", " ", page)


def step(text):
    print(f"\n==> {text}", flush=True)


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


class Form(html.parser.HTMLParser):
    """The fields of the first form matching a CSS-like id or action fragment, as a browser would submit them."""

    def __init__(self, want):
        super().__init__()
        self.want, self.inside, self.done = want, False, False
        self.action, self.fields, self.select, self.textarea = None, [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and not self.inside:
            if self.want in (a.get("id") or "", a.get("action") or ""):
                self.inside, self.action = True, a.get("action")
            return
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file"):
                return
            self.fields.append((a["name"], a.get("value") or ""))
        elif tag == "select" and a.get("name"):
            self.select = [a["name"], None, None]
        elif tag == "option" and self.select is not None:
            value = a.get("value") or ""
            if self.select[1] is None and value:
                self.select[1] = value
            if "selected" in a:
                self.select[2] = value
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "select" and self.select is not None:
            name, first, chosen = self.select
            self.fields.append((name, chosen if chosen is not None else (first or "")))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "form":
            self.inside, self.done = False, True


def form_of(page, want):
    parser = Form(want)
    parser.feed(page)
    check(parser.done or parser.fields, f"no form {want!r} on the page")
    return parser.action, parser.fields


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Person:
    """A browser of one person: its own cookies, talking to the proxy only, remembering which node answered."""

    def __init__(self, base, name):
        self.base, self.name, self.nodes = base, name, []
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), urllib.request.HTTPSHandler(context=context), NoRedirect())

    def request(self, path, data=None, headers=None):
        url = path if path.startswith("http") else self.base + path
        request = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            response = self.opener.open(request, timeout=120)
        except urllib.error.HTTPError as e:  # 3xx (not followed) and errors
            response = e
        body = html.unescape(response.read().decode("utf-8", "replace"))  # Razor writes Chinese as character references
        self.nodes.append(response.headers.get("X-Upstream"))
        return response.status, response.headers, body

    def get(self, path):
        return self.request(path)

    def post(self, path, fields):
        return self.request(path, urllib.parse.urlencode(fields).encode(), {"Content-Type": "application/x-www-form-urlencoded"})

    def submit(self, page_path, want, changes=None, drop=()):
        status, _, page = self.get(page_path)
        check(status == 200, f"{self.name}: GET {page_path} answered {status}")
        action, fields = form_of(page, want)
        fields = [(k, v) for k, v in fields if k not in (changes or {}) and k not in drop] + list((changes or {}).items())
        return self.post(action or page_path, fields)

    def sign_in(self, user):
        status, headers, _ = self.submit("/Account/SignIn", "/Account/SignIn", {"UserName": user, "Password": PASSWORD})
        check(status == 302, f"signing in as {user} answered {status}")
        cookie = [c for c in self.jar if c.name in ("cm.auth", "cm.af")]
        check(len(cookie) == 2 and all(c.secure for c in cookie), f"the sign-in and anti-forgery cookies are not both Secure behind the HTTPS proxy: {[(c.name, c.secure) for c in self.jar]}")
        return headers.get("Location")


def wait_ready(url, seconds=90):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.5)
    raise Failure(f"{url} not ready after {seconds} s")


def main():
    arguments = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    arguments.add_argument("--publish-dir")
    arguments.add_argument("--postgres")
    options = arguments.parse_args()

    work = tempfile.mkdtemp(prefix="cm-two-nodes-")
    os.chmod(work, 0o755)
    processes, cluster, nginx_conf, database = [], None, None, None
    try:
        if options.publish_dir:
            app = os.path.abspath(options.publish_dir)
        else:
            step("Publish (Release)")
            app = os.path.join(work, "app")
            subprocess.run(["dotnet", "publish", os.path.join(ROOT, "src", "CustomerManager.Web"), "-c", "Release", "-o", app, "--nologo", "-v", "quiet"], check=True)

        server = options.postgres
        if not server:
            step("PostgreSQL (a private cluster)")
            cluster = os.path.join(work, "pg")
            server = subprocess.run([os.path.join(ROOT, "scripts", "postgres.sh"), "start", cluster], check=True, capture_output=True, text=True).stdout.strip()
        database = "cm_two_nodes_" + uuid.uuid4().hex[:12]
        connection = f"{server};Database={database}"
        print(connection)

        step("Two nodes in Production")
        ports = [free_port(), free_port()]
        for i, port in enumerate(ports):
            env = dict(os.environ,
                       ASPNETCORE_ENVIRONMENT="Production",
                       Database__Provider="PostgreSql",
                       ConnectionStrings__Default=connection,
                       Database__MigrateOnStartup="true" if i == 0 else "false",
                       Database__SeedDemoData="true" if i == 0 else "false",
                       Serilog__WriteTo__1__Args__path=os.path.join(work, f"node{i + 1}-.log"))
            log = open(os.path.join(work, f"node{i + 1}.out"), "w")
            processes.append(subprocess.Popen(["dotnet", os.path.join(app, "CustomerManager.Web.dll"), "--urls", f"http://127.0.0.1:{port}"],
                                              cwd=app, env=env, stdout=log, stderr=subprocess.STDOUT))
            wait_ready(f"http://127.0.0.1:{port}/health/ready")
            print(f"node {i + 1}: http://127.0.0.1:{port} ready")

        step("nginx in front (HTTPS, round-robin, no sticky sessions)")
        proxy = free_port()
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                        "-keyout", os.path.join(work, "key.pem"), "-out", os.path.join(work, "cert.pem")], check=True, capture_output=True)
        temp = os.path.join(work, "nginx-temp")
        os.makedirs(temp)
        os.chmod(temp, 0o777)
        nginx_conf = os.path.join(work, "nginx.conf")
        with open(nginx_conf, "w") as f:
            f.write(f"""
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 256; }}
http {{
    access_log {work}/nginx-access.log;
    client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy; fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
    client_max_body_size 12m;
    upstream app {{ server 127.0.0.1:{ports[0]}; server 127.0.0.1:{ports[1]}; }}
    server {{
        listen 127.0.0.1:{proxy} ssl;
        ssl_certificate {work}/cert.pem;
        ssl_certificate_key {work}/key.pem;
        location / {{
            proxy_pass http://app;
            proxy_set_header Host $host:$server_port;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
""")
        subprocess.run(["nginx", "-c", nginx_conf] + (["-g", "user root;"] if os.geteuid() == 0 else []), check=True)
        base = f"https://127.0.0.1:{proxy}"
        print(base)

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
        for name in sorted(os.listdir(work)):
            if name.endswith(".out") or name == "nginx-error.log":
                with open(os.path.join(work, name)) as f:
                    print(f"--- {name} (last lines)\n" + "".join(f.readlines()[-20:]), file=sys.stderr)
        return 1
    finally:
        if nginx_conf and os.path.exists(os.path.join(work, "nginx.pid")):
            subprocess.run(["nginx", "-c", nginx_conf, "-s", "quit"], check=False)
        for p in processes:
            p.send_signal(signal.SIGTERM)
        for p in processes:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
        if cluster:
            subprocess.run([os.path.join(ROOT, "scripts", "postgres.sh"), "stop", cluster], check=False)
        elif options.postgres and database:
            psql = shutil.which("psql") or max(glob.glob("/usr/lib/postgresql/*/bin/psql"), default="psql")
            server = dict(part.split("=", 1) for part in options.postgres.split(";") if "=" in part)
            subprocess.run([psql, "-h", server.get("Host", "127.0.0.1"), "-p", server.get("Port", "5432"), "-U", server.get("Username", "postgres"),
                            "-d", "postgres", "-c", f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'], check=False, capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
