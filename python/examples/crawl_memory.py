#!/usr/bin/env python3
"""The problem, shown in Python: a process's memory over a long crawl, with
lxml and with each of htmldict's dictionaries.

Every configuration parses the same stream of generated pages,
`htmldict.synthetic.novel_page(seed)` for seed 0, 1, 2, ... (about 18 KB
each, as UTF-8 bytes). Each page brings 48 element and attribute names that
no earlier page used (Vue `data-v-*` attributes, Angular `_nghost-*` and
`_ngcontent-*` attributes, custom elements) and ids of its own, as a crawl
across many sites and site builds does. The configurations:

    lxml            lxml.html.HTMLParser(), one parser for the whole run
    lxml-no-ids     lxml.html.HTMLParser(collect_ids=False)
    global          htmldict.parse(page, dictionary=GlobalDictionary())
    per-document    htmldict.parse(page, dictionary=PerDocumentDictionary())
    lru-4096        htmldict.parse(page, dictionary=LruDictionary(4096))

Each one runs in a fresh Python process of its own (this script started
again with a hidden flag), so the resident set size (RSS) it reports is that
configuration's alone; the process generates its own pages, so page
generation costs every configuration the same and is included in the times
shown. Every `--every` pages the process samples its RSS (from
/proc/self/statm; where that is missing, the peak RSS from `resource`).
libxml2, under lxml, interns names in a dictionary that the parses of a
thread share and that never shrinks, so its line keeps climbing
(`collect_ids=False` shows what recording ids adds); htmldict's global
dictionary climbs too, while its per-document and bounded LRU dictionaries
stay flat.

Output: a chart of RSS against pages, one line per configuration (PNG,
`crawl_memory.png` next to this script unless `--out` says otherwise), and a
Markdown table on stdout. A progress bar runs on stderr (tqdm's if tqdm is
installed).

Run, in an environment with htmldict installed (lxml and matplotlib are
needed, tqdm is optional):

    pip install lxml matplotlib tqdm
    python examples/crawl_memory.py                     # 100,000 pages each
    python examples/crawl_memory.py --pages 4000 --only lxml,lru-4096

Flags: --pages N (100000), --every N (2000), --out PATH, --only NAME[,NAME]
(may be repeated). The full run parses 500,000 pages in all: several minutes
on an idle machine.
"""

import argparse
import json
import os
import subprocess
import sys
import time

CONFIGURATIONS = {
    "lxml": "lxml, HTMLParser()",
    "lxml-no-ids": "lxml, HTMLParser(collect_ids=False)",
    "global": "htmldict, GlobalDictionary()",
    "per-document": "htmldict, PerDocumentDictionary()",
    "lru-4096": "htmldict, LruDictionary(4096)",
}

DEFAULT_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "crawl_memory.png")

# Progress messages between checkpoints, so that the bar moves smoothly
# without the RSS samples themselves having to be frequent.
TICK = 250

MB = 1e6


# --- The worker process -------------------------------------------------------


