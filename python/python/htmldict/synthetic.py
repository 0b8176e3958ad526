"""Generated pages, the same as the Rust crate's examples and tests use:
deterministic, so every parser and every run sees the same stream.

>>> from htmldict.synthetic import novel_page
>>> len(novel_page(7)) > 10_000
True
"""

from htmldict._htmldict import crawl_page, novel_page

__all__ = ["crawl_page", "novel_page"]
