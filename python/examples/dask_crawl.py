#!/usr/bin/env python3
"""Beyond one machine: parsing the pages of a WARC file on a Dask cluster,
each worker process with a bounded dictionary of its own.

A crawl's pages usually arrive as WARC files. This example reads the HTTP
responses of one (or first writes one, with warcio, from the pages carried
in tests/data/pages, each served as `text/html; charset=utf-8`), sends them
in batches to the workers of a `distributed` cluster and parses them there
with htmldict:

- each page is parsed from its bytes, with the charset of its record's
  Content-Type header and the URL of its WARC-Target-URI;
- each worker process creates one `LruDictionary` when it starts (a
  `WorkerPlugin`), shared by the pages it parses for as long as it lives,
  so its memory stays bounded however many pages and sites pass through;
- a task returns plain Python values (title, crawl links as URL strings,
  page facts as a dict), which pickle cheaply back to the client;
- at the end, each worker reports its dictionary's stats.

Run, in an environment with htmldict, dask, distributed and warcio:

    pip install "dask[distributed]" warcio
    python examples/dask_crawl.py                   # carried pages, 2 local workers
    python examples/dask_crawl.py crawl.warc.gz     # a WARC file of your own
    python examples/dask_crawl.py --scheduler tcp://10.0.0.5:8786 crawl.warc.gz

Without --scheduler it starts a LocalCluster of 2 worker processes (1
thread each; --workers N for more). With --scheduler, the WARC is read
where this script runs and its records are shipped to the workers, which
need htmldict installed but not this file. --warc-out PATH keeps the WARC
written from the carried pages; --capacity N sets each worker's dictionary
capacity (4096). The functions below (`write_warc`, `read_pages`, `crawl`,
`main`) can be imported and called.
"""

import argparse
import email.message
import io
import os
import tempfile
import time
from collections import Counter

import htmldict
from distributed import Client, LocalCluster, as_completed, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CARRIED_PAGES = os.path.join(ROOT, "tests", "data", "pages")

# The carried pages were saved without their URLs; these stand in for them
# (.example is a reserved top-level domain).
CARRIED_URL = "https://carried-pages.example/{name}"

PLUGIN_NAME = "htmldict-dictionary"

# --- WARC in and out ------------------------------------------------------------


def write_warc(path, pages_dir=CARRIED_PAGES):
    """Writes every `.html` file of `pages_dir` to a gzipped WARC at `path`
    as an HTTP 200 response record; returns [(url, file path)] in order."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    names = sorted(n for n in os.listdir(pages_dir) if n.endswith(".html"))
    if not names:
        raise FileNotFoundError(f"no .html files in {pages_dir}")
    written = []
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for name in names:
            file_path = os.path.join(pages_dir, name)
            with open(file_path, "rb") as f:
                body = f.read()
            try:
                body.decode("utf-8")
                content_type = "text/html; charset=utf-8"
            except UnicodeDecodeError:
                # Not UTF-8: say nothing, as many servers do, and let the
                # parser find the encoding in the page.
                content_type = "text/html"
            url = CARRIED_URL.format(name=name)
            http_headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http_headers
            )
            writer.write_record(record)
            written.append((url, file_path))
    return written


def charset_of(content_type):
    """The charset parameter of a Content-Type header value, or None."""
    if not content_type:
        return None
    message = email.message.Message()
    message["Content-Type"] = content_type
    return message.get_content_charset()


def is_html(content_type):
    if not content_type:
        # Unlabelled responses are usually pages; the parser copes if not.
        return True
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type in ("text/html", "application/xhtml+xml")


def read_pages(warc_path):
    """Yields (url, charset, body bytes) for every HTML response record of
    a WARC file (gzipped or not); other records are skipped."""
    from warcio.archiveiterator import ArchiveIterator

    with open(warc_path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type")
            if not is_html(content_type):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            # content_stream() undoes any chunked or gzip transfer coding.
            yield url, charset_of(content_type), record.content_stream().read()


def batches(pages, max_pages, max_bytes):
    """Groups pages into lists of at most `max_pages` pages and, unless a
    single page is larger, `max_bytes` bytes."""
    batch, size = [], 0
    for page in pages:
        if batch and (len(batch) >= max_pages or size + len(page[2]) > max_bytes):
            yield batch
            batch, size = [], 0
        batch.append(page)
        size += len(page[2])
    if batch:
        yield batch


# --- On the workers -------------------------------------------------------------


class DictionaryPlugin(WorkerPlugin):
    """Gives each worker process one bounded dictionary for its lifetime."""

    name = PLUGIN_NAME
    idempotent = True

    def __init__(self, capacity=4096):
        self.capacity = capacity
        self.dictionary = None

    def setup(self, worker):
        self.dictionary = htmldict.LruDictionary(self.capacity)


def _worker_dictionary(worker):
    return worker.plugins[PLUGIN_NAME].dictionary


def page_facts_dict(facts):
    refresh = facts.refresh
    return {
        "canonical": facts.canonical,
        "robots": list(facts.robots),
        "noindex": facts.noindex,
        "nofollow": facts.nofollow,
        "refresh": None if refresh is None else {"delay": refresh.delay, "url": refresh.url},
        "hreflang": [list(pair) for pair in facts.hreflang],
        "language": facts.language,
        "description": facts.description,
    }


def parse_batch(batch):
    """Parses a batch of (url, charset, body) on a worker with that worker's
    dictionary; returns one dict of plain values per page."""
    worker = get_worker()
    dictionary = _worker_dictionary(worker)
    results = []
    for url, charset, body in batch:
        document = htmldict.parse(body, dictionary=dictionary, charset=charset)
        results.append(
            {
                "url": url,
                "bytes": len(body),
                "title": document.title,
                "links": [link.url for link in document.links(url, crawl=True)],
                "facts": page_facts_dict(document.page_facts(url)),
                "worker": worker.address,
            }
        )
    return results


def dictionary_stats(dask_worker):
    """Run on every worker by `Client.run`: its dictionary's stats."""
    return _worker_dictionary(dask_worker).stats()


