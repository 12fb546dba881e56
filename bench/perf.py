#!/usr/bin/env python3
"""
perf.py - make bench: issue 9's measures, each a ratio against a reference
measured in the same run, interleaved A B A B ..., median of ROUNDS rounds.

    python3 bench/perf.py [--rounds 3] [--duration 5] [--storm-conns 8]
                          [--skip-pg] [--skip-worklist] [--out DIR]

  P1  wrk GET /api/v1/clients/{Mila}/timeline (coordinator, Bearer) vs
      nginx serving the same bytes as a static file            goal >= 0.5 (PG >= 0.25)
  P2  wrk p99 of P1 vs nginx's p99 in the same round            goal <= 3
  floor  the same server answering web/index.html (no session, database or
      audit) vs nginx serving that file: what the HTTP layer alone reaches
  P5  VmHWM of the server after the P1 rounds (log-ins done by a
      second server on the same database), and after a log-in storm
                                                                goal <= 64 MiB
  P6  P1 reads while wrk -c8 logs in over and over vs reads alone
                                                                goal >= 0.9, p99 <= 2x
  P7  wrk POST /api/v1/clients/{Mila}/journal vs bench/fsyncloop.c
      appending as many 256-byte records, each with fdatasync  goal >= 1
  P3, P4, F  the summary lines of bench/run.sh (bench/worklist_bench.c; F: the
      municipality figures over 100,000 girls vs the sqlite3 CLI and psql,
      bench/figures_bench.sh)

P1, P2, P7 run on SQLite and on a throwaway PostgreSQL cluster with durable
settings (fsync on).  Uses the release build in build/release, free ports on
127.0.0.1 and a fresh directory; every process started here is stopped by its
PID.  Prints one table; --out keeps the raw figures as JSON.
"""
import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BIN = f"{ROOT}/build/release/doorloop"
DEMO_PW = "doorloop-demo"
TIMELINE_CLIENT = "Mila"
CHILDREN = []
RESULTS = {}


def log(*a):
    print(*a, flush=True)


def med(v):
    return statistics.median(v) if v else float("nan")


def ratio(x, y):
    """x / y; a round whose reference measured nothing counts as missing."""
    return x / y if y else float("nan")


def sh(cmd, timeout=600, env=None, check=True, **kw):
    r = subprocess.run(cmd, timeout=timeout, env=env, capture_output=True, text=True, **kw)
    if check and r.returncode != 0:
        raise RuntimeError(f"command failed ({r.returncode}): {cmd}\n{r.stdout}\n{r.stderr}")
    return r


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


class Proc:
    """A server started here; stopped by its PID only."""

    def __init__(self, name, argv, port, ready, env=None, work=None):
        self.name, self.argv, self.port, self.ready, self.env = name, argv, port, ready, env
        self.log_path = f"{work}/{name}.log"
        self.p = None

    def start(self, timeout=30):
        lf = open(self.log_path, "w")
        self.p = subprocess.Popen(self.argv, env=self.env, stdout=lf, stderr=lf)
        CHILDREN.append(self.p)
        t0 = time.time()
        while True:
            if self.p.poll() is not None:
                raise RuntimeError(f"{self.name} exited early ({self.p.returncode}), see {self.log_path}")
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                c.request("GET", self.ready)
                c.getresponse().read()
                c.close()
                return
            except OSError:
                if time.time() - t0 > timeout:
                    raise RuntimeError(f"{self.name}: nothing answers on port {self.port}")
                time.sleep(0.02)

    @property
    def pid(self):
        return self.p.pid

    def stop(self):
        if self.p is None or self.p.poll() is not None:
            return
        os.kill(self.p.pid, signal.SIGTERM)
        try:
            self.p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(self.p.pid, signal.SIGKILL)
            self.p.wait(timeout=10)
        if self.p in CHILDREN:
            CHILDREN.remove(self.p)


