"""The Dask example (examples/dask_crawl.py) end to end: a WARC written from
the carried pages, parsed on a LocalCluster of two worker processes, must
give back every page with the title an in-process parse gives, and each
worker's dictionary must have been used and stayed within its capacity.

Run from python/: pytest tests/test_dask_crawl.py (about 10-30 s, most of it
starting the workers).
"""

import importlib.util
import pathlib

import htmldict
from warcio.archiveiterator import ArchiveIterator

EXAMPLE = pathlib.Path(__file__).resolve().parents[1] / "examples" / "dask_crawl.py"
CARRIED_PAGES = pathlib.Path(__file__).resolve().parents[2] / "tests" / "data" / "pages"

# Small enough that the carried pages could overflow it: the bound is tested.
CAPACITY = 64


def load_example():
    spec = importlib.util.spec_from_file_location("dask_crawl", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def expected_titles(warc_path):
    """Each response's title as htmldict gives it in this process, reading
    the WARC with warcio directly rather than with the example's reader."""
    titles = {}
    with open(warc_path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            content_type = record.http_headers.get_header("Content-Type")
            assert content_type == "text/html; charset=utf-8", (url, content_type)
            body = record.content_stream().read()
            titles[url] = htmldict.parse(body, charset="utf-8").title
    return titles


def test_dask_crawl_on_two_workers(tmp_path):
    dask_crawl = load_example()
    warc_path = tmp_path / "carried-pages.warc.gz"
    result = dask_crawl.main(
        [
            "--warc-out",
            str(warc_path),
            "--workers",
            "2",
            "--capacity",
            str(CAPACITY),
            # Several tasks, so that both workers get pages.
            "--batch-pages",
            "3",
            "--quiet",
        ]
    )

    carried = sorted(p.name for p in CARRIED_PAGES.glob("*.html"))
    expected = expected_titles(warc_path)
    assert len(expected) == len(carried) > 0

    pages = result["pages"]
    assert [page["url"] for page in pages] == [
        dask_crawl.CARRIED_URL.format(name=name) for name in carried
    ]
    assert {page["url"]: page["title"] for page in pages} == expected
    assert any(page["title"] for page in pages)
    for page in pages:
        assert all(isinstance(link, str) for link in page["links"])
        assert set(page["facts"]) == {
            "canonical",
            "robots",
            "noindex",
            "nofollow",
            "refresh",
            "hreflang",
            "language",
            "description",
        }
    assert sum(len(page["links"]) for page in pages) > 0

    workers = result["workers"]
    assert len(workers) == 2
    assert {page["worker"] for page in pages} <= set(workers)
    for address, stats in workers.items():
        assert stats["capacity"] == CAPACITY, address
        assert stats["lookups"] > 0, address
        assert stats["entries"] <= CAPACITY, address
