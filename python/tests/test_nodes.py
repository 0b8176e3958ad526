"""Documents and nodes: navigation, attributes, text, selectors, links and
page facts on small pages."""

from collections.abc import Mapping

import pytest

import htmldict

PAGE = "https://example.com/dir/a.html"


@pytest.fixture
def shop():
    return htmldict.parse(
        "<!DOCTYPE html><title>Shop</title>"
        '<ul id=list class=" items  main "><li id=one>a <b>b</b> c</li>'
        "<li id=two class=sale data-price=3>  </li><li id=three>z</li></ul>"
        "<p id=last>end"
    )


def test_root_is_the_html_element(shop):
    assert shop.root.tag == "html"
    assert shop.root.parent is None
    assert [n.tag for n in shop.root.children] == ["head", "body"]


def test_iter_is_descendants_without_the_node(shop):
    ul = shop.get_element_by_id("list")
    assert [n.id for n in ul.iter()] == ["one", None, "two", "three"]
    assert [n.tag for n in ul.iter()] == ["li", "b", "li", "li"]


def test_children_are_elements_only(shop):
    assert [n.id for n in shop.get_element_by_id("list").children] == ["one", "two", "three"]
    assert shop.get_element_by_id("one").children[0].tag == "b"


def test_siblings(shop):
    one, two, three = shop.get_element_by_id("list").children
    assert (one.next, two.next, three.next) == (two, three, None)
    assert (one.prev, two.prev, three.prev) == (None, one, two)
    assert shop.get_element_by_id("list").next.id == "last"


def test_parent(shop):
    b = shop.css_first("b")
    assert b.parent.id == "one"
    assert b.parent.parent.id == "list"


def test_attributes_are_read_only_mappings(shop):
    two = shop.get_element_by_id("two")
    assert isinstance(two.attrs, Mapping)
    assert dict(two.attrs) == {"id": "two", "class": "sale", "data-price": "3"}
    assert dict(two.attrib) == dict(two.attrs)
    with pytest.raises(TypeError):
        two.attrs["id"] = "changed"
    with pytest.raises(TypeError):
        two.attrib["new"] = "x"
    assert two.id == "two"


def test_get_with_default(shop):
    two = shop.get_element_by_id("two")
    assert two.get("data-price") == "3"
    assert two.get("missing") is None
    assert two.get("missing", "fallback") == "fallback"
    assert two.get("id", "fallback") == "two"


def test_foreign_attributes_have_qualified_names():
    svg = htmldict.parse(
        '<svg xmlns="http://www.w3.org/2000/svg" xlink:href="#a" viewBox="0 0 1 1">'
    ).css_first("svg")
    assert dict(svg.attrs) == {
        "xmlns": "http://www.w3.org/2000/svg",
        "xlink:href": "#a",
        "viewBox": "0 0 1 1",
    }
    assert svg.get("viewBox") == "0 0 1 1"


def test_get_agrees_with_attrs():
    svg = htmldict.parse('<svg xlink:href="#a" viewBox="0 0 1 1">').css_first("svg")
    for name, value in svg.attrs.items():
        assert svg.get(name) == value, name


def test_first_of_repeated_attributes_wins():
    a = htmldict.parse('<a id=l href="/a" class=x href="/b">').get_element_by_id("l")
    assert dict(a.attrs) == {"id": "l", "href": "/a", "class": "x"}


def test_character_references_are_resolved_in_values():
    img = htmldict.parse('<img alt="Tom &amp; Jerry" src=/t.png>').css_first("img")
    assert img.get("alt") == "Tom & Jerry"


def test_id_none_without_attribute(shop):
    assert shop.css_first("b").id is None


def test_classes(shop):
    ul = shop.get_element_by_id("list")
    assert ul.classes == ["items", "main"]
    assert shop.css_first("b").classes == []
    assert ul.has_class("main")
    assert not ul.has_class("mai")
    assert not ul.has_class("Main")


def test_has_class_ignores_case_in_quirks_mode():
    quirks = htmldict.parse("<p class='card Featured'>").css_first("p")
    assert quirks.has_class("featured")
    standard = htmldict.parse("<!DOCTYPE html><p class='card Featured'>").css_first("p")
    assert not standard.has_class("featured")


def test_tags_are_lowercase_for_html_and_cased_for_svg():
    doc = htmldict.parse("<DIV>text<svg><CLIPPATH/></svg><My-Widget>")
    assert [n.tag for n in doc.root.iter()] == [
        "head",
        "body",
        "div",
        "svg",
        "clipPath",
        "my-widget",
    ]


