"""Type stubs for htmldict: a spec-conformant HTML parser for crawlers whose
element and attribute names go through a bounded, observable dictionary."""

from collections.abc import Iterator, Mapping
from typing import Literal, Optional, TypeVar, Union, final, overload

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

__version__: str

_T = TypeVar("_T")

# --- Errors -----------------------------------------------------------------

class Error(Exception):
    """Base class of every error htmldict raises."""

class LimitExceeded(Error):
    """A parse went past one of its limits (and `truncate_on_limit` was off)."""

    limit: Literal[
        "input_bytes",
        "text_bytes",
        "nodes",
        "attributes_per_element",
        "depth",
        "name_bytes",
    ]
    maximum: int
    value: int
    def __init__(self, message: str, limit: str, maximum: int, value: int) -> None: ...

class SelectorError(Error, ValueError):
    """A CSS selector that does not parse; `line` and `column` count from 1."""

    selector: str
    line: int
    column: int
    def __init__(self, message: str, selector: str, line: int, column: int) -> None: ...

class DictionarySpecError(Error, ValueError):
    """A dictionary spec `from_spec` does not accept."""

    spec: str
    def __init__(self, message: str, spec: str) -> None: ...

class ContextError(Error, ValueError):
    """A fragment context that names no element (`parse_fragment`)."""

class MixedInputError(Error):
    """A `Parser` was fed both bytes and text."""

# --- Dictionaries -------------------------------------------------------------

class Dictionary:
    """A store of interned element and attribute names (abstract)."""

    @property
    def spec(self) -> str: ...
    def stats(self) -> dict[str, Optional[int]]: ...

@final
class GlobalDictionary(Dictionary):
    def __init__(self) -> None: ...
    @staticmethod
    def shared() -> GlobalDictionary: ...

@final
class PerDocumentDictionary(Dictionary):
    def __init__(self) -> None: ...

@final
class LruDictionary(Dictionary):
    def __new__(
        cls,
        capacity: int = 4096,
        admission: Literal["second-sighting", "always"] = "second-sighting",
    ) -> LruDictionary: ...
    @property
    def capacity(self) -> int: ...
    @property
    def admission(self) -> Literal["second-sighting", "always"]: ...
    @staticmethod
    def shared_default() -> LruDictionary: ...

def from_spec(spec: str) -> Dictionary: ...
def default_dictionary() -> LruDictionary: ...

# --- Options ------------------------------------------------------------------

@final
class Limits:
    max_input_bytes: int
    max_nodes: int
    max_attributes_per_element: int
    max_depth: int
    max_name_bytes: int
    def __new__(
        cls,
        *,
        max_input_bytes: Optional[int] = None,
        max_nodes: Optional[int] = None,
        max_attributes_per_element: Optional[int] = None,
        max_depth: Optional[int] = None,
        max_name_bytes: Optional[int] = None,
    ) -> Limits: ...
    @staticmethod
    def none() -> Limits: ...

# --- Parsing ------------------------------------------------------------------

def parse(
    data: Union[bytes, bytearray, memoryview, str],
    *,
    dictionary: Optional[Dictionary] = None,
    collect_ids: bool = True,
    scripting: bool = True,
    charset: Optional[str] = None,
    page_host: Optional[str] = None,
    limits: Optional[Limits] = None,
    truncate_on_limit: bool = False,
    keep_errors: bool = False,
) -> Document: ...
def parse_fragment(
    context: str,
    html: str,
    *,
    dictionary: Optional[Dictionary] = None,
    collect_ids: bool = True,
    scripting: bool = True,
    limits: Optional[Limits] = None,
    truncate_on_limit: bool = False,
    keep_errors: bool = False,
) -> Document: ...

@final
class Parser:
    def __new__(
        cls,
        *,
        dictionary: Optional[Dictionary] = None,
        collect_ids: bool = True,
        scripting: bool = True,
        charset: Optional[str] = None,
        page_host: Optional[str] = None,
        limits: Optional[Limits] = None,
        truncate_on_limit: bool = False,
        keep_errors: bool = False,
    ) -> Parser: ...
    def feed(self, data: Union[bytes, bytearray, memoryview, str]) -> None: ...
    def close(self) -> Document: ...

