"""The dictionaries: their classes, specs and counters, and which names reach
them."""

import gc

import pytest

import htmldict
import htmldict.synthetic

STATS_KEYS = {
    "entries",
    "bytes",
    "lookups",
    "hits",
    "misses",
    "not_stored",
    "evictions",
    "capacity",
}


def new_dictionaries():
    return [
        htmldict.GlobalDictionary(),
        htmldict.PerDocumentDictionary(),
        htmldict.LruDictionary(),
        htmldict.LruDictionary(16, admission="always"),
    ]


@pytest.mark.parametrize("dictionary", new_dictionaries(), ids=lambda d: d.spec)
def test_stats_is_a_plain_dict_of_ints(dictionary):
    stats = dictionary.stats()
    assert type(stats) is dict
    assert set(stats) == STATS_KEYS
    for key, value in stats.items():
        if key != "capacity":
            assert type(value) is int, key


def test_stats_start_at_zero():
    for dictionary in new_dictionaries():
        stats = dictionary.stats()
        for key in ("entries", "lookups", "hits", "misses", "not_stored", "evictions"):
            assert stats[key] == 0, (dictionary.spec, key)


def test_capacity_only_for_lru():
    assert htmldict.GlobalDictionary().stats()["capacity"] is None
    assert htmldict.PerDocumentDictionary().stats()["capacity"] is None
    assert htmldict.LruDictionary(64).stats()["capacity"] == 64
    assert htmldict.LruDictionary().stats()["capacity"] == 4096


def test_every_dictionary_is_a_dictionary():
    for dictionary in new_dictionaries():
        assert isinstance(dictionary, htmldict.Dictionary)


def test_dictionary_base_is_not_constructible():
    with pytest.raises(TypeError):
        htmldict.Dictionary()


def test_specs():
    assert htmldict.GlobalDictionary().spec == "global"
    assert htmldict.PerDocumentDictionary().spec == "per-document"
    assert htmldict.LruDictionary(64).spec == "lru:64"
    assert htmldict.LruDictionary(64, admission="always").spec == "lru:64:always"
    assert htmldict.LruDictionary().spec == "lru:4096"


def test_lru_properties():
    lru = htmldict.LruDictionary(100, admission="always")
    assert (lru.capacity, lru.admission) == (100, "always")
    lru = htmldict.LruDictionary()
    assert (lru.capacity, lru.admission) == (4096, "second-sighting")


@pytest.mark.parametrize(
    "spec, cls",
    [
        ("global", htmldict.GlobalDictionary),
        ("per-document", htmldict.PerDocumentDictionary),
        ("lru:8", htmldict.LruDictionary),
        ("lru:8:always", htmldict.LruDictionary),
        ("lru:1", htmldict.LruDictionary),
    ],
)
def test_from_spec_gives_the_matching_class(spec, cls):
    dictionary = htmldict.from_spec(spec)
    assert type(dictionary) is cls
    assert dictionary.spec == spec


def test_from_spec_lru_admission():
    assert htmldict.from_spec("lru:8").admission == "second-sighting"
    assert htmldict.from_spec("lru:8:always").admission == "always"
    assert htmldict.from_spec("lru:8").capacity == 8


def test_from_spec_global_is_the_shared_one():
    shared = htmldict.GlobalDictionary.shared()
    before = shared.stats()["lookups"]
    htmldict.parse("<p data-from-spec-global>", dictionary=htmldict.from_spec("global"))
    assert htmldict.GlobalDictionary.shared().stats()["lookups"] == before + 1


def test_from_spec_lru_is_new_each_time():
    first = htmldict.from_spec("lru:8")
    htmldict.parse("<app-cart-drawer>", dictionary=first)
    assert first.stats()["lookups"] == 1
    assert htmldict.from_spec("lru:8").stats()["lookups"] == 0


def test_default_dictionary_is_what_none_uses():
    default = htmldict.default_dictionary()
    assert isinstance(default, htmldict.LruDictionary)
    assert default.capacity == 4096
    before = default.stats()["lookups"]
    htmldict.parse("<x-default-dictionary-probe>")
    assert htmldict.default_dictionary().stats()["lookups"] == before + 1
    htmldict.parse("<x-default-dictionary-probe-two>", dictionary=None)
    assert htmldict.LruDictionary.shared_default().stats()["lookups"] == before + 2


def test_document_reports_its_dictionary():
    lru = htmldict.LruDictionary(64)
    doc = htmldict.parse("<app-root></app-root>", dictionary=lru)
    assert isinstance(doc.dictionary, htmldict.LruDictionary)
    assert doc.dictionary.stats() == lru.stats()
    assert doc.dictionary.stats()["misses"] == 1
    assert isinstance(htmldict.parse("<p>").dictionary, htmldict.LruDictionary)


def test_only_long_unknown_names_reach_a_dictionary():
    lru = htmldict.LruDictionary(1024)
    doc = htmldict.parse('<div data-v-7ba5bd90 id="cart"><app-cart-drawer>3 items', dictionary=lru)
    assert doc.get_element_by_id("cart").text() == "3 items"
    stats = lru.stats()
    assert (stats["lookups"], stats["misses"], stats["entries"]) == (2, 2, 2)
    htmldict.parse("<app-cart-drawer data-v-7ba5bd90>", dictionary=lru)
    assert lru.stats()["hits"] == 2


