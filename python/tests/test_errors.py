"""Errors and bad arguments of every kind."""

import pickle

import pytest

import htmldict
import htmldict.synthetic

PAGE = "https://example.com/"

ERRORS = [
    htmldict.LimitExceeded,
    htmldict.SelectorError,
    htmldict.DictionarySpecError,
    htmldict.ContextError,
    htmldict.MixedInputError,
]


@pytest.fixture
def doc():
    return htmldict.parse("<div id=d><p class=x>a <a href=/b>b</a></p></div>")


def test_error_hierarchy():
    assert issubclass(htmldict.Error, Exception)
    for error in ERRORS:
        assert issubclass(error, htmldict.Error), error
    for error in (htmldict.SelectorError, htmldict.DictionarySpecError, htmldict.ContextError):
        assert issubclass(error, ValueError), error


# --- Wrong types -------------------------------------------------------------


@pytest.mark.parametrize("data", [None, 42, 4.2, ["<p>"], {"html": "<p>"}, object()])
def test_parse_refuses_other_types(data):
    with pytest.raises(TypeError):
        htmldict.parse(data)


def test_parse_options_are_keyword_only():
    with pytest.raises(TypeError):
        htmldict.parse("<p>", None)


def test_parse_refuses_unknown_options():
    with pytest.raises(TypeError):
        htmldict.parse("<p>", no_such_option=True)


@pytest.mark.parametrize(
    "options",
    [
        {"dictionary": "lru:4"},
        {"dictionary": object()},
        {"limits": {"max_nodes": 5}},
        {"limits": 5},
        {"charset": 8},
        {"page_host": 8},
    ],
    ids=lambda o: next(iter(o)),
)
def test_parse_refuses_options_of_the_wrong_type(options):
    with pytest.raises(TypeError):
        htmldict.parse(b"<p>", **options)


def test_parse_fragment_takes_str():
    with pytest.raises(TypeError):
        htmldict.parse_fragment("div", 5)
    with pytest.raises(TypeError):
        htmldict.parse_fragment(5, "<p>")
    with pytest.raises(TypeError):
        htmldict.parse_fragment(None, "<p>")


@pytest.mark.parametrize("data", [None, 42, ["<p>"]])
def test_parser_feed_refuses_other_types(data):
    parser = htmldict.Parser()
    with pytest.raises(TypeError):
        parser.feed(data)


def test_parser_refuses_options_of_the_wrong_type():
    with pytest.raises(TypeError):
        htmldict.Parser(dictionary="global")
    with pytest.raises(TypeError):
        htmldict.Parser(limits="none")


def test_limits_refuse_other_types():
    with pytest.raises(TypeError):
        htmldict.Limits(max_nodes="5")
    with pytest.raises(TypeError):
        htmldict.Limits(5)


def test_limits_refuse_negative_values():
    with pytest.raises((ValueError, OverflowError)):
        htmldict.Limits(max_depth=-1)


def test_queries_refuse_other_types(doc):
    node = doc.css_first("p")
    for call in (
        lambda: doc.css(5),
        lambda: doc.css_first(None),
        lambda: doc.get_element_by_id(5),
        lambda: doc.links(5),
        lambda: doc.page_facts(None),
        lambda: doc.base_url(b"https://example.com/"),
        lambda: node.css(5),
        lambda: node.matches(None),
        lambda: node.closest(3),
        lambda: node.has_class(3),
    ):
        with pytest.raises(TypeError):
            call()


def test_lru_refuses_other_types():
    with pytest.raises(TypeError):
        htmldict.LruDictionary("4096")
    with pytest.raises(TypeError):
        htmldict.LruDictionary(16, admission=1)


def test_from_spec_refuses_other_types():
    with pytest.raises(TypeError):
        htmldict.from_spec(4096)


def test_synthetic_refuses_other_types():
    with pytest.raises(TypeError):
        htmldict.synthetic.novel_page("1")
    with pytest.raises(TypeError):
        htmldict.synthetic.crawl_page(1, "2")


# --- Selectors ---------------------------------------------------------------


# With the line and column the crate reports for each.
BAD_SELECTORS = [
    ("a >", 1, 3),
    ("", 1, 1),
    ("[", 1, 1),
    ("p:no-such-class", 1, 3),
    ("a,,b", 1, 3),
    (":not(", 1, 2),
    ("p::before", 1, 4),
    ("#", 1, 1),
    ("div,\n  p:nope", 2, 5),
]


