"""Parsing: inputs, encodings, options, fragments and the incremental parser."""

import htmldict
import htmldict.synthetic


def encoding_of(doc):
    return (doc.encoding.name, doc.encoding.source)


def test_str_input_has_no_encoding():
    doc = htmldict.parse("<p>café")
    assert doc.encoding is None
    assert doc.text() == "café"


def test_bom():
    doc = htmldict.parse(b"\xef\xbb\xbf<p>caf\xc3\xa9")
    assert encoding_of(doc) == ("UTF-8", "bom")
    assert doc.text() == "café"


def test_utf16_bom():
    doc = htmldict.parse(b"\xff\xfe<\x00p\x00>\x00h\x00i\x00")
    assert encoding_of(doc) == ("UTF-16LE", "bom")
    assert doc.css_first("p").text() == "hi"


def test_transport_charset():
    doc = htmldict.parse("<p>café".encode(), charset="utf-8")
    assert encoding_of(doc) == ("UTF-8", "transport")
    assert doc.text() == "café"


def test_transport_charset_wins_over_meta():
    data = "<meta charset=utf-8><p>caf\xe9".encode("latin-1")
    doc = htmldict.parse(data, charset="iso-8859-1")
    assert encoding_of(doc) == ("windows-1252", "transport")
    assert doc.css_first("p").text() == "café"


def test_unknown_transport_charset_is_ignored():
    doc = htmldict.parse(b"<p>cafe", charset="no-such-charset")
    assert encoding_of(doc) == ("windows-1252", "default")
    doc = htmldict.parse(b"<meta charset=koi8-r><p>\xf0\xd2\xc9\xd7\xc5\xd4", charset="bogus")
    assert encoding_of(doc) == ("KOI8-R", "meta")


def test_meta_charset():
    doc = htmldict.parse(b"<meta charset=shift_jis><p>\x93\xfa\x96\x7b")
    assert encoding_of(doc) == ("Shift_JIS", "meta")
    assert doc.text() == "日本"


def test_detected():
    doc = htmldict.parse(b"<p>caf\xe9")
    assert encoding_of(doc) == ("windows-1252", "detected")
    assert doc.text() == "café"
    doc = htmldict.parse("<p>café".encode())
    assert encoding_of(doc) == ("UTF-8", "detected")


def test_default_for_ascii():
    assert encoding_of(htmldict.parse(b"<p>cafe")) == ("windows-1252", "default")


def test_page_host_is_accepted_for_detection():
    text = "<p>" + "日本語のテキストです。" * 20
    doc = htmldict.parse(text.encode("shift_jis"), page_host="www.example.jp")
    assert encoding_of(doc) == ("Shift_JIS", "detected")
    assert doc.css_first("p").text() == "日本語のテキストです。" * 20


def test_bytearray_and_memoryview_are_bytes():
    data = b"<meta charset=koi8-r><title>\xf0\xd2\xc9\xd7\xc5\xd4</title>"
    for variant in (bytes(data), bytearray(data), memoryview(data)):
        doc = htmldict.parse(variant)
        assert doc.title == "Привет"
        assert encoding_of(doc) == ("KOI8-R", "meta")


def test_collect_ids_off_finds_the_same_elements():
    html = '<div id="a">1</div><div id="a">2</div>'
    for collect_ids in (True, False):
        doc = htmldict.parse(html, collect_ids=collect_ids)
        assert doc.get_element_by_id("a").text() == "1"
        assert doc.get_element_by_id("b") is None
    assert htmldict.parse(html, collect_ids=False).memory_usage()["id_index"] == 0
    assert htmldict.parse(html).memory_usage()["id_index"] > 0


def test_scripting_flag_decides_noscript():
    html = "<p>x</p><noscript><p>enable scripts</p></noscript>"
    assert len(htmldict.parse(html, scripting=True).css("noscript p")) == 0
    assert len(htmldict.parse(html, scripting=False).css("noscript p")) == 1


def test_parse_fragment():
    fragment = htmldict.parse_fragment("td", "<b>bold</b> text")
    assert fragment.html == "<b>bold</b> text"
    assert [n.tag for n in fragment.root.iter()] == ["b"]


