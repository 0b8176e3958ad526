"""Every call of the API on the carried pages, against what the Rust crate
computes for the same pages (data/expected.json)."""

from collections import Counter

import pytest

import htmldict

# Odd sizes, so that pieces end inside tags, character references and
# multi-byte characters.
BYTE_PIECE = 4093
TEXT_PIECE = 3001


def test_expected_file_covers_every_carried_page(carried_pages, expected):
    on_disk = [p.name for p in carried_pages]
    assert len(on_disk) >= 25
    assert on_disk == [p["name"] for p in expected["pages"]]


def test_title(page, parsed):
    assert parsed(page).title == page.expected["title"]


def test_readable_text(page, parsed):
    assert parsed(page).readable_text() == page.expected["readable_text"]


def test_text(page, parsed, summarize):
    doc = parsed(page)
    assert summarize(doc.text()) == page.expected["text"]
    assert doc.text(deep=True, separator="", strip=False) == doc.text()


def test_text_stripped_and_separated(page, parsed, summarize):
    text = parsed(page).text(separator="\n", strip=True)
    assert summarize(text) == page.expected["text_stripped"]


def test_serialized_html(page, parsed, summarize):
    assert summarize(parsed(page).html) == page.expected["html"]


def test_html5lib_tree(page, parsed, summarize):
    assert summarize(parsed(page).html5lib_tree()) == page.expected["html5lib_tree"]


def test_element_count_and_tags(page, parsed, elements):
    nodes = elements(parsed(page))
    assert len(nodes) == page.expected["element_count"]
    assert dict(Counter(node.tag for node in nodes)) == page.expected["tag_counts"]


def test_element_ids(page, parsed, elements):
    nodes = elements(parsed(page))
    ids = [node.id for node in nodes if node.id is not None]
    assert ids == page.expected["ids"]


def test_get_element_by_id(page, parsed, elements):
    doc = parsed(page)
    position = {node: i for i, node in enumerate(elements(doc))}
    found = []
    for element_id, _ in page.expected["by_id"]:
        node = doc.get_element_by_id(element_id)
        found.append([element_id, None if node is None else position[node]])
    assert found == page.expected["by_id"]


def test_selector_counts(page, parsed, expected):
    doc = parsed(page)
    counts = {selector: len(doc.css(selector)) for selector in expected["selectors"]}
    assert counts == page.expected["selector_counts"]


def test_cssselect_is_css(page, parsed, expected):
    doc = parsed(page)
    for selector in expected["selectors"]:
        assert doc.cssselect(selector) == doc.css(selector), selector


def test_css_first(page, parsed, elements, expected):
    doc = parsed(page)
    position = {node: i for i, node in enumerate(elements(doc))}
    first = {}
    for selector in expected["selectors"]:
        node = doc.css_first(selector)
        first[selector] = None if node is None else position[node]
    assert first == page.expected["selector_first"]


def describe(node, position, short, want_classes):
    """A sampled element in the terms of the Rust side's description
    (``want_classes``: the class names it asks about)."""

    def at(other):
        return None if other is None else position[other]

    return {
        "index": position[node],
        "tag": node.tag,
        "id": node.id,
        "classes": node.classes,
        "has_class": [[c, node.has_class(c)] for c, _ in want_classes],
        "text": short(node.text()),
        "own_text": short(node.text(deep=False)),
        "text_stripped": short(node.text(separator="|", strip=True)),
        "readable_text": short(node.readable_text()),
        "html": short(node.html),
        "inner_html": short(node.inner_html),
        "parent": at(node.parent),
        "children": [position[child] for child in node.children],
        "next": at(node.next),
        "prev": at(node.prev),
        "descendants": len(node.css("*")),
        "links_below": len(node.css("a[href]")),
        "first_div_below": at(node.css_first("div")),
        "closest_div": at(node.closest("div")),
        "is_div": node.matches("div"),
    }


def test_sampled_elements(page, parsed, elements, summarize_sample):
    doc = parsed(page)
    nodes = elements(doc)
    position = {node: i for i, node in enumerate(nodes)}
    assert len(position) == len(nodes), "distinct elements compare unequal"
    for want in page.expected["samples"]:
        node = nodes[want["index"]]
        attributes = ("attrs", "attr_by_name", "attr_count")
        want = {k: v for k, v in want.items() if k not in attributes}
        assert describe(node, position, summarize_sample, want["has_class"]) == want


def test_sampled_elements_attributes(page, parsed, elements):
    nodes = elements(parsed(page))
    for want in page.expected["samples"]:
        node = nodes[want["index"]]
        assert len(node.attrs) == want["attr_count"]
        assert dict(node.attrs) == dict(want["attrs"])
        assert dict(node.attrib) == dict(node.attrs)
        for name, value in want["attr_by_name"]:
            assert node.get(name) == value, name


def test_sampled_elements_scoped_selectors(page, parsed, elements):
    nodes = elements(parsed(page))
    for want in page.expected["samples"]:
        node = nodes[want["index"]]
        assert node.cssselect("a[href]") == node.css("a[href]")
        first = node.css_first("*", default="none")
        below = node.css("*")
        assert first == (below[0] if below else "none")
        assert list(node.iter()) == below


