"""The exceptions htmldict raises; all are subclasses of `Error`."""

from __future__ import annotations


class Error(Exception):
    """Base class of every error htmldict raises.

    >>> import htmldict
    >>> try:
    ...     htmldict.parse("<div>" * 10, limits=htmldict.Limits(max_depth=4))
    ... except htmldict.Error as e:
    ...     print(type(e).__name__)
    LimitExceeded
    """


class LimitExceeded(Error):
    """A parse went past one of its `Limits` (with `truncate_on_limit`
    off): `limit` names it ("input_bytes", "nodes",
    "attributes_per_element", "depth" or "name_bytes", the `Limits` fields
    without `max_`; or "text_bytes", the 4 GiB a document can hold in all),
    `maximum` is its value and `value` what the page reached.

    >>> import htmldict
    >>> try:
    ...     htmldict.parse("<p>" * 50, limits=htmldict.Limits(max_nodes=20))
    ... except htmldict.LimitExceeded as e:
    ...     print(e.limit, e.maximum, e.value)
    nodes 20 21
    """

    def __init__(self, message: str, limit: str, maximum: int, value: int) -> None:
        super().__init__(message)
        self.limit = limit
        self.maximum = maximum
        self.value = value

    def __reduce__(self):
        return (type(self), (self.args[0], self.limit, self.maximum, self.value))


class SelectorError(Error, ValueError):
    """A CSS selector that does not parse: `selector` is the selector,
    `line` and `column` (from 1; columns in UTF-16 code units, so a
    character outside the Basic Multilingual Plane counts two) where it
    went wrong.

    >>> import htmldict
    >>> try:
    ...     htmldict.parse("<p>").css("p >")
    ... except htmldict.SelectorError as e:
    ...     print(e.selector, e.line, e.column)
    p > 1 3
    """

    def __init__(self, message: str, selector: str, line: int, column: int) -> None:
        super().__init__(message)
        self.selector = selector
        self.line = line
        self.column = column

    def __reduce__(self):
        return (type(self), (self.args[0], self.selector, self.line, self.column))


class DictionarySpecError(Error, ValueError):
    """A dictionary spec `from_spec` does not accept; `spec` is the spec.

    >>> import htmldict
    >>> try:
    ...     htmldict.from_spec("lru")
    ... except htmldict.DictionarySpecError as e:
    ...     print(e.spec)
    lru
    """

    def __init__(self, message: str, spec: str) -> None:
        super().__init__(message)
        self.spec = spec

    def __reduce__(self):
        return (type(self), (self.args[0], self.spec))


class ContextError(Error, ValueError):
    """A fragment context that names no element.

    >>> import htmldict
    >>> try:
    ...     htmldict.parse_fragment("", "<p>")
    ... except htmldict.ContextError as e:
    ...     print("refused")
    refused
    """


class MixedInputError(Error):
    """A `Parser` was fed bytes and text in one parse.

    >>> import htmldict
    >>> parser = htmldict.Parser()
    >>> parser.feed(b"<p>")
    >>> try:
    ...     parser.feed("<p>")
    ... except htmldict.MixedInputError:
    ...     print("refused")
    refused
    """


# Shown, and caught, as `htmldict.<name>`: where the package exports them.
for _cls in (
    Error,
    LimitExceeded,
    SelectorError,
    DictionarySpecError,
    ContextError,
    MixedInputError,
):
    _cls.__module__ = "htmldict"
del _cls