def test_parse_fragment_context_decides_the_tree():
    assert htmldict.parse_fragment("tr", "<td>a<td>b").html == "<td>a</td><td>b</td>"
    assert htmldict.parse_fragment("div", "<td>a<td>b").html == "ab"
    assert htmldict.parse_fragment("script", "if (a < b) {}").html == "if (a < b) {}"
    assert htmldict.parse_fragment("div", "if (a < b) {}").html == "if (a &lt; b) {}"


def test_parse_fragment_foreign_context():
    fragment = htmldict.parse_fragment("svg g", "<path/>")
    assert fragment.html5lib_tree() == "| <svg path>\n"
    assert htmldict.parse_fragment("math mi", "<b>x</b>").css_first("b").text() == "x"


def test_parse_fragment_has_no_encoding():
    assert htmldict.parse_fragment("div", "<p>x").encoding is None


def test_parser_takes_str_in_pieces():
    parser = htmldict.Parser()
    for piece in ("<title>Hel", "lo</title><p cla", "ss=x>te", "xt"):
        parser.feed(piece)
    doc = parser.close()
    assert doc.title == "Hello"
    assert doc.css_first("p.x").text() == "text"
    assert doc.encoding is None


def test_parser_takes_bytes_in_pieces_across_characters():
    data = "<meta charset=utf-8><p>日本語 café".encode()
    one_shot = htmldict.parse(data)
    parser = htmldict.Parser()
    for i in range(len(data)):
        parser.feed(data[i : i + 1])
    doc = parser.close()
    assert doc.html == one_shot.html
    assert doc.css_first("p").text() == "日本語 café"
    assert encoding_of(doc) == ("UTF-8", "meta")


def test_parser_options_apply():
    lru = htmldict.LruDictionary(8)
    parser = htmldict.Parser(dictionary=lru, keep_errors=True, charset="koi8-r")
    parser.feed(b"<p>\xf0\xd2\xc9\xd7\xc5\xd4</b><app-header>")
    doc = parser.close()
    assert encoding_of(doc) == ("KOI8-R", "transport")
    assert doc.css_first("p").text(deep=False) == "Привет"
    assert doc.errors
    assert lru.stats()["lookups"] == 1


def test_parser_accepts_bytearray_and_memoryview():
    parser = htmldict.Parser()
    parser.feed(bytearray(b"<p>one "))
    parser.feed(memoryview(b"two"))
    assert parser.close().css_first("p").text() == "one two"


def test_empty_input():
    for data in ("", b""):
        doc = htmldict.parse(data)
        assert doc.root.tag == "html"
        assert [n.tag for n in doc.root.iter()] == ["head", "body"]
        assert doc.title is None
    assert htmldict.Parser().close().html == "<html><head></head><body></body></html>"


def test_serialization():
    doc = htmldict.parse('<title>Hi</title><p id="x">Hello <b>world</b>')
    assert doc.html == (
        "<html><head><title>Hi</title></head>"
        '<body><p id="x">Hello <b>world</b></p></body></html>'
    )
    assert doc.get_element_by_id("x").html == '<p id="x">Hello <b>world</b></p>'
    assert doc.get_element_by_id("x").inner_html == "Hello <b>world</b>"


def test_html5lib_tree():
    doc = htmldict.parse("<p class=a>x")
    assert doc.html5lib_tree() == (
        '| <html>\n|   <head>\n|   <body>\n|     <p>\n|       class="a"\n|       "x"\n'
    )


def test_memory_usage_parts():
    usage = htmldict.parse("<p>hello world").memory_usage()
    assert set(usage) == {"nodes", "text", "attributes", "names", "id_index", "errors", "total"}
    assert usage["total"] == sum(v for k, v in usage.items() if k != "total")
    big = htmldict.parse("<p>hello world" * 1000).memory_usage()
    assert big["text"] >= 11 * 1000
    assert big["nodes"] > 100 * usage["nodes"]


def test_memory_usage_counts_kept_errors():
    quiet = htmldict.parse("<p>stray end tag</b>").memory_usage()
    noisy = htmldict.parse("<p>stray end tag</b>", keep_errors=True).memory_usage()
    assert quiet["errors"] == 0
    assert noisy["total"] == quiet["total"] + noisy["errors"]
    assert noisy["errors"] > 0


def test_markup_errors_records():
    doc = htmldict.parse("<!DOCTYPE html>\n<p a=1 a=2></b>", keep_errors=True)
    first, second = doc.errors
    assert (first.kind, first.code, first.line, first.column) == (
        "tokenizer",
        "duplicate-attribute",
        2,
        9,
    )
    assert (second.kind, second.line, second.column) == ("tree-construction", 2, 15)
    assert isinstance(second.code, str) and second.code
    assert doc.errors_dropped == 0


