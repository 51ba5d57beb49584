"""Lighthouse (mobile) on the built site served by nginx with gzip, as a school would host it.

    make lighthouse            # build for http://127.0.0.1:PORT/kennisbank/, serve, measure, print
    python scripts/lighthouse.py --site DIR --port N   # a site already built for that address

A measurement, not a test: the scores depend on the machine (Lighthouse simulates a mid-range
phone on a slow 4G line, but runs the page's scripts on this CPU). Pages: home, the parents' page,
the parents' list and one card, in nl and ar. Prints one table row per page and, under it, every
audit that did not pass. Needs nginx (nginx-light) and Lighthouse from tests/lighthouse (npm ci).
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from localnginx import start_nginx

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tests" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = {"home": "", "parents' page": "lezers/ouders/", "parents' list": "checklists/ouders/",
         "card": "voorwaarden/zorg-voor-een-tolk/"}
LANGS = ("nl", "ar")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run --disable-sync --disable-quic")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(site: Path, base: str) -> None:
    env = dict(os.environ, KB_SITE_URL=base, NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONPATH", None)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True)


def run_lighthouse(url: str, out: Path, cpu_slowdown: float | None) -> dict:
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    extra = [f"--throttling.cpuSlowdownMultiplier={cpu_slowdown}"] if cpu_slowdown else []
    for attempt in (1, 2):  # on a busy machine Lighthouse now and then loses its trace (NO_NAVSTART)
        done = subprocess.run(["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}", *extra],
                              env=env, timeout=300)
        if done.returncode == 0:
            return json.loads(out.read_text(encoding="utf-8"))
    sys.exit(f"lighthouse: {url}: Lighthouse failed twice (exit {done.returncode}); see its message above")


def failed_audits(report: dict) -> list[str]:
    found = []
    for cat in CATEGORIES:
        for ref in report["categories"][cat]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1 and \
                    audit["scoreDisplayMode"] in ("binary", "numeric", "metricSavings"):
                found.append(f"{cat}/{ref['id']} ({audit['score']:.2f}): {audit.get('displayValue') or audit['title']}")
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, help="a site already built for http://127.0.0.1:PORT/kennisbank/")
    ap.add_argument("--port", type=int, help="the port that site was built for")
    ap.add_argument("--json", type=Path, help="keep every report in this folder")
    ap.add_argument("--cpu-slowdown", type=float, help="Lighthouse's CPU slowdown (default 4, calibrated for a "
                    "fast desktop; see the benchmark index printed at the end)")
    args = ap.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("lighthouse: not installed; run: cd tests/lighthouse && npm ci")
    if args.site and not args.port:
        sys.exit("lighthouse: --site needs the --port it was built for")
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}/kennisbank/"
    with tempfile.TemporaryDirectory(prefix="kb-lighthouse-") as tmp:
        work = Path(tmp)
        site = args.site.resolve() if args.site else work / "site"
        if not args.site:
            build(site, base)
        try:
            nginx = start_nginx(site, port, work)
        except RuntimeError as e:
            sys.exit(f"lighthouse: {e}")
        try:
            print("| page | language | performance | accessibility | best practices | SEO |")
            print("|---|---|---:|---:|---:|---:|")
            notes, bench = [], []
            for lang in LANGS:
                for name, path in PAGES.items():
                    url = base + ("" if lang == LANGS[0] else f"{lang}/") + path
                    name_json = f"{lang}-{path.strip('/').replace('/', '-') or 'home'}.json"
                    report = run_lighthouse(url, (args.json or work) / name_json, args.cpu_slowdown)
                    bench.append(report["environment"]["benchmarkIndex"])
                    scores = [round(report["categories"][c]["score"] * 100) for c in CATEGORIES]
                    print(f"| {name} | {lang} | " + " | ".join(map(str, scores)) + " |", flush=True)
                    notes += [f"{lang} {name}: {x}" for x in failed_audits(report)]
            print(f"\nLighthouse {report['lighthouseVersion']}, mobile, CPU slowdown {args.cpu_slowdown or 4}; "
                  f"this machine's benchmark index {min(bench):.0f}-{max(bench):.0f} (the default 4x assumes a fast "
                  "desktop; Chrome DevTools' CPU calibration puts a mid-tier phone, Pixel 5, at 1000 and a low-tier "
                  "one, Moto G4, at 264: near 264 this machine unslowed, --cpu-slowdown 1, already is that phone)")
            print("\n".join(["", *notes]) if notes else "\nevery audit passed")
        finally:
            nginx.terminate()
            nginx.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