def rss_bytes():
    """The resident set size of this process, in bytes."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # ru_maxrss is in bytes on macOS and in kilobytes elsewhere.
        return peak if sys.platform == "darwin" else peak * 1024


def make_parser(name):
    """A function parsing one page's bytes, and one giving the number of
    names the configuration's dictionary holds (None where it cannot be
    observed)."""
    if name in ("lxml", "lxml-no-ids"):
        import lxml.html

        parser = lxml.html.HTMLParser(collect_ids=name == "lxml")

        def parse_lxml(page):
            return lxml.html.document_fromstring(page, parser=parser)

        return parse_lxml, lambda: None

    import htmldict

    dictionary = {
        "global": htmldict.GlobalDictionary,
        "per-document": htmldict.PerDocumentDictionary,
        "lru-4096": lambda: htmldict.LruDictionary(4096),
    }[name]()

    def parse_htmldict(page):
        return htmldict.parse(page, dictionary=dictionary)

    return parse_htmldict, lambda: dictionary.stats()["entries"]


def emit(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def run_worker(name, pages, every):
    """Parses the page stream with one configuration, writing a JSON line
    per checkpoint (and a shorter one per TICK pages) to stdout."""
    from htmldict.synthetic import novel_page

    parse, entries = make_parser(name)
    emit({"pages": 0, "rss": rss_bytes(), "entries": entries(), "seconds": 0.0})
    start = time.perf_counter()
    document = None
    for seed in range(pages):
        # A crawler holds bytes; both parsers find the charset in the page's
        # <meta charset>.
        document = parse(novel_page(seed).encode("utf-8"))
        done = seed + 1
        if done % every == 0 or done == pages:
            emit(
                {
                    "pages": done,
                    "rss": rss_bytes(),
                    "entries": entries(),
                    "seconds": time.perf_counter() - start,
                }
            )
        elif done % TICK == 0:
            emit({"pages": done})
    del document


# --- Progress -------------------------------------------------------------------


class SimpleBar:
    """A one-line progress bar on stderr, for when tqdm is not installed."""

    def __init__(self, total, desc):
        self.total = total
        self.desc = desc
        self.n = 0
        self.postfix = ""
        self.start = time.monotonic()
        self.tty = sys.stderr.isatty()

    def update(self, n):
        self.n += n
        if self.tty:
            self._draw("\r")

    def set_postfix_str(self, text, refresh=True):
        self.postfix = text

    def close(self):
        self._draw("\r" if self.tty else "")
        sys.stderr.write("\n")

    def _draw(self, lead):
        width = 30
        filled = width * self.n // max(self.total, 1)
        elapsed = time.monotonic() - self.start
        sys.stderr.write(
            f"{lead}{self.desc:<14} [{'#' * filled}{'.' * (width - filled)}] "
            f"{self.n}/{self.total} pages, {elapsed:.0f} s {self.postfix}"
        )
        sys.stderr.flush()


def progress_bar(total, desc):
    try:
        from tqdm import tqdm
    except ImportError:
        return SimpleBar(total, desc)
    # Redrawn less often into a log file than on a terminal.
    interval = 0.1 if sys.stderr.isatty() else 10
    return tqdm(
        total=total, desc=f"{desc:<14}", unit="page", file=sys.stderr, mininterval=interval
    )


# --- The parent process ---------------------------------------------------------


def run_configuration(name, pages, every):
    """Runs one configuration in a fresh process; returns its checkpoints."""
    command = [
        sys.executable,
        os.path.abspath(__file__),
        "--worker",
        name,
        "--pages",
        str(pages),
        "--every",
        str(every),
    ]
    checkpoints = []
    bar = progress_bar(pages, name)
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as worker:
        for line in worker.stdout:
            message = json.loads(line)
            bar.update(message["pages"] - bar.n)
            if "rss" in message:
                checkpoints.append(message)
                bar.set_postfix_str(f"RSS {message['rss'] / MB:.0f} MB", refresh=False)
    bar.close()
    if worker.returncode != 0:
        sys.exit(f"crawl_memory: the {name} process failed (exit status {worker.returncode})")
    return checkpoints


def growth_per_thousand(checkpoints):
    """RSS growth per 1,000 pages from the first checkpoint after the start
    to the last, leaving out what the first pages cost once (the parser's
    set-up, the allocator's first arenas)."""
    first = checkpoints[1] if len(checkpoints) > 2 else checkpoints[0]
    last = checkpoints[-1]
    if last["pages"] == first["pages"]:
        return 0.0
    return (last["rss"] - first["rss"]) / (last["pages"] - first["pages"]) * 1000


def print_table(results, pages, every):
    print(
        f"RSS over a crawl of {pages:,} generated pages, "
        "each with 48 never-seen names and ids\n"
    )
    print(
        "| configuration | RSS at start | RSS at end | growth | growth per 1,000 pages "
        "| dictionary entries at end | time |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, checkpoints in results.items():
        start, end = checkpoints[0], checkpoints[-1]
        entries = "n/a" if end["entries"] is None else f"{end['entries']:,}"
        print(
            f"| {CONFIGURATIONS[name]} | {start['rss'] / MB:.1f} MB | {end['rss'] / MB:.1f} MB "
            f"| {(end['rss'] - start['rss']) / MB:+.1f} MB "
            f"| {growth_per_thousand(checkpoints) / MB:+.3f} MB "
            f"| {entries} | {end['seconds']:.1f} s |"
        )
    print(
        "\nRSS is the whole process's resident set (MB = 10^6 bytes), each configuration in "
        "a fresh process; the start is after the imports, before the first page. Growth per "
        f"1,000 pages is measured from the first checkpoint ({every:,} pages) to the end. "
        "lxml's dictionary cannot be observed from Python. Times include generating the "
        "pages, the same work for every configuration."
    )


def draw_chart(results, pages, out):
    import matplotlib

    # No display is needed: the chart goes to a file.
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 5.5), dpi=120)
    for name, checkpoints in results.items():
        ax.plot(
            [c["pages"] for c in checkpoints],
            [c["rss"] / MB for c in checkpoints],
            # The two lxml lines can coincide: dashes keep the second visible.
            linestyle="--" if name == "lxml-no-ids" else "-",
            marker="o" if len(checkpoints) <= 12 else None,
            markersize=3,
            label=CONFIGURATIONS[name],
        )
    ax.set_xlabel("pages parsed")
    ax.set_ylabel("process RSS (MB)")
    ax.set_title(f"Memory over a crawl of {pages:,} pages with never-seen names")
    ax.xaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
    ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)


def parse_only(values):
    if not values:
        return list(CONFIGURATIONS)
    names = []
    for value in values:
        for name in value.split(","):
            name = name.strip()
            if name not in CONFIGURATIONS:
                sys.exit(
                    f"crawl_memory: unknown configuration {name!r} "
                    f"(known: {', '.join(CONFIGURATIONS)})"
                )
            if name not in names:
                names.append(name)
    return names


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="RSS over a crawl of generated pages: lxml against htmldict's dictionaries."
    )
    parser.add_argument("--pages", type=int, default=100_000, help="pages per configuration")
    parser.add_argument("--every", type=int, default=2000, help="pages between RSS samples")
    parser.add_argument("--out", default=DEFAULT_OUT, help="where to write the PNG chart")
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help=f"configurations to run, comma-separated ({', '.join(CONFIGURATIONS)})",
    )
    parser.add_argument("--worker", choices=CONFIGURATIONS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.pages < 1 or args.every < 1:
        parser.error("--pages and --every must be positive")

    if args.worker:
        run_worker(args.worker, args.pages, args.every)
        return None

    names = parse_only(args.only)
    # Better to fail now than after the crawl.
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        sys.exit("crawl_memory: the chart needs matplotlib (pip install matplotlib)")

    results = {name: run_configuration(name, args.pages, args.every) for name in names}
    draw_chart(results, args.pages, args.out)
    print_table(results, args.pages, args.every)
    print(f"\nChart: {args.out}")
    return results


if __name__ == "__main__":
    main()