def test_markup_errors_are_capped():
    doc = htmldict.parse("</x>" * 3000, keep_errors=True)
    assert len(doc.errors) == 2048
    assert doc.errors_dropped > 0
    assert len(doc.errors) + doc.errors_dropped >= 3000


def test_markup_errors_empty_unless_asked():
    doc = htmldict.parse("<p a=1 a=2></b>")
    assert doc.errors == []
    assert doc.errors_dropped == 0


def test_limits_defaults_and_none():
    limits = htmldict.Limits()
    assert (
        limits.max_input_bytes,
        limits.max_nodes,
        limits.max_attributes_per_element,
        limits.max_depth,
        limits.max_name_bytes,
    ) == (64 << 20, 2_000_000, 1024, 512, 1 << 20)
    none = htmldict.Limits.none()
    assert none.max_depth == none.max_nodes == 2**64 - 1


def test_limits_unspecified_fields_keep_defaults():
    limits = htmldict.Limits(max_nodes=5, max_depth=10)
    assert (limits.max_nodes, limits.max_depth) == (5, 10)
    assert limits.max_input_bytes == 64 << 20
    assert limits.max_attributes_per_element == 1024


def test_limits_none_parses_what_the_defaults_refuse():
    doc = htmldict.parse("<div>" * 2000, limits=htmldict.Limits.none())
    assert len(doc.css("div")) == 2000


def test_within_limits_nothing_changes():
    html = "<p>a</p>" * 10
    limited = htmldict.parse(html, limits=htmldict.Limits(max_nodes=50))
    assert limited.html == htmldict.parse(html).html
    assert limited.truncated is None


def test_truncate_on_limit_returns_the_document_so_far():
    limits = htmldict.Limits(max_nodes=12)
    doc = htmldict.parse(
        "<ul><li>1<li>2<li>3<li>4<li>5</ul>", limits=limits, truncate_on_limit=True
    )
    assert doc.text() == "123"
    assert isinstance(doc.truncated, htmldict.LimitExceeded)
    assert (doc.truncated.limit, doc.truncated.maximum, doc.truncated.value) == ("nodes", 12, 13)
    assert htmldict.parse("<p>short", limits=limits, truncate_on_limit=True).truncated is None


def test_truncate_on_input_limit_in_pieces():
    parser = htmldict.Parser(limits=htmldict.Limits(max_input_bytes=30), truncate_on_limit=True)
    parser.feed(b"<title>kept</title><p>one")
    parser.feed(b" two, over the limit")
    parser.feed(b" and more")
    doc = parser.close()
    assert doc.title == "kept"
    assert doc.text() == "keptone two,"
    assert (doc.truncated.limit, doc.truncated.maximum) == ("input_bytes", 30)
    assert encoding_of(doc) == ("windows-1252", "default")


def test_truncate_on_limit_in_fragments():
    fragment = htmldict.parse_fragment(
        "div",
        "<p>a</p>" * 100,
        limits=htmldict.Limits(max_nodes=20),
        truncate_on_limit=True,
    )
    assert fragment.truncated.limit == "nodes"
    assert 0 < len(fragment.css("p")) < 100


def test_synthetic_novel_pages():
    page = htmldict.synthetic.novel_page(1)
    assert isinstance(page, str)
    assert 15_000 < len(page.encode()) < 21_000
    assert page == htmldict.synthetic.novel_page(1)
    assert page != htmldict.synthetic.novel_page(2)


def test_synthetic_novel_pages_never_share_names():
    lru = htmldict.LruDictionary(4096, admission="always")
    for seed in range(20):
        htmldict.parse(htmldict.synthetic.novel_page(seed), dictionary=lru)
    stats = lru.stats()
    assert (stats["lookups"], stats["hits"], stats["entries"]) == (20 * 48, 0, 20 * 48)


def test_synthetic_crawl_pages():
    page = htmldict.synthetic.crawl_page(42, 7)
    assert isinstance(page, str)
    assert page == htmldict.synthetic.crawl_page(42, 7)
    assert page != htmldict.synthetic.crawl_page(42, 8)
    assert htmldict.parse(page).css("a[href]")
