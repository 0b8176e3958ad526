"""Parsing and querying from several threads at once."""

import gc
from concurrent.futures import ThreadPoolExecutor

import htmldict
import htmldict.synthetic

PAGE = "https://example.com/dir/page.html"
THREADS = 4


def workload(carried_pages):
    """The carried pages, generated pages whose names are all new and pages
    of the simulated crawl, whose names recur."""
    pages = [p.text for p in carried_pages]
    pages += [htmldict.synthetic.novel_page(seed) for seed in range(7_000, 7_040)]
    pages += [htmldict.synthetic.crawl_page(11, i) for i in range(80)]
    return pages


def facts(doc):
    return (
        doc.html,
        doc.title,
        doc.readable_text(),
        [(l.url, l.rel) for l in doc.links(PAGE)],
        [n.tag for n in doc.css("body *")],
    )


def check_counters(stats):
    assert stats["lookups"] == stats["hits"] + stats["misses"]
    assert stats["misses"] == stats["entries"] + stats["evictions"] + stats["not_stored"]
    assert stats["entries"] <= stats["capacity"]


def test_four_threads_share_one_lru_dictionary(carried_pages):
    pages = workload(carried_pages) * 2
    alone = htmldict.LruDictionary(4096)
    serial = [facts(htmldict.parse(p, dictionary=alone)) for p in pages]

    shared = htmldict.LruDictionary(4096)
    with ThreadPoolExecutor(THREADS) as pool:
        threaded = list(pool.map(lambda p: facts(htmldict.parse(p, dictionary=shared)), pages))

    assert threaded == serial
    # Each document asks for each of its names once, whatever the order.
    assert shared.stats()["lookups"] == alone.stats()["lookups"]
    assert shared.stats()["hits"] > 0
    check_counters(shared.stats())
    check_counters(alone.stats())


def test_threads_share_the_default_dictionary(carried_pages):
    pages = [p.text for p in carried_pages]
    serial = [facts(htmldict.parse(p)) for p in pages]
    with ThreadPoolExecutor(THREADS) as pool:
        threaded = list(pool.map(lambda p: facts(htmldict.parse(p)), pages))
    assert threaded == serial
    check_counters(htmldict.default_dictionary().stats())


def test_threads_with_per_document_dictionary(carried_pages):
    pages = workload(carried_pages)
    per_document = htmldict.PerDocumentDictionary()
    serial = [facts(htmldict.parse(p)) for p in pages]
    with ThreadPoolExecutor(THREADS) as pool:
        threaded = list(
            pool.map(lambda p: facts(htmldict.parse(p, dictionary=per_document)), pages)
        )
    assert threaded == serial
    gc.collect()
    stats = per_document.stats()
    assert (stats["entries"], stats["bytes"], stats["hits"]) == (0, 0, 0)


def test_documents_are_queried_from_other_threads(carried_pages):
    docs = [htmldict.parse(p.data) for p in carried_pages]
    serial = [facts(doc) for doc in docs]
    with ThreadPoolExecutor(THREADS) as pool:
        # Every document is read by several threads at the same time.
        threaded = list(pool.map(facts, docs * THREADS))
    assert threaded == serial * THREADS


def test_parsers_fed_from_threads(carried_pages):
    def in_pieces(data):
        parser = htmldict.Parser()
        for start in range(0, len(data), 8192):
            parser.feed(data[start : start + 8192])
        return parser.close().html

    datas = [p.data for p in carried_pages]
    with ThreadPoolExecutor(THREADS) as pool:
        threaded = list(pool.map(in_pieces, datas))
    assert threaded == [htmldict.parse(d).html for d in datas]


def test_a_parser_is_fed_and_closed_from_other_threads(carried_pages):
    page = carried_pages[0]
    parser = htmldict.Parser()
    pieces = [page.data[i : i + 4096] for i in range(0, len(page.data), 4096)]
    # Each piece from another thread of a pool, in order, then close there.
    with ThreadPoolExecutor(max_workers=3) as pool:
        for piece in pieces:
            pool.submit(parser.feed, piece).result()
        doc = pool.submit(parser.close).result()
    assert doc.html == htmldict.parse(page.data).html


def test_parsers_dropped_on_other_threads_free_what_they_hold(rss):
    page = b"<div>" + b"<p>hello world " * 20000
    kept = []

    def start():
        parser = htmldict.Parser()
        parser.feed(page)
        kept.append(parser)

    with ThreadPoolExecutor(max_workers=1) as pool:
        for _ in range(20):
            pool.submit(start).result()
            kept.clear()
        gc.collect()
        before = rss()
        for _ in range(200):
            pool.submit(start).result()
            kept.clear()
        gc.collect()
        grown = rss() - before
    # Each abandoned parser held about 2.4 MB: 200 of them kept would be
    # near 500 MB.
    assert grown < 64 * 1024 * 1024, f"RSS grew {grown / 2**20:.1f} MiB"


def test_concurrent_feeds_on_one_parser_take_turns():
    parser = htmldict.Parser()
    pieces = [f"<li>{i}".encode() for i in range(200)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(parser.feed, pieces))
    items = sorted(int(li.text()) for li in parser.close().css("li"))
    assert items == list(range(200))
