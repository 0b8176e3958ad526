#!/usr/bin/env python3
"""Throughput of lxml and selectolax (lexbor) next to htmldict's
`parse_html_bytes`, on the same pages, in one session.

Not part of `cargo test` or CI. Set-up, once, in a virtual environment:

    python3 -m venv target/peers-venv
    target/peers-venv/bin/pip install lxml selectolax
    cargo build --release --example throughput

Run (the pages default to tests/data/pages):

    target/peers-venv/bin/python benches/peers/peers.py [DIR] [--rounds N]

Each parser parses every page once per round, from bytes, and each round
runs the parsers in turn (htmldict in a process of its own, timed inside
that process, after a warm-up pass), so that all of them see the same
machine. The table gives each parser's median pass time over the rounds
and its MB/s (10^6 bytes), and each one's median, over the rounds, of the
ratio of its pass time to lxml's in the same round.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

import lxml
import lxml.html
import selectolax
from selectolax.lexbor import LexborHTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read_pages(directory):
    pages = []
    for name in sorted(os.listdir(directory)):
        if name.endswith(".html"):
            with open(os.path.join(directory, name), "rb") as f:
                pages.append(f.read())
    if not pages:
        sys.exit(f"no .html files in {directory}")
    return pages


def lxml_pass(pages):
    start = time.perf_counter()
    for page in pages:
        lxml.html.fromstring(page)
    return time.perf_counter() - start


def lexbor_pass(pages):
    start = time.perf_counter()
    for page in pages:
        LexborHTMLParser(page)
    return time.perf_counter() - start


def htmldict_pass(binary, directory):
    """One timed pass of the throughput example, in a fresh process."""
    out = subprocess.run(
        [binary, "--passes", "1", directory], check=True, capture_output=True, text=True
    ).stdout
    return float(out.split()[0])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", nargs="?", default=os.path.join(ROOT, "tests/data/pages"))
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument(
        "--htmldict", default=os.path.join(ROOT, "target/release/examples/throughput")
    )
    args = parser.parse_args()
    pages = read_pages(args.directory)
    size = sum(len(p) for p in pages)
    runners = {
        "lxml (lxml.html.fromstring)": lambda: lxml_pass(pages),
        "selectolax (lexbor)": lambda: lexbor_pass(pages),
        "htmldict (parse_html_bytes)": lambda: htmldict_pass(args.htmldict, args.directory),
    }
    for run in runners.values():
        run()
    times = {name: [] for name in runners}
    for _ in range(args.rounds):
        for name, run in runners.items():
            times[name].append(run())
    base = times["lxml (lxml.html.fromstring)"]
    print(
        f"{len(pages)} pages, {size / 1e6:.2f} MB, {args.rounds} rounds; "
        f"lxml {'.'.join(map(str, lxml.etree.LXML_VERSION))}, selectolax {selectolax.__version__}\n"
    )
    print("| parser | median pass | MB/s | time / lxml |")
    print("| --- | ---: | ---: | ---: |")
    for name, samples in times.items():
        median = statistics.median(samples)
        ratio = statistics.median(t / b for t, b in zip(samples, base))
        print(f"| {name} | {median * 1e3:.1f} ms | {size / median / 1e6:.0f} | {ratio:.3f} |")


if __name__ == "__main__":
    main()