def test_text_variants(shop):
    one = shop.get_element_by_id("one")
    assert one.text() == "a b c"
    assert one.text(deep=False) == "a  c"
    assert one.text(separator="|") == "a |b| c"
    assert one.text(separator="|", strip=True) == "a|b|c"
    assert one.text(deep=False, separator="|", strip=True) == "a|c"


def test_strip_drops_blank_text_nodes(shop):
    ul = shop.get_element_by_id("list")
    assert ul.text(separator=",") == "a ,b, c,  ,z"
    assert ul.text(separator=",", strip=True) == "a,b,c,z"


def test_document_text(shop):
    assert shop.text() == "Shopa b c  zend"
    assert shop.text(separator="/", strip=True) == "Shop/a/b/c/z/end"


def test_readable_text():
    html = (
        "<title>Shop</title><style>p{}</style>"
        "<h1>Cart</h1><p>3  items,\n<b>2</b> on sale<script>track()</script></p>"
        "<table><tr><td>pen<td>2 €</table>"
    )
    doc = htmldict.parse(html)
    assert doc.css_first("body").readable_text() == "Cart\n3 items, 2 on sale\npen 2 €"
    assert doc.readable_text() == "Shop\nCart\n3 items, 2 on sale\npen 2 €"
    assert doc.css_first("body").text() == "Cart3  items,\n2 on saletrack()pen2 €"


def test_title():
    doc = htmldict.parse(
        "<svg><title>icon</title></svg><title>\n  Tea &amp;\t Cakes </title><title>second</title>"
    )
    assert doc.title == "Tea & Cakes"
    assert htmldict.parse("<p>untitled").title is None
    assert htmldict.parse("<title> </title>").title is None


def test_outer_and_inner_html():
    p = htmldict.parse("<p class=note>a &lt; b<br></p>").css_first("p")
    assert p.html == '<p class="note">a &lt; b<br></p>'
    assert p.inner_html == "a &lt; b<br>"


def test_equality_and_hash(shop):
    first = shop.css_first("li")
    again = shop.get_element_by_id("one")
    assert first == again
    assert hash(first) == hash(again)
    assert first != shop.get_element_by_id("two")
    assert len({first, again, shop.css("li")[0]}) == 1


def test_nodes_of_different_documents_differ():
    html = "<p id=a>x"
    a = htmldict.parse(html).get_element_by_id("a")
    b = htmldict.parse(html).get_element_by_id("a")
    assert a != b
    assert a.html == b.html


def test_node_is_not_equal_to_other_types(shop):
    assert shop.root != "html"
    assert shop.root != None  # noqa: E711 (the comparison itself is under test)


def test_document_css(shop):
    assert [n.id for n in shop.css("li")] == ["one", "two", "three"]
    assert [n.id for n in shop.cssselect("li.sale, #three")] == ["two", "three"]
    assert shop.css("table") == []


def test_css_first_default(shop):
    assert shop.css_first("li").id == "one"
    assert shop.css_first("table") is None
    marker = object()
    assert shop.css_first("table", default=marker) is marker
    assert shop.css_first("table", marker) is marker
    assert shop.css_first("li", default=marker).id == "one"


def test_node_css_searches_below_the_node():
    doc = htmldict.parse('<div id="outer"><div id="inner"><p id="p"></p></div></div>')
    outer = doc.get_element_by_id("outer")
    assert [n.id for n in outer.css("div")] == ["inner"]
    assert [n.id for n in outer.cssselect(":scope > div")] == ["inner"]
    assert outer.css_first("p").id == "p"
    assert doc.get_element_by_id("p").css_first("p") is None
    assert doc.get_element_by_id("p").css_first("p", default=3) == 3


def test_node_css_sees_ancestors():
    doc = htmldict.parse("<div><section id=s><p id=p></section></div>")
    assert [n.id for n in doc.get_element_by_id("s").css("div p")] == ["p"]


def test_closest_and_matches():
    doc = htmldict.parse("<article id=post><p><a href=/x>x</a></p></article>")
    a = doc.css_first("a")
    assert a.closest("article").id == "post"
    assert a.closest("a, p") == a
    assert a.closest("table") is None
    assert a.matches("article a[href]")
    assert not a.matches("p > b")


def test_selectors_skip_template_contents():
    doc = htmldict.parse('<div id="a"><p id="b"></p></div><template><p id="c"></p></template>')
    assert [n.id for n in doc.css("p, div")] == ["a", "b"]
    assert doc.get_element_by_id("c") is None