def hwm_kib(pid, key="VmHWM"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def dl_env(db_url, key):
    env = dict(os.environ)
    env["DOORLOOP_DB"] = db_url
    env["DOORLOOP_KEY_FILE"] = key
    env.pop("DOORLOOP_LISTEN", None)
    return env


def dl_server(name, db_url, key, work):
    port = free_port()
    argv = [BIN, "serve", "--listen", f"127.0.0.1:{port}", "--web", f"{ROOT}/web",
            "--vendor", f"{ROOT}/node_modules"]
    return Proc(name, argv, port, "/api/v1/openapi.json", env=dl_env(db_url, key), work=work)


def http_json(port, method, path, body=None, token=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    h = {}
    if body is not None:
        h["Content-Type"] = "application/json"
        body = json.dumps(body)
    if token:
        h["Authorization"] = f"Bearer {token}"
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data


def login(port, user="coordinator", pw=DEMO_PW):
    st, data = http_json(port, "POST", "/api/v1/session", {"username": user, "password": pw})
    if st != 201:
        raise RuntimeError(f"login {user}: {st} {data[:200]}")
    return json.loads(data)["token"]


def find_client(port, token):
    st, data = http_json(port, "GET", "/api/v1/clients?limit=100", token=token)
    for it in json.loads(data)["items"]:
        if it["pseudonym"] == TIMELINE_CLIENT:
            return it["id"]
    raise RuntimeError(f"no client {TIMELINE_CLIENT}")


def login_elsewhere(db_url, key, work):
    """Log in through a short-lived second server, so the measured server
    never runs Argon2id before P5 is read (sessions are rows)."""
    s = dl_server("dl-login", db_url, key, work)
    try:
        s.start()
        return login(s.port)
    finally:
        s.stop()


UNIT = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def parse_ms(s):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", s)
    return float(m.group(1)) * UNIT[m.group(2)]


def wrk_argv(url, threads, conns, dur, headers=(), script=None):
    argv = ["wrk", f"-t{threads}", f"-c{conns}", f"-d{dur}s", "--latency", "--timeout", "10s"]
    for h in headers:
        argv += ["-H", h]
    if script:
        argv += ["-s", script]
    return argv + [url]


def wrk_parse(out):
    res = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    res["rps"] = float(m.group(1)) if m else 0.0
    m = re.search(r"(\d+) requests in", out)
    res["requests"] = int(m.group(1)) if m else 0
    m = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    res["p99"] = parse_ms(m.group(1)) if m else float("nan")
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    res["non2xx"] = int(m.group(1)) if m else 0
    return res


def wrk(url, threads=2, conns=32, dur=5, headers=(), script=None, env=None):
    r = subprocess.run(wrk_argv(url, threads, conns, dur, headers, script), capture_output=True,
                       text=True, timeout=dur + 60, env=env)
    return wrk_parse(r.stdout)


def wrk_bg(url, threads, conns, dur, headers=(), script=None, env=None):
    p = subprocess.Popen(wrk_argv(url, threads, conns, dur, headers, script), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=env)
    CHILDREN.append(p)
    return p


def wrk_wait(p, dur):
    out, _ = p.communicate(timeout=dur + 60)
    CHILDREN.remove(p)
    return wrk_parse(out)


# ---------------------------------------------------------------- references

def nginx_start(work, www):
    port = free_port()
    ngx = f"{work}/nginx"
    os.makedirs(f"{ngx}/logs", exist_ok=True)
    with open(f"{ngx}/nginx.conf", "w") as f:
        f.write(f"""worker_processes 2;
pid {ngx}/nginx.pid;
error_log {ngx}/logs/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {ngx}/body; proxy_temp_path {ngx}/proxy;
  fastcgi_temp_path {ngx}/fcgi; uwsgi_temp_path {ngx}/uwsgi; scgi_temp_path {ngx}/scgi;
  types {{ application/json json; }}
  server {{
    listen 127.0.0.1:{port};
    root {www};
    location / {{ add_header Cache-Control no-store; }}
  }}
}}
""")
    p = Proc("nginx", ["nginx", "-c", f"{ngx}/nginx.conf", "-g", "daemon off;"], port,
             "/timeline.json", work=work)
    p.start()
    return p


def fsyncloop(work, dirpath, n):
    out = sh([f"{work}/fsyncloop", f"{dirpath}/fsyncloop.dat", str(max(n, 1)), "256"]).stdout
    os.remove(f"{dirpath}/fsyncloop.dat")
    return float(re.search(r"rate=([\d.]+)", out).group(1))


# ---------------------------------------------------------------- measures

def p1_rounds(a, port, ngx_port, ngx_path, tok, cid, label, path=None):
    """P1/P2: doorloop's answer at path (default: the timeline) vs nginx's
    at ngx_path, in alternating rounds."""
    url = f"http://127.0.0.1:{port}" + (path or f"/api/v1/clients/{cid}/timeline")
    nurl = f"http://127.0.0.1:{ngx_port}{ngx_path}"
    auth = [f"Authorization: Bearer {tok}"] if tok else []
    wrk(url, dur=2, headers=auth)
    wrk(nurl, dur=2)
    rows = []
    for r in range(a.rounds):
        d = wrk(url, dur=a.duration, headers=auth)
        n = wrk(nurl, dur=a.duration)
        rows.append({"dl": d, "ngx": n})
        log(f"  {label} round {r + 1}: doorloop {d['rps']:.0f} rps p99 {d['p99']:.1f} ms (non2xx {d['non2xx']})"
            f" | nginx {n['rps']:.0f} rps p99 {n['p99']:.1f} ms")
    return ([ratio(x["dl"]["rps"], x["ngx"]["rps"]) for x in rows],
            [ratio(x["dl"]["p99"], x["ngx"]["p99"]) for x in rows])


def p7_rounds(a, port, tok, cid, work, fsdir, label):
    url = f"http://127.0.0.1:{port}/api/v1/clients/{cid}/journal"
    auth = [f"Authorization: Bearer {tok}"]
    script = f"{HERE}/journal.lua"
    wrk(url, dur=2, headers=auth, script=script)
    ratios = []
    for r in range(a.rounds):
        w = wrk(url, dur=a.duration, headers=auth, script=script)
        rate = fsyncloop(work, fsdir, w["requests"])
        ratios.append(ratio(w["rps"], rate))
        log(f"  {label} round {r + 1}: doorloop {w['rps']:.0f} writes/s (non2xx {w['non2xx']})"
            f" | fdatasync loop {rate:.0f} records/s")
    return ratios


def p6_rounds(a, port, tok, cid):
    url = f"http://127.0.0.1:{port}/api/v1/clients/{cid}/timeline"
    lurl = f"http://127.0.0.1:{port}/api/v1/session"
    auth = [f"Authorization: Bearer {tok}"]
    env = dict(os.environ, LOGIN_USER="caregiver")
    lua = f"{HERE}/login.lua"
    d = a.duration
    rps, p99 = [], []
    for r in range(a.rounds):
        alone = wrk(url, dur=d, headers=auth)
        rd = wrk_bg(url, 2, 32, d + 1, headers=auth)
        time.sleep(1.0)
        storm = wrk(lurl, 1, a.storm_conns, d, script=lua, env=env)
        under = wrk_wait(rd, d + 1)
        rps.append(ratio(under["rps"], alone["rps"]))
        p99.append(ratio(under["p99"], alone["p99"]))
        log(f"  P6 round {r + 1}: reads alone {alone['rps']:.0f} rps p99 {alone['p99']:.1f} ms"
            f" | under a log-in storm {under['rps']:.0f} rps p99 {under['p99']:.1f} ms"
            f" | log-ins {storm['rps']:.1f}/s (non2xx {storm['non2xx']})")
    return rps, p99


def demo_server(name, db, key, work, www, static):
    """init + demo on db, a token from a second server, the measured server
    started, and the timeline's bytes written to www/static for nginx."""
    sh([BIN, "init"], env=dl_env(db, key))
    sh([BIN, "demo"], env=dl_env(db, key))
    tok = login_elsewhere(db, key, work)
    srv = dl_server(name, db, key, work)
    srv.start()
    cid = find_client(srv.port, tok)
    st, body = http_json(srv.port, "GET", f"/api/v1/clients/{cid}/timeline", token=tok)
    if st != 200:
        srv.stop()
        raise RuntimeError(f"timeline: {st}")
    with open(f"{www}/{static}", "wb") as f:
        f.write(body)
    os.chmod(f"{www}/{static}", 0o644)
    return srv, tok, cid, len(body)


def sqlite_section(a, work, www):
    srv, tok, cid, size = demo_server("dl-sqlite", f"sqlite:{work}/d.db", f"{work}/d.key", work, www,
                                      "timeline.json")
    ngx = None
    try:
        ngx = nginx_start(work, www)
        log(f"SQLite: timeline of {TIMELINE_CLIENT} = {size} bytes")
        r1, r2 = p1_rounds(a, srv.port, ngx.port, "/timeline.json", tok, cid, "P1")
        # The floor under P1: the same HTTP server answering a file of the
        # web app (no session, no database, no audit) vs nginx, same file.
        shutil.copy(f"{ROOT}/web/index.html", f"{www}/index.html")
        os.chmod(f"{www}/index.html", 0o644)
        rf, _ = p1_rounds(a, srv.port, ngx.port, "/index.html", None, cid, "floor", path="/index.html")
        ngx.stop()
        RESULTS["P5_steady_kib"] = hwm_kib(srv.pid)
        r7 = p7_rounds(a, srv.port, tok, cid, work, work, "P7")
        r6, r6p = p6_rounds(a, srv.port, tok, cid)
        RESULTS["P5_storm_kib"] = hwm_kib(srv.pid)
    finally:
        srv.stop()
        if ngx:
            ngx.stop()
    RESULTS.update({"P1": r1, "P2": r2, "P7": r7, "P6": r6, "P6_p99": r6p, "floor": rf})


def pg_bindir():
    ds = sorted(d for d in os.listdir("/usr/lib/postgresql") if os.path.isdir(f"/usr/lib/postgresql/{d}/bin"))
    return f"/usr/lib/postgresql/{ds[-1]}/bin"


def as_pg(argv, **kw):
    if os.getuid() == 0:
        argv = ["runuser", "-u", "postgres", "--"] + argv
    return sh(argv, **kw)


def pg_start(work):
    b, d = pg_bindir(), f"{work}/pg"
    port = free_port()
    os.makedirs(f"{d}/sock")
    if os.getuid() == 0:
        shutil.chown(d, "postgres")
        shutil.chown(f"{d}/sock", "postgres")
        os.chmod(work, 0o755)
    os.chmod(d, 0o700)
    as_pg([f"{b}/initdb", "-D", f"{d}/data", "-U", "postgres", "-E", "UTF8", "--locale=C",
           "--auth=trust", "--no-instructions"])
    # Durable settings: fsync, synchronous_commit, full_page_writes at their defaults.
    with open(f"{d}/data/postgresql.conf", "a") as f:
        f.write(f"\nlisten_addresses = '127.0.0.1'\nport = {port}\n"
                f"unix_socket_directories = '{d}/sock'\nmax_connections = 100\n")
    as_pg([f"{b}/pg_ctl", "-D", f"{d}/data", "-l", f"{d}/log", "-w", "-t", "60", "start"])
    as_pg([f"{b}/psql", "-X", "-q", "-h", f"{d}/sock", "-p", str(port), "-U", "postgres",
           "-d", "postgres", "-c", "CREATE ROLE doorloop LOGIN", "-c",
           "CREATE DATABASE doorloop OWNER doorloop"])
    return f"postgres://doorloop@127.0.0.1:{port}/doorloop"


def pg_stop(work):
    d = f"{work}/pg"
    if os.path.exists(f"{d}/data/postmaster.pid"):
        as_pg([f"{pg_bindir()}/pg_ctl", "-D", f"{d}/data", "-m", "fast", "-w", "stop"], check=False)


def pg_section(a, work, www):
    url = pg_start(work)
    try:
        srv, tok, cid, _ = demo_server("dl-pg", url, f"{work}/pg.key", work, www, "timeline_pg.json")
        ngx = None
        try:
            ngx = nginx_start(work, www)
            r1, r2 = p1_rounds(a, srv.port, ngx.port, "/timeline_pg.json", tok, cid, "PG P1")
            ngx.stop()
            r7 = p7_rounds(a, srv.port, tok, cid, work, f"{work}/pg", "PG P7")
        finally:
            srv.stop()
            if ngx:
                ngx.stop()
    finally:
        pg_stop(work)
    RESULTS.update({"PG_P1": r1, "PG_P2": r2, "PG_P7": r7})


def worklist_section(a):
    """bench/run.sh (bench/worklist_bench.c): P3 and, when it prints them, P4 lines."""
    env = dict(os.environ, BENCH_RUNS=str(max(3, a.rounds)))
    r = sh(["sh", f"{HERE}/run.sh"], env=env, timeout=7200, check=False)
    log("  " + r.stdout.strip().replace("\n", "\n  "))
    lines = []
    for line in r.stdout.splitlines():
        m = re.search(r"^\s*((?:P[34]|F)\b.*?)\s+([\d.]+)(?:\s+goal\s+([\d.]+))?\s*$", line)
        if m:
            lines.append((m.group(1), float(m.group(2)), float(m.group(3) or 1.5)))
    m = re.search(r"ratio\s+([\d.]+)", r.stdout)
    if not lines and m:
        lines.append(("P3 worklist 10k vs plain read of the same rows", float(m.group(1)), 1.5))
    RESULTS["worklist"] = lines
    RESULTS["worklist_rc"] = r.returncode


# ---------------------------------------------------------------- the table

def fmt(v, nd=3):
    v = [x for x in (v or []) if x == x]
    if not v:
        return "n/a"
    return f"{med(v):.{nd}f} ({min(v):.{nd}f}–{max(v):.{nd}f})"


def verdict(v, goal, le=False):
    v = [x for x in (v or []) if x == x]
    if not v:
        return "n/a"
    return "met" if (med(v) <= goal if le else med(v) >= goal) else "not met"


def table(a):
    rows = [("measure", "ratio, median (min–max)", "goal", "")]
    add = lambda name, v, goal, le=False, nd=3: rows.append(
        (name, fmt(v, nd), ("≤ " if le else "≥ ") + str(goal), verdict(v, goal, le)))
    add("P1 timeline reads/s vs nginx (SQLite)", RESULTS.get("P1"), 0.5)
    add("P2 p99 vs nginx p99 (SQLite)", RESULTS.get("P2"), 3, le=True, nd=2)
    if RESULTS.get("floor"):
        rows.append(("floor: a web app file, no database, vs nginx", fmt(RESULTS["floor"]), "(bounds P1)", ""))
    if "P5_steady_kib" in RESULTS:
        mib = RESULTS["P5_steady_kib"] / 1024
        rows.append(("P5 VmHWM after P1 (MiB)", f"{mib:.1f}", "≤ 64", "met" if mib <= 64 else "not met"))
        # Hashing may add its pool's bound: hashing threads x 64 MiB (src/auth/password.c).
        pool = min(4, max(1, (os.cpu_count() or 1) // 2))
        mib = RESULTS["P5_storm_kib"] / 1024
        rows.append(("P5 VmHWM after the log-in storm (MiB)", f"{mib:.1f}", f"≤ 64 + {pool} × 64",
                     "met" if mib <= 64 * (1 + pool) else "not met"))
    add("P6 reads/s under a log-in storm vs alone", RESULTS.get("P6"), 0.9)
    add("P6 read p99 under the storm vs alone", RESULTS.get("P6_p99"), 2, le=True, nd=2)
    add("P7 journal writes/s vs fdatasync loop (SQLite)", RESULTS.get("P7"), 1)
    for name, v, goal in RESULTS.get("worklist", []):
        rows.append((name, f"{v:.2f}", f"≤ {goal:g}", "met" if v <= goal else "not met"))
    if "PG_P1" in RESULTS:
        add("P1 timeline reads/s vs nginx (PostgreSQL)", RESULTS.get("PG_P1"), 0.25)
        add("P2 p99 vs nginx p99 (PostgreSQL)", RESULTS.get("PG_P2"), 3, le=True, nd=2)
        add("P7 journal writes/s vs fdatasync loop (PostgreSQL)", RESULTS.get("PG_P7"), 1)
    w = [max(len(r[i]) for r in rows) for i in range(4)]
    out = []
    for i, r in enumerate(rows):
        out.append("| " + " | ".join(r[j].ljust(w[j]) for j in range(4)) + " |")
        if i == 0:
            out.append("|" + "|".join("-" * (w[j] + 2) for j in range(4)) + "|")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--duration", type=int, default=5)
    ap.add_argument("--storm-conns", type=int, default=8)
    ap.add_argument("--skip-pg", action="store_true")
    ap.add_argument("--skip-worklist", action="store_true")
    ap.add_argument("--out", default=None, help="directory for results.json")
    a = ap.parse_args()
    for tool in ("wrk", "nginx", "sqlite3"):
        if shutil.which(tool) is None and not os.path.exists(f"/usr/sbin/{tool}"):
            sys.exit(f"bench: {tool} is missing (sh scripts/setup.sh bench installs it)")
    if not os.path.exists(BIN):
        sys.exit("bench: build/release/doorloop is missing (make MODE=release build)")
    work = tempfile.mkdtemp(prefix="doorloop-perf.")
    os.chmod(work, 0o755)
    www = f"{work}/www"
    os.makedirs(www)
    os.chmod(www, 0o755)
    t0 = time.time()
    try:
        sh(["gcc", "-O2", "-o", f"{work}/fsyncloop", f"{HERE}/fsyncloop.c"])
        log(f"== SQLite: P1 P2 P5 P7 P6 ({a.rounds} rounds of {a.duration} s, interleaved)")
        sqlite_section(a, work, www)
        if not a.skip_pg:
            log("== PostgreSQL (durable: fsync on): P1 P2 P7")
            pg_section(a, work, www)
        if not a.skip_worklist:
            log("== worklist bench (bench/run.sh): P3, P4")
            worklist_section(a)
    finally:
        for p in list(CHILDREN):
            if p.poll() is None:
                os.kill(p.pid, signal.SIGKILL)
                p.wait()
        pg_stop(work) if os.path.exists(f"{work}/pg") else None
    log(f"\n== issue 9 measures, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, {time.time() - t0:.0f} s\n")
    log(table(a))
    if a.out:
        os.makedirs(a.out, exist_ok=True)
        with open(f"{a.out}/results.json", "w") as f:
            json.dump(RESULTS, f, indent=1)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