def described_links(links):
    return [[l.url, list(l.rel), l.tag, l.attribute, l.raw, l.text] for l in links]


def test_crawl_links(page, parsed, page_url):
    links = parsed(page).links(page_url)
    assert described_links(links) == page.expected["crawl_links"]
    assert described_links(parsed(page).links(page_url, crawl=True)) == described_links(links)
    for link in links:
        assert isinstance(link.rel, tuple)
        assert link.node.tag == link.tag
        assert link.node.get(link.attribute) == link.raw


def test_all_links(page, parsed, page_url):
    links = parsed(page).links(page_url, crawl=False)
    described = described_links(links)
    want = page.expected["all_links"]
    assert len(links) == want["count"]
    assert dict(Counter(l.tag for l in links)) == want["by_tag"]
    assert described[: len(want["first"])] == want["first"]
    assert described[len(described) - len(want["last"]) :] == want["last"]


def test_page_facts(page, parsed, page_url):
    facts = parsed(page).page_facts(page_url)
    refresh = facts.refresh
    got = {
        "canonical": facts.canonical,
        "robots": facts.robots,
        "noindex": facts.noindex,
        "nofollow": facts.nofollow,
        "refresh": None if refresh is None else {"delay": refresh.delay, "url": refresh.url},
        "hreflang": [list(pair) for pair in facts.hreflang],
        "language": facts.language,
        "description": facts.description,
    }
    assert got == page.expected["page_facts"]
    assert all(isinstance(pair, tuple) for pair in facts.hreflang)


def test_base_url(page, parsed, page_url):
    assert parsed(page).base_url(page_url) == page.expected["base_url"]


def test_parse_bytes(page, summarize):
    doc = htmldict.parse(page.data)
    want = page.expected["bytes"]
    assert (doc.encoding.name, doc.encoding.source) == (want["encoding"], want["source"])
    assert summarize(doc.html) == want["html"]
    assert doc.title == want["title"]


def test_text_input_has_no_encoding(page, parsed):
    assert parsed(page).encoding is None


def test_bytes_in_pieces_build_the_same_tree(page):
    whole = htmldict.parse(page.data)
    parser = htmldict.Parser()
    for start in range(0, len(page.data), BYTE_PIECE):
        parser.feed(page.data[start : start + BYTE_PIECE])
    pieces = parser.close()
    assert pieces.html5lib_tree() == whole.html5lib_tree()
    assert pieces.html == whole.html
    assert (pieces.encoding.name, pieces.encoding.source) == (
        whole.encoding.name,
        whole.encoding.source,
    )


def test_text_in_pieces_builds_the_same_tree(page, summarize):
    parser = htmldict.Parser()
    for start in range(0, len(page.text), TEXT_PIECE):
        parser.feed(page.text[start : start + TEXT_PIECE])
    doc = parser.close()
    assert summarize(doc.html) == page.expected["html"]
    assert summarize(doc.html5lib_tree()) == page.expected["html5lib_tree"]
    assert doc.encoding is None


def test_memory_usage(page):
    doc = htmldict.parse(page.text, dictionary=htmldict.PerDocumentDictionary())
    usage = doc.memory_usage()
    assert usage == page.expected["memory_usage_per_document"]
    assert usage["total"] == sum(v for k, v in usage.items() if k != "total")


def test_markup_errors(page):
    doc = htmldict.parse(page.text, keep_errors=True)
    want = page.expected["errors"]
    assert len(doc.errors) == want["count"]
    assert doc.errors_dropped == want["dropped"]
    first = [[e.kind, e.code, e.line, e.column] for e in doc.errors[: len(want["first"])]]
    assert first == want["first"]


def test_markup_errors_not_kept_by_default(page, parsed):
    doc = parsed(page)
    assert doc.errors == []
    assert doc.errors_dropped == 0


def test_truncated_at_half_the_nodes(page, summarize):
    want = page.expected["truncated"]
    limits = htmldict.Limits(max_nodes=want["maximum"])
    doc = htmldict.parse(page.text, limits=limits, truncate_on_limit=True)
    assert summarize(doc.html) == want["html"]
    truncated = doc.truncated
    assert isinstance(truncated, htmldict.LimitExceeded)
    assert (truncated.limit, truncated.maximum, truncated.value) == (
        "nodes",
        want["maximum"],
        want["value"],
    )


def test_over_the_limit_raises(page):
    want = page.expected["truncated"]
    limits = htmldict.Limits(max_nodes=want["maximum"])
    with pytest.raises(htmldict.LimitExceeded) as caught:
        htmldict.parse(page.data, limits=limits)
    assert caught.value.limit == "nodes"


def test_whole_parse_is_not_truncated(page, parsed):
    assert parsed(page).truncated is None


def test_fragment_of_the_body(page, parsed, summarize):
    body = parsed(page).css_first("body").inner_html
    fragment = htmldict.parse_fragment("div", body)
    want = page.expected["fragment_div_of_body"]
    assert summarize(fragment.html) == want["html"]
    assert len(list(fragment.root.iter())) == want["elements"]
