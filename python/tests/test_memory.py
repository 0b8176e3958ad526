"""A long crawl of pages whose names are all new keeps memory flat under the
bounded dictionaries: their own counters, and the process's resident set."""

import gc

import htmldict
import htmldict.synthetic

PAGES = 20_000
CHECKPOINT = 2_000
NAMES_PER_PAGE = 48
# Seeds of the same number of hex digits give names of steady lengths.
FIRST_SEED = 0x100000
MIB = 1 << 20
# What the resident set may grow by between the checkpoint and the end:
# allocator slack, far below the hundreds of megabytes that 18,000 pages'
# names and trees would hold if anything kept them.
RSS_SLACK = 32 * MIB


def crawl(dictionary, rss, first_seed, on_progress):
    """Parses and drops PAGES novel pages; returns the dictionary's counters
    and the resident set at the checkpoint and at the end."""
    at_checkpoint = None
    for i in range(PAGES):
        htmldict.parse(htmldict.synthetic.novel_page(first_seed + i), dictionary=dictionary)
        done = i + 1
        if done % 1_000 == 0:
            on_progress(dictionary.stats())
        if done == CHECKPOINT:
            at_checkpoint = (dictionary.stats(), rss())
    return at_checkpoint, (dictionary.stats(), rss())


def test_lru_dictionary_stays_bounded(rss):
    lru = htmldict.LruDictionary(4096)
    fresh_bytes = lru.stats()["bytes"]

    def never_above_capacity(stats):
        assert stats["entries"] <= 4096

    (early, early_rss), (late, late_rss) = crawl(lru, rss, FIRST_SEED, never_above_capacity)

    lookups = PAGES * NAMES_PER_PAGE
    assert late["lookups"] == lookups
    assert (late["hits"], late["misses"]) == (0, lookups)
    assert late["entries"] == early["entries"] == 4096
    assert late["capacity"] == 4096
    assert late["not_stored"] == lookups - late["entries"] - late["evictions"]
    # A name seen once is never admitted into a full dictionary, so nothing
    # is evicted, except where a name's fingerprint matches an earlier
    # sighting's (each swaps a name for one at most a word longer or shorter).
    assert late["evictions"] <= 16
    assert abs(late["bytes"] - early["bytes"]) <= 8 * late["evictions"]
    assert late["bytes"] > fresh_bytes
    assert late_rss - early_rss < RSS_SLACK, (early_rss, late_rss)


def test_per_document_dictionary_keeps_nothing(rss):
    per_document = htmldict.PerDocumentDictionary()

    def nothing_held(stats):
        assert (stats["entries"], stats["bytes"]) == (0, 0)

    (early, early_rss), (late, late_rss) = crawl(
        per_document, rss, FIRST_SEED + PAGES, nothing_held
    )

    lookups = PAGES * NAMES_PER_PAGE
    assert early["lookups"] == CHECKPOINT * NAMES_PER_PAGE
    assert (late["lookups"], late["misses"], late["hits"]) == (lookups, lookups, 0)
    assert (late["entries"], late["bytes"], late["evictions"]) == (0, 0, 0)
    assert late["capacity"] is None
    assert late_rss - early_rss < RSS_SLACK, (early_rss, late_rss)


def test_documents_kept_alive_are_counted():
    per_document = htmldict.PerDocumentDictionary()
    seeds = range(FIRST_SEED + 2 * PAGES, FIRST_SEED + 2 * PAGES + 10)
    docs = [
        htmldict.parse(htmldict.synthetic.novel_page(seed), dictionary=per_document)
        for seed in seeds
    ]
    assert per_document.stats()["entries"] == 10 * NAMES_PER_PAGE
    total = sum(doc.memory_usage()["names"] for doc in docs)
    assert total > 0
    del docs
    gc.collect()
    assert per_document.stats()["entries"] == 0