# --- Results ------------------------------------------------------------------

@final
class Encoding:
    name: str
    source: Literal["bom", "transport", "meta", "detected", "default"]

@final
class MarkupError:
    """A markup error the parser recovered from (a record, not an exception)."""

    kind: Literal["tokenizer", "tree-construction"]
    code: str
    line: int
    column: int

@final
class Link:
    url: str
    rel: tuple[str, ...]
    text: str
    tag: str
    attribute: str
    raw: str
    node: Node
    def has_rel(self, token: str) -> bool: ...

@final
class Refresh:
    delay: int
    url: Optional[str]

@final
class PageFacts:
    canonical: Optional[str]
    robots: list[str]
    noindex: bool
    nofollow: bool
    refresh: Optional[Refresh]
    hreflang: list[tuple[str, str]]
    language: Optional[str]
    description: Optional[str]

@final
class Document:
    @property
    def root(self) -> Optional[Node]: ...
    @property
    def title(self) -> Optional[str]: ...
    @property
    def html(self) -> str: ...
    @property
    def encoding(self) -> Optional[Encoding]: ...
    @property
    def truncated(self) -> Optional[LimitExceeded]: ...
    @property
    def errors(self) -> list[MarkupError]: ...
    @property
    def errors_dropped(self) -> int: ...
    @property
    def dictionary(self) -> Dictionary: ...
    def css(self, selector: str) -> list[Node]: ...
    @overload
    def css_first(self, selector: str) -> Optional[Node]: ...
    @overload
    def css_first(self, selector: str, default: _T) -> Union[Node, _T]: ...
    def cssselect(self, selector: str) -> list[Node]: ...
    def get_element_by_id(self, id: str) -> Optional[Node]: ...
    def text(self, deep: bool = True, separator: str = "", strip: bool = False) -> str: ...
    def readable_text(self) -> str: ...
    def links(self, page_url: str, crawl: bool = True) -> list[Link]: ...
    def page_facts(self, page_url: str) -> PageFacts: ...
    def base_url(self, page_url: str) -> str: ...
    def memory_usage(self) -> dict[str, int]: ...
    def html5lib_tree(self) -> str: ...
    def __copy__(self) -> Document: ...
    def __deepcopy__(self, memo: object, /) -> Document: ...

@final
class Node:
    @property
    def tag(self) -> str: ...
    @property
    def attrs(self) -> Mapping[str, str]: ...
    @property
    def attrib(self) -> Mapping[str, str]: ...
    @overload
    def get(self, name: str) -> Optional[str]: ...
    @overload
    def get(self, name: str, default: _T) -> Union[str, _T]: ...
    @property
    def id(self) -> Optional[str]: ...
    @property
    def classes(self) -> list[str]: ...
    def has_class(self, name: str) -> bool: ...
    def text(self, deep: bool = True, separator: str = "", strip: bool = False) -> str: ...
    def readable_text(self) -> str: ...
    @property
    def html(self) -> str: ...
    @property
    def inner_html(self) -> str: ...
    @property
    def parent(self) -> Optional[Node]: ...
    @property
    def children(self) -> list[Node]: ...
    def iter(self) -> Iterator[Node]: ...
    @property
    def next(self) -> Optional[Node]: ...
    @property
    def prev(self) -> Optional[Node]: ...
    def closest(self, selector: str) -> Optional[Node]: ...
    def css(self, selector: str) -> list[Node]: ...
    @overload
    def css_first(self, selector: str) -> Optional[Node]: ...
    @overload
    def css_first(self, selector: str, default: _T) -> Union[Node, _T]: ...
    def cssselect(self, selector: str) -> list[Node]: ...
    def matches(self, selector: str) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __copy__(self) -> Node: ...
    def __deepcopy__(self, memo: object, /) -> Node: ...
