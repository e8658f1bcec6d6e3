"""What the scripts that run published app nodes share: a private PostgreSQL, nodes in Production, nginx in front,
and people who sign in and submit forms through it as a browser would. Used by two-nodes.py and faults.py."""

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




class Forms(html.parser.HTMLParser):
    """Every form of a page that posts: (action, fields) as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.forms, self.current = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "form" and (dict(attrs).get("method") or "").lower() == "post":
            self.current = Form("")
            self.current.inside, self.current.action = True, dict(attrs).get("action")
        elif self.current is not None:
            self.current.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self.current is not None:
            self.current.handle_data(data)

    def handle_endtag(self, tag):
        if self.current is None:
            return
        self.current.handle_endtag(tag)
        if tag == "form":
            self.forms.append((self.current.action, self.current.fields))
            self.current = None


def forms_of(page):
    parser = Forms()
    parser.feed(page)
    return parser.forms


class Cluster:
    """A published build on two nodes over one PostgreSQL database, behind nginx; stop() removes everything."""

    def __init__(self, publish_dir=None, postgres=None, nodes=2):
        self.work = tempfile.mkdtemp(prefix="cm-nodes-")
        os.chmod(self.work, 0o755)
        self.publish_dir, self.postgres, self.count = publish_dir, postgres, nodes
        self.processes, self.ports, self.cluster, self.nginx_conf, self.database = [], [], None, None, None
        self.base = self.connection = self.app = None

    def start(self):
        work = self.work
        if self.publish_dir:
            self.app = os.path.abspath(self.publish_dir)
        else:
            step("Publish (Release)")
            self.app = os.path.join(work, "app")
            subprocess.run(["dotnet", "publish", os.path.join(ROOT, "src", "CustomerManager.Web"), "-c", "Release", "-o", self.app, "--nologo", "-v", "quiet"], check=True)

        server = self.postgres
        if not server:
            step("PostgreSQL (a private cluster)")
            self.cluster = os.path.join(work, "pg")
            server = subprocess.run([os.path.join(ROOT, "scripts", "postgres.sh"), "start", self.cluster], check=True, capture_output=True, text=True).stdout.strip()
        self.server = server
        self.database = "cm_nodes_" + uuid.uuid4().hex[:12]
        self.connection = f"{server};Database={self.database}"
        print(self.connection)

        step(f"{self.count} nodes in Production")
        self.ports = [free_port() for _ in range(self.count)]
        for i in range(self.count):
            self.start_node(i, first=(i == 0))

        step("nginx in front (HTTPS, round-robin, no sticky sessions)")
        proxy = free_port()
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                        "-keyout", os.path.join(work, "key.pem"), "-out", os.path.join(work, "cert.pem")], check=True, capture_output=True)
        temp = os.path.join(work, "nginx-temp")
        os.makedirs(temp)
        os.chmod(temp, 0o777)
        upstreams = " ".join(f"server 127.0.0.1:{p} max_fails=1 fail_timeout=5s;" for p in self.ports)
        self.nginx_conf = os.path.join(work, "nginx.conf")
        with open(self.nginx_conf, "w") as f:
            f.write(f"""
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log {work}/nginx-access.log;
    client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy; fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
    client_max_body_size 12m;
    upstream app {{ {upstreams} keepalive 32; }}
    server {{
        listen 127.0.0.1:{proxy} ssl;
        ssl_certificate {work}/cert.pem;
        ssl_certificate_key {work}/key.pem;
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host:$server_port;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
""")
        subprocess.run(["nginx", "-c", self.nginx_conf] + (["-g", "user root;"] if os.geteuid() == 0 else []), check=True)
        self.base = f"https://127.0.0.1:{proxy}"
        print(self.base)
        return self

    def start_node(self, i, first=False):
        env = dict(os.environ,
                   ASPNETCORE_ENVIRONMENT="Production",
                   Database__Provider="PostgreSql",
                   ConnectionStrings__Default=self.connection,
                   Database__MigrateOnStartup="true" if first else "false",
                   Database__SeedDemoData="true" if first else "false",
                   Serilog__WriteTo__1__Args__path=os.path.join(self.work, f"node{i + 1}-.log"))
        log = open(os.path.join(self.work, f"node{i + 1}.out"), "a")
        process = subprocess.Popen(["dotnet", os.path.join(self.app, "CustomerManager.Web.dll"), "--urls", f"http://127.0.0.1:{self.ports[i]}"],
                                   cwd=self.app, env=env, stdout=log, stderr=subprocess.STDOUT)
        if i < len(self.processes):
            self.processes[i] = process
        else:
            self.processes.append(process)
        wait_ready(f"http://127.0.0.1:{self.ports[i]}/health/ready")
        print(f"node {i + 1}: http://127.0.0.1:{self.ports[i]} ready")

    def node_address(self, i):
        return f"127.0.0.1:{self.ports[i]}"

    def psql(self, sql):
        """Runs SQL on the app's database; returns the rows as lists of strings."""
        psql = shutil.which("psql") or max(glob.glob("/usr/lib/postgresql/*/bin/psql"), default="psql")
        server = dict(part.split("=", 1) for part in self.server.split(";") if "=" in part)
        out = subprocess.run([psql, "-h", server.get("Host", "127.0.0.1"), "-p", server.get("Port", "5432"), "-U", server.get("Username", "postgres"),
                              "-d", self.database, "-AtF", "\t", "-c", sql], check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]

    def pg_ctl(self, action):
        """Stops or starts this script's own PostgreSQL cluster (not a server given with --postgres)."""
        check(self.cluster is not None, "stopping PostgreSQL needs the script's own cluster")
        bin_dir = os.path.dirname(max(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")))
        port = open(os.path.join(self.cluster, "port")).read().strip()
        command = [os.path.join(bin_dir, "pg_ctl"), "-D", os.path.join(self.cluster, "data"), "-w", "-t", "60"]
        command += ["-m", "fast", "stop"] if action == "stop" else ["-l", os.path.join(self.cluster, "server.log"),
                                                                    "-o", f"-h 127.0.0.1 -p {port} -k {self.cluster} -c fsync=off -c max_connections=300", "start"]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--"] + command
        subprocess.run(command, check=True, capture_output=True)

    def tail_logs(self, out):
        for name in sorted(os.listdir(self.work)):
            if name.endswith(".out") or name == "nginx-error.log":
                with open(os.path.join(self.work, name)) as f:
                    print(f"--- {name} (last lines)\n" + "".join(f.readlines()[-20:]), file=out)

    def stop(self):
        if self.nginx_conf and os.path.exists(os.path.join(self.work, "nginx.pid")):
            subprocess.run(["nginx", "-c", self.nginx_conf, "-s", "quit"], check=False)
        for p in self.processes:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in self.processes:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
        if self.cluster:
            subprocess.run([os.path.join(ROOT, "scripts", "postgres.sh"), "stop", self.cluster], check=False)
        elif self.database:
            try:
                psql = shutil.which("psql") or max(glob.glob("/usr/lib/postgresql/*/bin/psql"), default="psql")
                server = dict(part.split("=", 1) for part in self.server.split(";") if "=" in part)
                subprocess.run([psql, "-h", server.get("Host", "127.0.0.1"), "-p", server.get("Port", "5432"), "-U", server.get("Username", "postgres"),
                                "-d", "postgres", "-c", f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)'], check=False, capture_output=True)
            except AttributeError:
                pass
        shutil.rmtree(self.work, ignore_errors=True)
