"""htmldict: a spec-conformant HTML parser for crawlers, whose element and
attribute names go through a bounded, observable dictionary, so that a
crawl of any length keeps flat memory.

>>> import htmldict
>>> doc = htmldict.parse(b"<title>Shop</title><a href=/cart>Cart</a>", charset="utf-8")
>>> doc.title, [link.url for link in doc.links("https://example.com/")]
('Shop', ['https://example.com/cart'])
>>> htmldict.default_dictionary().stats()["capacity"]
4096
"""

from htmldict._errors import (
    ContextError,
    DictionarySpecError,
    Error,
    LimitExceeded,
    MixedInputError,
    SelectorError,
)
from htmldict._htmldict import (
    Dictionary,
    Document,
    Encoding,
    GlobalDictionary,
    Limits,
    Link,
    LruDictionary,
    MarkupError,
    Node,
    PageFacts,
    Parser,
    PerDocumentDictionary,
    Refresh,
    __version__,
    default_dictionary,
    from_spec,
    parse,
    parse_fragment,
)

__all__ = [
    "ContextError",
    "Dictionary",
    "DictionarySpecError",
    "Document",
    "Encoding",
    "Error",
    "GlobalDictionary",
    "LimitExceeded",
    "Limits",
    "Link",
    "LruDictionary",
    "MarkupError",
    "MixedInputError",
    "Node",
    "PageFacts",
    "Parser",
    "PerDocumentDictionary",
    "Refresh",
    "SelectorError",
    "__version__",
    "default_dictionary",
    "from_spec",
    "parse",
    "parse_fragment",
]