def test_static_and_short_names_bypass_the_dictionary():
    lru = htmldict.LruDictionary(64)
    htmldict.parse(
        '<div id=a class=b><a href=/x title=t>x</a><my-card data-x=1><svg viewBox="0 0 1 1">',
        dictionary=lru,
    )
    assert lru.stats()["lookups"] == 0
    # Eight bytes, one more than fits inside an atom.
    htmldict.parse("<my-cards>", dictionary=lru)
    assert lru.stats()["lookups"] == 1


def test_names_are_looked_up_once_per_document():
    lru = htmldict.LruDictionary(64)
    htmldict.parse("<app-cart-drawer data-v-7ba5bd90></app-cart-drawer>" * 20, dictionary=lru)
    assert lru.stats()["lookups"] == 2


def test_lru_second_sighting_admission():
    lru = htmldict.LruDictionary(1)
    htmldict.parse("<app-cart>", dictionary=lru)  # room: stored at once
    htmldict.parse("<app-cart>", dictionary=lru)  # a hit
    htmldict.parse("<p data-v-1a2b3c4d>", dictionary=lru)  # full: first sighting
    htmldict.parse("<p data-v-1a2b3c4d>", dictionary=lru)  # app-cart in use: spared
    stats = lru.stats()
    assert (stats["lookups"], stats["hits"], stats["misses"]) == (4, 1, 3)
    assert (stats["entries"], stats["not_stored"], stats["evictions"]) == (1, 2, 0)
    assert stats["bytes"] > 0


def test_lru_always_admission_evicts():
    lru = htmldict.LruDictionary(1, admission="always")
    htmldict.parse("<app-header>", dictionary=lru)
    htmldict.parse("<p data-v-7ba5bd90>", dictionary=lru)
    htmldict.parse("<app-header>", dictionary=lru)
    stats = lru.stats()
    assert (stats["hits"], stats["evictions"], stats["entries"]) == (0, 2, 1)


def test_second_sighting_keeps_a_used_name_that_always_loses():
    counts = {}
    for admission in ("second-sighting", "always"):
        lru = htmldict.LruDictionary(1, admission=admission)
        htmldict.parse("<app-header>", dictionary=lru)
        htmldict.parse("<p data-v-7ba5bd90>", dictionary=lru)
        htmldict.parse("<app-header>", dictionary=lru)
        counts[admission] = lru.stats()["hits"]
    assert counts == {"second-sighting": 1, "always": 0}


def test_per_document_stores_nothing_across_documents():
    per_document = htmldict.PerDocumentDictionary()
    doc = htmldict.parse("<shop-card shop-size=2><shop-card>", dictionary=per_document)
    assert per_document.stats()["entries"] == 2
    del doc
    gc.collect()
    stats = per_document.stats()
    assert (stats["entries"], stats["bytes"]) == (0, 0)
    htmldict.parse("<shop-card shop-size=2>", dictionary=per_document)
    stats = per_document.stats()
    assert (stats["hits"], stats["misses"], stats["lookups"]) == (0, 4, 4)


def test_global_keeps_every_name():
    global_dictionary = htmldict.GlobalDictionary()
    for i in range(50):
        htmldict.parse(f"<x-global-name-{i}>", dictionary=global_dictionary)
    gc.collect()
    assert global_dictionary.stats()["entries"] == 50
    htmldict.parse("<x-global-name-7>", dictionary=global_dictionary)
    assert global_dictionary.stats()["hits"] == 1


def test_global_shared_is_one_dictionary():
    before = htmldict.GlobalDictionary.shared().stats()["lookups"]
    htmldict.parse("<x-shared-global-probe>", dictionary=htmldict.GlobalDictionary.shared())
    assert htmldict.GlobalDictionary.shared().stats()["lookups"] == before + 1


def test_new_global_is_not_the_shared_one():
    mine = htmldict.GlobalDictionary()
    before = htmldict.GlobalDictionary.shared().stats()["lookups"]
    htmldict.parse("<x-private-global-probe>", dictionary=mine)
    assert htmldict.GlobalDictionary.shared().stats()["lookups"] == before
    assert mine.stats()["lookups"] == 1


def test_novel_pages_send_48_names_each():
    lru = htmldict.LruDictionary(4096)
    for seed in range(3):
        htmldict.parse(htmldict.synthetic.novel_page(seed), dictionary=lru)
    stats = lru.stats()
    assert (stats["lookups"], stats["misses"], stats["hits"]) == (144, 144, 0)


def test_lru_signature_shows_the_real_default():
    # The signature Python shows is written out by hand (the crate's
    # constant cannot be rendered); it must stay the default the crate uses.
    # Under the stable ABI, CPython shows a class's signature from 3.10 on.
    import inspect
    import sys

    if sys.version_info < (3, 10):
        assert htmldict.LruDictionary.__text_signature__ is None
        return
    parameters = inspect.signature(htmldict.LruDictionary).parameters
    assert parameters["capacity"].default == htmldict.LruDictionary().capacity
    assert parameters["admission"].default == htmldict.LruDictionary().admission