def test_links_for_crawling():
    html = (
        '<link rel=stylesheet href=/s.css><a href="/p#top">P</a>'
        '<a href="mailto:me@example.com">mail</a><a rel="nofollow UGC" href="/p">again</a>'
        '<a rel=Sponsored href="https://ads.example.net/x">ad <b>here</b></a>'
        '<img src=/i.png><area href=/map><iframe src="/embed#f"></iframe>'
    )
    doc = htmldict.parse(html)
    links = doc.links("https://example.com/dir/")
    assert [(l.url, l.rel, l.tag, l.text) for l in links] == [
        ("https://example.com/p", (), "a", "P"),
        ("https://ads.example.net/x", ("Sponsored",), "a", "ad here"),
        ("https://example.com/map", (), "area", ""),
    ]
    assert [(l.attribute, l.raw) for l in links] == [
        ("href", "/p#top"),
        ("href", "https://ads.example.net/x"),
        ("href", "/map"),
    ]


def test_links_without_crawl_filters():
    html = (
        '<link rel=stylesheet href=/s.css><a href="/p#top">P</a>'
        '<a href="mailto:me@example.com">mail</a><a rel="nofollow UGC" href="/p#top">again</a>'
        '<img src=/i.png><area href=/map><iframe src="/embed#f"></iframe>'
    )
    links = htmldict.parse(html).links("https://example.com/dir/", crawl=False)
    assert [(l.url, l.tag, l.attribute) for l in links] == [
        ("https://example.com/s.css", "link", "href"),
        ("https://example.com/p#top", "a", "href"),
        ("mailto:me@example.com", "a", "href"),
        ("https://example.com/p#top", "a", "href"),
        ("https://example.com/i.png", "img", "src"),
        ("https://example.com/map", "area", "href"),
        ("https://example.com/embed#f", "iframe", "src"),
    ]
    # As written, as the Rust crate gives them; has_rel ignores case.
    assert links[3].rel == ("nofollow", "UGC")
    assert links[3].has_rel("ugc") and links[3].has_rel("NOFOLLOW")
    assert not links[3].has_rel("sponsored")
    assert links[0].rel == ("stylesheet",)


def test_link_node_and_raw_value():
    doc = htmldict.parse('<a rel=nofollow href=" ../b?q=1 ">b</a>')
    (link,) = doc.links(PAGE)
    assert link.url == "https://example.com/b?q=1"
    assert link.raw == " ../b?q=1 "
    assert link.node.get("rel") == "nofollow"
    assert link.node == doc.css_first("a")


def test_links_resolve_against_base():
    doc = htmldict.parse('<base href="/static/"><a href=x>x</a>')
    assert doc.base_url("https://example.com/page") == "https://example.com/static/"
    assert doc.links("https://example.com/page")[0].url == "https://example.com/static/x"
    assert htmldict.parse("<p>").base_url(PAGE) == PAGE


def test_links_skip_unparseable_values():
    doc = htmldict.parse(
        '<a href="http://exa mple.com/">x</a><a href="https://">y</a><a href=/ok>'
    )
    assert [l.url for l in doc.links(PAGE, crawl=False)] == ["https://example.com/ok"]


def test_page_facts():
    html = (
        '<html lang=" en-GB "><head>'
        '<link rel="Canonical" href="/canonical">'
        '<meta name=robots content="NoIndex, max-snippet:20">'
        '<meta name=description content="  A   short\n description ">'
        '<meta http-equiv=refresh content="5; url=/next">'
        '<link rel=alternate hreflang=de href="/de/">'
        '<link rel=alternate hreflang=fr href="https://example.fr/">'
    )
    facts = htmldict.parse(html).page_facts(PAGE)
    assert facts.canonical == "https://example.com/canonical"
    assert facts.robots == ["noindex", "max-snippet:20"]
    assert (facts.noindex, facts.nofollow) == (True, False)
    assert (facts.refresh.delay, facts.refresh.url) == (5, "https://example.com/next")
    assert facts.hreflang == [("de", "https://example.com/de/"), ("fr", "https://example.fr/")]
    assert facts.language == "en-GB"
    assert facts.description == "A short description"


def test_page_facts_absent():
    facts = htmldict.parse("<p>plain").page_facts(PAGE)
    assert facts.canonical is None
    assert facts.robots == []
    assert (facts.noindex, facts.nofollow) == (False, False)
    assert facts.refresh is None
    assert facts.hreflang == []
    assert facts.language is None
    assert facts.description is None


def test_robots_none_means_noindex_nofollow():
    facts = htmldict.parse('<meta name=robots content="none">').page_facts(PAGE)
    assert (facts.noindex, facts.nofollow) == (True, True)


def test_refresh_without_url():
    facts = htmldict.parse('<meta http-equiv=refresh content="30">').page_facts(PAGE)
    assert (facts.refresh.delay, facts.refresh.url) == (30, None)
