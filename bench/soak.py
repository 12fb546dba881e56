#!/usr/bin/env python3
"""
soak.py - make soak: the release build serving a fresh SQLite installation
with the demo data under SOAK_SECONDS (default 600) of wrk at 64 connections
over 2 threads, mixed authenticated reads and journal writes
(bench/soak.lua).  The server's VmRSS is sampled once a second.

    python3 bench/soak.py [--seconds 600] [--conns 64] [--db sqlite|postgres]

Passes (exit 0) when no answer was a 5xx, wrk saw no socket errors, and the
server's resident memory grew less than 10 % between the first and the last
minute (the peak VmRSS of each; a minute is a fifth of the run when it is
shorter than five minutes).  PostgreSQL uses a throwaway cluster
(scripts/pg-cluster.sh).  Every process started here is stopped by its PID.
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import perf  # noqa: E402  (shared helpers: servers, log-in, wrk)

LIMIT_GROWTH = 0.10


def sample_rss(pid, stop, samples):
    while not stop.is_set():
        try:
            samples.append((time.time(), perf.hwm_kib(pid, "VmRSS")))
        except OSError:
            return
        stop.wait(1.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=int(os.environ.get("SOAK_SECONDS", "600")))
    ap.add_argument("--conns", type=int, default=64)
    ap.add_argument("--db", choices=["sqlite", "postgres"], default=os.environ.get("SOAK_DB", "sqlite"))
    a = ap.parse_args()
    if not os.access(perf.BIN, os.X_OK):
        sys.exit(f"soak: no release build at {perf.BIN} (make MODE=release build)")
    work = tempfile.mkdtemp(prefix="doorloop-soak.")
    os.chmod(work, 0o755)
    key = f"{work}/doorloop.key"
    pg_dir = f"{work}/pg"
    srv = None
    t0 = time.time()
    try:
        if a.db == "postgres":
            url = perf.sh(["sh", f"{perf.ROOT}/scripts/pg-cluster.sh", "start", pg_dir]).stdout.strip()
        else:
            url = f"sqlite:{work}/doorloop.db"
        env = perf.dl_env(url, key)
        for cmd in ("init", "demo"):
            perf.sh([perf.BIN, cmd], env=env)
        srv = perf.dl_server("soak", url, key, work)
        srv.start()
        token = perf.login(srv.port)
        client = perf.find_client(srv.port, token)
        stop = threading.Event()
        samples = []
        th = threading.Thread(target=sample_rss, args=(srv.pid, stop, samples), daemon=True)
        th.start()
        wenv = dict(os.environ, SOAK_TOKEN=token, SOAK_CLIENT=client)
        argv = perf.wrk_argv(f"http://127.0.0.1:{srv.port}", 2, a.conns, a.seconds,
                             script=f"{perf.HERE}/soak.lua")
        r = subprocess.run(argv, capture_output=True, text=True, timeout=a.seconds + 120, env=wenv)
        stop.set()
        th.join()
        hwm = perf.hwm_kib(srv.pid)
        out = r.stdout
        res = perf.wrk_parse(out)
        status = {}
        for line in out.splitlines():
            if line.startswith("SOAK status"):
                for kv in line.split()[2:]:
                    k, v = kv.split("=")
                    status[k] = int(v)
        if not status:
            sys.exit(f"soak: wrk printed no SOAK line:\n{out}\n{r.stderr}")
        window = min(60.0, a.seconds / 5)
        start, end = samples[0][0], samples[-1][0]
        first = max(v for t, v in samples if t - start <= window)
        last = max(v for t, v in samples if end - t <= window)
        growth = (last - first) / first
        ok = status["5xx"] == 0 and status["errors"] == 0 and growth < LIMIT_GROWTH
        print(f"soak: {a.db}, {a.seconds} s, {a.conns} connections, {os.cpu_count()} cores, "
              f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
        print(f"  requests {res['requests']}  ({res['rps']:.0f}/s, p99 {res['p99']:.1f} ms)")
        print(f"  answers 2xx {status['2xx']}  3xx {status['3xx']}  4xx {status['4xx']}  "
              f"5xx {status['5xx']}  socket errors {status['errors']}")
        print(f"  VmRSS peak first {window:.0f} s {first / 1024:.1f} MiB, last {window:.0f} s "
              f"{last / 1024:.1f} MiB: growth {growth * 100:+.1f} % (limit +{LIMIT_GROWTH * 100:.0f} %)"
              f"; VmHWM {hwm / 1024:.1f} MiB")
        print(f"  {'PASS' if ok else 'FAIL'} ({time.time() - t0:.0f} s)")
        return 0 if ok else 1
    finally:
        if srv is not None:
            srv.stop()
        for p in list(perf.CHILDREN):
            if p.poll() is None:
                os.kill(p.pid, signal.SIGKILL)
                p.wait()
        if a.db == "postgres" and os.path.exists(pg_dir):
            perf.sh(["sh", f"{perf.ROOT}/scripts/pg-cluster.sh", "stop", pg_dir], check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
