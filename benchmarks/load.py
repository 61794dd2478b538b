"""`make bench`: what readers get from the site under load, served as production serves it.

1. Loads the generated data set (`generate_data`, deterministic from its seed) into a fresh
   PostgreSQL database (BENCH_DATABASE_URL).
2. Serves the app with gunicorn and the production worker settings (`config/gunicorn.py`), debug
   off, static files collected and served by WhiteNoise.
3. Drives it from outside with wrk: every page of issue 11, uncached (page cache off), cached
   (kept rendered under the data version) and as 304 answers, and the static CSS as the ceiling.
4. Times `/statements.csv` (first data row, whole file, the serving process's growth), then the
   dashboard's p95 while four such downloads run.
5. Serves the same politicians through Datasette (from PyPI, in its own virtualenv) on a SQLite
   copy, and drives its faceted table with the same filter.

Writes a markdown table and JSON to benchmarks/results/. Figures depend on the machine and what
else runs on it; the report says so.
"""

import argparse
import contextlib
import datetime
import http.client
import json
import os
import platform
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
RESULTS = ROOT / "benchmarks" / "results"
DATASETTE_VENV = ROOT / "benchmarks" / ".datasette-venv"

PAGES = {
    "dashboard": "/",
    "politicians, filtered": "/politicians/?party=conservative&position=supports",
    "most quoted politician": "/politicians/alicia-kearns/",
    "statements": "/statements/",
    "search, common term": "/statements/?q=ban",
}
DATASETTE_TABLE = (
    "/bench/politicians?party=Conservative&position=supports"
    "&_facet=party&_facet=position&_facet=house"
)
LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nBENCH {"requests": %d, "duration_us": %d, "errors": %d, "bad_status": %d, '
    .. '"p50_us": %d, "p95_us": %d, "p99_us": %d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def fresh_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def load_data(env, args) -> None:
    log(f"fresh database, generated data: {args.lords} peers, {args.statements} statements")
    fresh_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "import_members", "politicians/data/uk-commons-2019-mps.csv")
    manage(
        env,
        "generate_data",
        f"--lords={args.lords}",
        f"--statements={args.statements}",
        f"--seed={args.seed}",
    )


def static_css_url() -> str:
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


