"""Fixtures shared by the htmldict tests.

The carried pages are the real pages in the repository's ``tests/data/pages``.
What the Rust crate computes for each of them is in ``data/expected.json``,
written by the crate's ``tests/python_expected.rs`` (which also fails when
the file no longer matches the crate), so that the binding is held to the
crate's own results.
"""

import gc
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pytest

import htmldict

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parents[1]
PAGES_DIR = REPO_ROOT / "tests" / "data" / "pages"
EXPECTED_PATH = TESTS_DIR / "data" / "expected.json"


class CarriedPage(NamedTuple):
    name: str
    data: bytes
    # Decoded as Rust's read_to_string does: a byte order mark stays, as
    # U+FEFF at the start of the text.
    text: str
    expected: dict


@lru_cache(maxsize=1)
def _expected():
    with EXPECTED_PATH.open(encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=1)
def _carried_pages():
    expected = {p["name"]: p for p in _expected()["pages"]}
    pages = []
    for path in sorted(PAGES_DIR.glob("*.html")):
        data = path.read_bytes()
        pages.append(CarriedPage(path.name, data, data.decode("utf-8"), expected.get(path.name)))
    return tuple(pages)


def pytest_generate_tests(metafunc):
    """Runs every test taking a ``page`` argument once per carried page."""
    if "page" in metafunc.fixturenames:
        pages = _carried_pages()
        metafunc.parametrize("page", pages, ids=[p.name for p in pages])


@pytest.fixture(scope="session")
def expected():
    """The whole of data/expected.json."""
    return _expected()


@pytest.fixture(scope="session")
def page_url(expected):
    """The page URL the expected links and page facts were resolved against."""
    return expected["page_url"]


@pytest.fixture(scope="session")
def carried_pages():
    return _carried_pages()


@pytest.fixture(scope="session")
def parsed():
    """The document of a carried page parsed from text with the defaults,
    parsed once for all the tests that only read it."""
    cache = {}

    def parse(page):
        if page.name not in cache:
            cache[page.name] = htmldict.parse(page.text)
        return cache[page.name]

    return parse


def all_elements(doc):
    """Every element of a document in tree order, the root first."""
    return [doc.root, *doc.root.iter()]


def summary(text, edge):
    """A long string as the Rust side describes it: its length in code points
    and in UTF-8 bytes, and its first and last ``edge`` code points."""
    return {
        "length": len(text),
        "utf8_length": len(text.encode("utf-8")),
        "head": text[:edge],
        "tail": text[-edge:],
    }


@pytest.fixture(scope="session")
def elements():
    return all_elements


@pytest.fixture(scope="session")
def summarize(expected):
    """``summary`` with the length the Rust side keeps of a document's
    strings."""
    return lambda text: summary(text, expected["edge"])


@pytest.fixture(scope="session")
def summarize_sample(expected):
    """``summary`` with the length the Rust side keeps of a sampled
    element's strings."""
    return lambda text: summary(text, expected["sample_edge"])


def rss_bytes():
    """The resident set size of this process now."""
    with open("/proc/self/statm") as f:
        resident_pages = int(f.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE")


@pytest.fixture
def rss():
    """A function giving the resident set size after a full collection."""

    def measure():
        gc.collect()
        return rss_bytes()

    return measure