@pytest.mark.parametrize("selector, line, column", BAD_SELECTORS)
def test_bad_selector_raises_selector_error(doc, selector, line, column):
    with pytest.raises(htmldict.SelectorError) as caught:
        doc.css(selector)
    error = caught.value
    assert (error.selector, error.line, error.column) == (selector, line, column)


def test_selector_error_message_names_the_selector(doc):
    with pytest.raises(htmldict.SelectorError) as caught:
        doc.css("p:no-such-class")
    assert "p:no-such-class" in str(caught.value)


def test_selector_error_is_a_value_error(doc):
    with pytest.raises(ValueError):
        doc.css("a >")
    with pytest.raises(htmldict.Error):
        doc.css("a >")


def test_every_selector_call_checks_the_selector(doc):
    node = doc.css_first("p")
    for call in (
        doc.css,
        doc.css_first,
        doc.cssselect,
        node.css,
        node.css_first,
        node.cssselect,
        node.closest,
        node.matches,
    ):
        with pytest.raises(htmldict.SelectorError):
            call("p:nope")


def test_css_first_default_does_not_hide_bad_selectors(doc):
    with pytest.raises(htmldict.SelectorError):
        doc.css_first("a >", default=None)


def test_selector_error_can_be_raised_by_hand():
    error = htmldict.SelectorError("bad", "a >", 1, 3)
    assert (error.selector, error.line, error.column) == ("a >", 1, 3)


# --- Dictionary specs ----------------------------------------------------------


BAD_SPECS = [
    "bogus",
    "",
    "lru",
    "lru:",
    "lru:0",
    "lru:-1",
    "lru:x",
    "lru:4:never",
    "lru:16777217",
    "lru:99999999999999999999999",
    "LRU:4",
    "Global",
    " global",
]


@pytest.mark.parametrize("spec", BAD_SPECS)
def test_bad_spec_raises_dictionary_spec_error(spec):
    with pytest.raises(htmldict.DictionarySpecError) as caught:
        htmldict.from_spec(spec)
    assert caught.value.spec == spec
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("capacity", [0, 2**24 + 1, 2**40])
def test_lru_capacity_out_of_range(capacity):
    with pytest.raises(ValueError):
        htmldict.LruDictionary(capacity)


def test_lru_negative_capacity():
    with pytest.raises((ValueError, OverflowError)):
        htmldict.LruDictionary(-1)


@pytest.mark.parametrize("admission", ["sometimes", "", "Always", "second_sighting"])
def test_lru_bad_admission(admission):
    with pytest.raises(ValueError):
        htmldict.LruDictionary(16, admission=admission)


# --- Fragment contexts -----------------------------------------------------------


@pytest.mark.parametrize("context", ["", "svg ", "math ", "foo bar", "svg a b", "td tr"])
def test_bad_context_raises_context_error(context):
    with pytest.raises(htmldict.ContextError):
        htmldict.parse_fragment(context, "<td>")


def test_context_error_is_a_value_error():
    with pytest.raises(ValueError):
        htmldict.parse_fragment("", "<p>")
    with pytest.raises(htmldict.Error):
        htmldict.parse_fragment("", "<p>")


# --- Page URLs -------------------------------------------------------------------


BAD_URLS = [
    "",
    "not a url",
    "/relative/path",
    "example.com/page",
    "http://exa mple.com/",
    "https://",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_bad_page_url(doc, url):
    with pytest.raises(ValueError):
        doc.links(url)
    with pytest.raises(ValueError):
        doc.links(url, crawl=False)
    with pytest.raises(ValueError):
        doc.page_facts(url)
    with pytest.raises(ValueError):
        doc.base_url(url)


# --- Limits ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "html, limits, limit, maximum, value",
    [
        ("<p>0123456789", {"max_input_bytes": 10}, "input_bytes", 10, 13),
        ("<p>a</p>", {"max_nodes": 5}, "nodes", 5, 6),
        ("<p a=1 b=2 c=3 d=4>", {"max_attributes_per_element": 3}, "attributes_per_element", 3, 4),
        ("<div>" * 9, {"max_depth": 10}, "depth", 10, 11),
        ("<div>" * 100, {"max_depth": 64}, "depth", 64, 65),
    ],
    ids=lambda v: v if isinstance(v, str) and "<" not in v else None,
)
def test_limit_exceeded(html, limits, limit, maximum, value):
    with pytest.raises(htmldict.LimitExceeded) as caught:
        htmldict.parse(html, limits=htmldict.Limits(**limits))
    error = caught.value
    assert (error.limit, error.maximum, error.value) == (limit, maximum, value)
    assert isinstance(error, htmldict.Error)