@contextlib.contextmanager
def serving(command, env, port, ready_path="/", quiet=False):
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL if quiet else None,
        stderr=subprocess.DEVNULL if quiet else None,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{ready_path}", timeout=30)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{command[0]} did not start") from None
                time.sleep(0.5)
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def gunicorn(env, port):
    return serving(
        [str(Path(PYTHON).parent / "gunicorn"), "-c", "config/gunicorn.py", "config.wsgi"],
        {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        port,
    )


def wrk(url, args, headers=()) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    command = [
        "wrk",
        f"-t{min(args.connections, 2)}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        "30s",
        "-s",
        script.name,
    ]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    raw = json.loads(line.removeprefix("BENCH "))
    seconds = raw["duration_us"] / 1e6
    return {
        "requests_per_second": round(raw["requests"] / seconds, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "requests": raw["requests"],
        "errors": raw["errors"],
        "bad_status": raw["bad_status"],
    }


def fetch(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def workers_rss(master_pid: int) -> dict[int, int]:
    """Resident memory of each gunicorn worker, in bytes."""
    sizes = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if int(fields.get("PPid", "0").strip()) == master_pid and "VmRSS" in fields:
            sizes[int(status.parent.name)] = int(fields["VmRSS"].split()[0]) * 1024
    return sizes


def time_export(port, path) -> dict:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    start = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    first_row = None
    lines = 0
    size = 0
    while True:
        line = response.readline()
        if not line:
            break
        size += len(line)
        lines += 1
        if lines == 2 and first_row is None:
            first_row = time.perf_counter() - start
    total = time.perf_counter() - start
    connection.close()
    return {
        "first_row_ms": round((first_row or total) * 1000, 1),
        "total_ms": round(total * 1000, 1),
        "rows": lines - 1,
        "megabytes": round(size / 1e6, 1),
    }


def measure_exports(server, port, args) -> dict:
    path = "/statements.csv"
    # The first download since the data changed streams from the database and writes the kept
    # file (core/kept_downloads.py); the later ones are that file.
    before = workers_rss(server.pid)
    first = time_export(port, path)
    after_first = workers_rss(server.pid)
    runs = [time_export(port, path) for _ in range(3)]
    after = workers_rss(server.pid)
    growth = max(
        (max(after.get(pid, 0), after_first.get(pid, 0)) - rss for pid, rss in before.items()),
        default=0,
    )
    result = {
        "first_download_of_a_version": first,
        "first_row_ms": statistics.median(run["first_row_ms"] for run in runs),
        "total_ms": statistics.median(run["total_ms"] for run in runs),
        "rows": runs[0]["rows"],
        "megabytes": runs[0]["megabytes"],
        "worker_growth_mb": round(growth / 1e6, 1),
    }
    log(f"export: {result}")

    stop = threading.Event()

    def download_again_and_again():
        while not stop.is_set():
            time_export(port, path)

    downloads = [threading.Thread(target=download_again_and_again) for _ in range(4)]
    for thread in downloads:
        thread.start()
    time.sleep(1)
    try:
        result["dashboard_during_four_exports"] = wrk(f"http://127.0.0.1:{port}/", args)
    finally:
        stop.set()
        for thread in downloads:
            thread.join()
    log(f"dashboard while four exports run: {result['dashboard_during_four_exports']}")
    return result


def sqlite_copy(database_url: str, target: Path) -> None:
    """The politicians list's rows (with party and position on the default topic) and the
    published statements, copied to SQLite for Datasette."""
    import psycopg

    target.unlink(missing_ok=True)
    lite = sqlite3.connect(target)
    lite.executescript(
        "CREATE TABLE politicians (id INTEGER PRIMARY KEY, name TEXT, slug TEXT, party TEXT, "
        "house TEXT, constituency TEXT, bench TEXT, position TEXT);"
        "CREATE TABLE statements (id INTEGER PRIMARY KEY, speaker TEXT, party TEXT, said_on TEXT,"
        " position TEXT, words TEXT, outlet TEXT, source_url TEXT);"
    )
    with psycopg.connect(database_url) as pg:
        rows = pg.execute(
            "SELECT p.id, p.name, p.slug, coalesce(pa.name, ''), p.house, p.constituency, "
            "p.bench, coalesce(s.position, 'none') FROM politicians_politician p "
            "LEFT JOIN politicians_party pa ON pa.id = p.party_id "
            "LEFT JOIN statements_stance s ON s.politician_id = p.id AND s.topic_id = "
            "(SELECT id FROM statements_topic WHERE is_default) "
            "WHERE p.house <> 'other' AND p.is_sitting"
        ).fetchall()
        lite.executemany("INSERT INTO politicians VALUES (?,?,?,?,?,?,?,?)", rows)
        rows = pg.execute(
            "SELECT st.id, p.name, coalesce(pa.name, ''), st.said_on::text, st.position, "
            "st.words, st.outlet, st.source_url FROM statements_statement st "
            "JOIN politicians_politician p ON p.id = st.politician_id "
            "LEFT JOIN politicians_party pa ON pa.id = p.party_id WHERE st.status = 'published'"
        ).fetchall()
        lite.executemany("INSERT INTO statements VALUES (?,?,?,?,?,?,?,?)", rows)
    # Datasette's facets count by these columns; index them as its docs advise.
    for column in ("party", "position", "house"):
        lite.execute(f"CREATE INDEX politicians_{column} ON politicians ({column})")
    lite.commit()
    lite.close()


def datasette_binary() -> Path:
    binary = DATASETTE_VENV / "bin" / "datasette"
    if not binary.exists():
        log("installing Datasette from PyPI into benchmarks/.datasette-venv")
        subprocess.run([PYTHON, "-m", "venv", str(DATASETTE_VENV)], check=True)
        subprocess.run(
            [str(DATASETTE_VENV / "bin" / "pip"), "install", "--quiet", "datasette>=0.65,<0.66"],
            check=True,
        )
    return binary


def measure_datasette(database_url, args) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "bench.db"
        sqlite_copy(database_url, copy)
        port = args.port + 2
        command = [str(datasette_binary()), "serve", "-i", str(copy), "-p", str(port)]
        with serving(command, dict(os.environ), port, "/-/versions.json", quiet=True):
            url = f"http://127.0.0.1:{port}{DATASETTE_TABLE}"
            fetch(port, DATASETTE_TABLE)
            result = wrk(url, args)
    log(f"Datasette faceted table: {result}")
    return result


def markdown(report) -> str:
    static = report["pages"]["static CSS (WhiteNoise)"]["uncached"]["requests_per_second"]
    lines = [
        f"# make bench, {report['started']}",
        "",
        f"Data: {report['data']['statements']} statements, {report['data']['lords']} generated "
        f"peers and the 650 MPs (seed {report['data']['seed']}); gunicorn "
        f"{report['server']['workers']} workers × {report['server']['threads']} threads "
        f"(gthread), wrk {report['load']['connections']} connections for "
        f"{report['load']['duration_s']} s a page; cache {report['server']['cache']}.",
        "Modes: cold = nothing kept, every request read and rendered whole; uncached = the page "
        "cache off, every page rendered, but what only a change of data changes kept per data "
        "version (tallies, facets, a list's count and page rows, rendered rows and tallies); "
        "cached = the rendered page kept per data version; 304 = a conditional GET with the "
        "page's ETag.",
        f"Machine: {report['machine']['cpus']} CPUs, load average "
        f"{report['machine']['load_average_at_start']} at start. {report['machine']['note']}",
        "",
        "| page | mode | requests/s | p50 ms | p95 ms | p99 ms | share of static file |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page, modes in report["pages"].items():
        for mode, figures in modes.items():
            share = figures["requests_per_second"] / static * 100 if static else 0
            lines.append(
                f"| {page} | {mode} | {figures['requests_per_second']:,} | {figures['p50_ms']} | "
                f"{figures['p95_ms']} | {figures['p99_ms']} | {share:.1f}% |"
            )
    if report.get("datasette"):
        figures = report["datasette"]
        ours = report["pages"]["politicians, filtered"]["uncached"]["requests_per_second"]
        lines.append(
            f"| Datasette faceted table, same filter | | {figures['requests_per_second']:,} | "
            f"{figures['p50_ms']} | {figures['p95_ms']} | {figures['p99_ms']} | "
            f"{figures['requests_per_second'] / static * 100:.1f}% (ours uncached: "
            f"{ours / figures['requests_per_second']:.2f}×) |"
        )
    export = report["export"]
    during = export["dashboard_during_four_exports"]
    lines += [
        "",
        f"`/statements.csv` ({export['rows']} rows, {export['megabytes']} MB): first data row "
        f"{export['first_row_ms']} ms, whole file {export['total_ms']} ms, serving worker grew "
        f"{export['worker_growth_mb']} MB. The first download after a change of data (read "
        f"from the database and written to the kept file): first data row "
        f"{export['first_download_of_a_version']['first_row_ms']} ms, whole file "
        f"{export['first_download_of_a_version']['total_ms']} ms. Dashboard (uncached) while "
        f"four downloads run: {during['requests_per_second']} requests/s, p95 "
        f"{during['p95_ms']} ms.",
        "",
        "Issue 11's “Done when” on these figures:",
        "",
        *(f"- {'yes' if met else 'NO'}: {claim}" for claim, met in done_when(report)),
        "",
        f"Whole run: {report['seconds']} s.",
    ]
    return "\n".join(lines) + "\n"


def done_when(report) -> list[tuple[str, bool]]:
    pages = report["pages"]
    static = pages["static CSS (WhiteNoise)"]["uncached"]["requests_per_second"]
    export = report["export"]
    checks = [
        (
            f"cached and 304: {name}, at least half the static file's requests/s",
            min(
                pages[name]["cached"]["requests_per_second"],
                pages[name]["304"]["requests_per_second"],
            )
            >= static / 2,
        )
        for name in PAGES
    ]
    for name in ("dashboard", "politicians, filtered"):
        figures = pages[name]["uncached"]
        checks.append(
            (
                f"uncached {name}: at least 5% of the static file's requests/s, p95 under 100 ms",
                figures["requests_per_second"] >= static * 0.05 and figures["p95_ms"] < 100,
            )
        )
    if report.get("datasette"):
        checks.append(
            (
                "uncached filtered politicians list beats Datasette's faceted table",
                pages["politicians, filtered"]["uncached"]["requests_per_second"]
                > report["datasette"]["requests_per_second"],
            )
        )
    checks += [
        (
            "uncached search for a common term: p95 under 300 ms",
            pages["search, common term"]["uncached"]["p95_ms"] < 300,
        ),
        (
            "uncached page of the most quoted politician: p95 under 100 ms",
            pages["most quoted politician"]["uncached"]["p95_ms"] < 100,
        ),
        ("CSV: first data row within 300 ms", export["first_row_ms"] < 300),
        ("CSV: whole file within 2 s", export["total_ms"] < 2000),
        ("CSV: serving process grows by less than 50 MB", export["worker_growth_mb"] < 50),
        (
            "dashboard p95 under 250 ms while four exports run",
            export["dashboard_during_four_exports"]["p95_ms"] < 250,
        ),
    ]
    return checks


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lords", type=int, default=800)
    parser.add_argument("--statements", type=int, default=50000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=8611)
    parser.add_argument("--reuse-data", action="store_true", help="skip the fresh database")
    parser.add_argument("--no-datasette", action="store_true")
    args = parser.parse_args()

    started = time.monotonic()
    database_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wts_bench"
    )
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-only-not-secret"),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_COOKIES": "0",
        # Plain http on one machine, as `make run`: no redirect to https, no HSTS.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        # wrk is one client asking hundreds of times a second: the per-client rate limits would
        # answer it 429 and measure nothing. The app's own work is what is measured here.
        "WTS_RATE_LIMIT_EXPORTS": "",
        "WTS_RATE_LIMIT_SEARCH": "",
        "WHITENOISE_USE_FINDERS": "0",
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", ""),
        # A folder of this run's own: a fresh database numbers its data versions from the start.
        "WTS_KEPT_DOWNLOADS_DIR": tempfile.mkdtemp(prefix="bench-downloads-"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    report = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "data": {"lords": args.lords, "statements": args.statements, "seed": args.seed},
        "load": {"connections": args.connections, "duration_s": args.duration},
        "server": {
            "workers": int(env.get("WEB_CONCURRENCY", "4")),
            "threads": int(env.get("GUNICORN_THREADS", "4")),
            "cache": "Redis" if env["CACHE_URL"].startswith("redis") else "in-process memory",
        },
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
            "note": "Other work on the machine shares its CPUs: compare figures of one run.",
        },
        "pages": {"static CSS (WhiteNoise)": {}},
    }
    if not args.reuse_data:
        load_data(env, args)
    manage(env, "collectstatic", "--noinput", "-v0")
    port = args.port
    base = f"http://127.0.0.1:{port}"
    pages = {"static CSS (WhiteNoise)": static_css_url(), **PAGES}

    log("cold: nothing kept, every request rendered and every tally counted")
    cold = {
        **env,
        "WTS_PAGE_CACHE_SECONDS": "0",
        "WTS_FRAGMENT_CACHE_SECONDS": "0",
        "WTS_KEPT_DOWNLOADS_DIR": "",
    }
    with gunicorn(cold, port):
        for name, path in PAGES.items():
            fetch(port, path)
            report["pages"].setdefault(name, {})["cold"] = wrk(base + path, args)
            log(f"{name} cold: {report['pages'][name]['cold']}")

    log("uncached: the page cache off, every request rendered; tallies kept per data version")
    with gunicorn({**env, "WTS_PAGE_CACHE_SECONDS": "0"}, port) as server:
        for name, path in pages.items():
            for _ in range(8):  # every worker keeps its tallies when the cache is in-process
                fetch(port, path)
            report["pages"].setdefault(name, {})["uncached"] = wrk(base + path, args)
            log(f"{name} uncached: {report['pages'][name]['uncached']}")
        report["export"] = measure_exports(server, port, args)

    log("cached: pages kept under the data version, and 304 answers")
    with gunicorn({**env, "WTS_PAGE_CACHE_SECONDS": "3600"}, port):
        for name, path in PAGES.items():
            for _ in range(8):  # every worker keeps its copy when the cache is in-process
                response, _ = fetch(port, path)
            report["pages"][name]["cached"] = wrk(base + path, args)
            etag = response.getheader("ETag")
            report["pages"][name]["304"] = wrk(base + path, args, [f"If-None-Match: {etag}"])
            figures = report["pages"][name]
            log(f"{name}: cached {figures['cached']}, 304 {figures['304']}")

    if not args.no_datasette:
        report["datasette"] = measure_datasette(database_url, args)
    report["seconds"] = round(time.monotonic() - started)

    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    text = markdown(report)
    (RESULTS / f"bench-{stamp}.md").write_text(text)
    (RESULTS / f"bench-{stamp}.json").write_text(json.dumps(report, indent=2) + "\n")
    print(text)
    log(f"written to benchmarks/results/bench-{stamp}.md and .json")


if __name__ == "__main__":
    main()