# --- On the client --------------------------------------------------------------


def crawl(client, warc_path, capacity=4096, batch_pages=32, batch_bytes=1_000_000):
    """Parses every HTML response of `warc_path` on the workers of
    `client`; returns {"pages": [per-page dicts, in WARC order],
    "workers": {worker address: dictionary stats}, "seconds": wall time}."""
    if __name__ != "__main__":
        # Imported (by a test, a notebook), this module's functions travel to
        # the workers by name, and the workers may not have this file.
        client.upload_file(os.path.abspath(__file__))
    client.register_plugin(DictionaryPlugin(capacity))
    # Keep a bounded number of batches in flight, so that a WARC larger
    # than the client's memory streams through it.
    in_flight = max(2, 2 * sum(client.nthreads().values()))
    start = time.perf_counter()
    pages = {}
    first_position = {}
    pending = as_completed()

    def collect(future):
        first = first_position.pop(future)
        for offset, page in enumerate(future.result()):
            pages[first + offset] = page

    position = 0
    for batch in batches(read_pages(warc_path), batch_pages, batch_bytes):
        while pending.count() >= in_flight:
            collect(next(pending))
        future = client.submit(parse_batch, batch, pure=False)
        first_position[future] = position
        position += len(batch)
        pending.add(future)
    for future in pending:
        collect(future)
    seconds = time.perf_counter() - start
    return {
        "pages": [pages[i] for i in range(position)],
        "workers": client.run(dictionary_stats),
        "seconds": seconds,
    }


def print_summary(result, capacity):
    pages = result["pages"]
    size = sum(page["bytes"] for page in pages)
    links = sum(len(page["links"]) for page in pages)
    per_worker = Counter(page["worker"] for page in pages)
    noindex = sum(page["facts"]["noindex"] for page in pages)
    print(
        f"{len(pages)} pages ({size / 1e6:.2f} MB) parsed on {len(result['workers'])} workers "
        f"in {result['seconds']:.2f} s; {links:,} crawl links; {noindex} page(s) noindex\n"
    )
    print(f"Each worker's LruDictionary({capacity}) at the end:\n")
    print(
        "| worker | pages | entries | bytes | lookups | hits | misses "
        "| not stored | evictions |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for address, stats in sorted(result["workers"].items()):
        print(
            f"| {address} | {per_worker[address]} | {stats['entries']:,} | {stats['bytes']:,} "
            f"| {stats['lookups']:,} | {stats['hits']:,} | {stats['misses']:,} "
            f"| {stats['not_stored']:,} | {stats['evictions']:,} |"
        )
    print("\nFirst pages:\n")
    for page in pages[:5]:
        title = (page["title"] or "").strip().replace("\n", " ")
        if len(title) > 60:
            title = title[:57] + "..."
        print(f"- {page['url']}: {title!r}, {len(page['links'])} links")


def main(argv=None):
    """Runs the example; returns what `crawl` returns."""
    parser = argparse.ArgumentParser(
        description="Parse the pages of a WARC file on a Dask cluster with htmldict."
    )
    parser.add_argument(
        "warc", nargs="?", help="a WARC file (default: one written from tests/data/pages)"
    )
    parser.add_argument("--scheduler", help="address of a Dask scheduler (tcp://host:8786)")
    parser.add_argument("--workers", type=int, default=2, help="local worker processes (2)")
    parser.add_argument("--capacity", type=int, default=4096, help="each worker's dictionary")
    parser.add_argument("--batch-pages", type=int, default=32, help="pages per task (32)")
    parser.add_argument(
        "--warc-out", help="where to write the WARC of the carried pages (default: a temp dir)"
    )
    parser.add_argument("--quiet", action="store_true", help="print no summary")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as scratch:
        warc_path = args.warc
        if warc_path is None:
            warc_path = args.warc_out or os.path.join(scratch, "carried-pages.warc.gz")
            written = write_warc(warc_path)
            if not args.quiet:
                print(f"Wrote {len(written)} pages of {CARRIED_PAGES} to {warc_path}\n")
        if args.scheduler:
            with Client(args.scheduler) as client:
                result = crawl(client, warc_path, args.capacity, args.batch_pages)
        else:
            cluster = LocalCluster(
                n_workers=args.workers,
                threads_per_worker=1,
                processes=True,
                # A free port: the default, 8787, may be taken.
                dashboard_address=":0",
            )
            with cluster, Client(cluster) as client:
                client.wait_for_workers(args.workers)
                result = crawl(client, warc_path, args.capacity, args.batch_pages)
    if not args.quiet:
        print_summary(result, args.capacity)
    return result


if __name__ == "__main__":
    main()