def test_name_bytes_limit():
    html = "".join(f"<custom-element-{i:02}>" for i in range(20))
    with pytest.raises(htmldict.LimitExceeded) as caught:
        htmldict.parse(html, limits=htmldict.Limits(max_name_bytes=100))
    assert (caught.value.limit, caught.value.maximum) == ("name_bytes", 100)
    assert caught.value.value > 100


def test_default_depth_limit():
    with pytest.raises(htmldict.LimitExceeded) as caught:
        htmldict.parse("<ul><li>" * 65536)
    assert (caught.value.limit, caught.value.maximum, caught.value.value) == ("depth", 512, 513)


def test_limit_exceeded_in_bytes_and_fragments():
    limits = htmldict.Limits(max_input_bytes=10)
    with pytest.raises(htmldict.LimitExceeded):
        htmldict.parse(b"<p>0123456789", limits=limits)
    with pytest.raises(htmldict.LimitExceeded) as caught:
        htmldict.parse_fragment("td", "<p>0123456789", limits=limits)
    assert caught.value.value == 13


def test_limit_exceeded_in_a_parser():
    parser = htmldict.Parser(limits=htmldict.Limits(max_nodes=5))
    with pytest.raises(htmldict.LimitExceeded) as caught:
        parser.feed("<p>a</p>" * 10)
        parser.close()
    assert caught.value.limit == "nodes"


def test_truncated_is_the_limit_not_raised():
    doc = htmldict.parse(
        "<p>a</p>" * 10, limits=htmldict.Limits(max_nodes=5), truncate_on_limit=True
    )
    assert isinstance(doc.truncated, htmldict.LimitExceeded)
    assert (doc.truncated.limit, doc.truncated.maximum, doc.truncated.value) == ("nodes", 5, 6)


def test_limit_exceeded_can_be_raised_by_hand():
    error = htmldict.LimitExceeded("too many", "nodes", 5, 6)
    assert (error.limit, error.maximum, error.value) == ("nodes", 5, 6)


# --- The incremental parser --------------------------------------------------------


def test_feeding_text_after_bytes():
    parser = htmldict.Parser()
    parser.feed(b"<p>bytes")
    with pytest.raises(htmldict.MixedInputError):
        parser.feed(" and text")
    # The refused call leaves the parser as it was.
    parser.feed(b" more")
    assert parser.close().css_first("p").text() == "bytes more"


def test_feeding_bytes_after_text():
    parser = htmldict.Parser()
    parser.feed("<p>text")
    with pytest.raises(htmldict.MixedInputError):
        parser.feed(b" and bytes")
    with pytest.raises(htmldict.Error):
        parser.feed(bytearray(b" and bytes"))
    assert parser.close().css_first("p").text() == "text"


def test_mixed_input_even_with_truncation():
    parser = htmldict.Parser(truncate_on_limit=True, limits=htmldict.Limits(max_input_bytes=30))
    parser.feed(b"<p>")
    with pytest.raises(htmldict.MixedInputError):
        parser.feed("<p>")


def test_closed_parser():
    parser = htmldict.Parser()
    parser.feed("<p>x")
    parser.close()
    with pytest.raises(ValueError):
        parser.feed("<p>y")
    with pytest.raises(ValueError):
        parser.feed(b"<p>y")
    with pytest.raises(ValueError):
        parser.close()


# --- Pickling ----------------------------------------------------------------------


def test_document_cannot_be_pickled(doc):
    with pytest.raises(TypeError) as caught:
        pickle.dumps(doc)
    assert "pickle" in str(caught.value).lower()


def test_node_cannot_be_pickled(doc):
    with pytest.raises(TypeError) as caught:
        pickle.dumps(doc.css_first("p"))
    assert "pickle" in str(caught.value).lower()


def test_pickling_fails_with_every_protocol(doc):
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        with pytest.raises(TypeError):
            pickle.dumps(doc, protocol=protocol)
        with pytest.raises(TypeError):
            pickle.dumps(doc.root, protocol=protocol)
