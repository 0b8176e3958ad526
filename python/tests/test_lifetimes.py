"""Documents outlive their parser and dictionary; nodes, links and errors
outlive the document object they came from."""

import gc

import htmldict

HTML = (
    "<title>Cart</title>"
    '<div data-v-7ba5bd90 id="cart"><app-cart-drawer class="open">3 <b>items</b>'
    "</app-cart-drawer><a href=/checkout rel=nofollow>pay</a></div>"
)
PAGE = "https://example.com/shop/"


def check_document(doc):
    drawer = doc.css_first("app-cart-drawer")
    assert drawer.tag == "app-cart-drawer"
    assert drawer.text() == "3 items"
    assert drawer.parent.get("data-v-7ba5bd90") == ""
    assert drawer.has_class("open")
    assert doc.title == "Cart"
    assert [l.url for l in doc.links(PAGE)] == ["https://example.com/checkout"]


def test_document_outlives_dictionary_and_parser():
    dictionary = htmldict.LruDictionary(64)
    parser = htmldict.Parser(dictionary=dictionary)
    parser.feed(HTML.encode())
    doc = parser.close()
    del dictionary, parser
    gc.collect()
    check_document(doc)
    # The document still reaches its dictionary, which it keeps alive.
    assert doc.dictionary.stats()["misses"] == 2
    assert doc.dictionary.capacity == 64


def test_document_outlives_a_per_document_dictionary():
    dictionary = htmldict.PerDocumentDictionary()
    doc = htmldict.parse(HTML, dictionary=dictionary)
    del dictionary
    gc.collect()
    check_document(doc)
    assert doc.dictionary.stats()["entries"] == 2


def test_document_outlives_an_evicting_dictionary():
    dictionary = htmldict.LruDictionary(1, admission="always")
    doc = htmldict.parse(HTML, dictionary=dictionary)
    # Evicts the names the document uses.
    for i in range(20):
        htmldict.parse(f"<x-evicting-name-{i}>", dictionary=dictionary)
    assert dictionary.stats()["evictions"] >= 20
    del dictionary
    gc.collect()
    check_document(doc)


def test_node_outlives_its_document_object():
    node = htmldict.parse(HTML).css_first("app-cart-drawer")
    gc.collect()
    assert node.tag == "app-cart-drawer"
    assert node.text() == "3 items"
    assert node.html == '<app-cart-drawer class="open">3 <b>items</b></app-cart-drawer>'
    assert node.parent.id == "cart"
    assert [n.tag for n in node.iter()] == ["b"]
    assert node.closest("div").get("data-v-7ba5bd90") == ""
    assert node.parent.parent.parent.tag == "html"


def test_node_keeps_its_document_names_alive():
    dictionary = htmldict.PerDocumentDictionary()
    node = htmldict.parse(HTML, dictionary=dictionary).css_first("b")
    gc.collect()
    # Held by the document, which the node keeps alive.
    assert dictionary.stats()["entries"] == 2
    assert node.parent.tag == "app-cart-drawer"
    del node
    gc.collect()
    assert dictionary.stats()["entries"] == 0
    assert dictionary.stats()["bytes"] == 0


def test_nodes_from_iteration_outlive_the_document_object():
    nodes = list(htmldict.parse(HTML).root.iter())
    children = htmldict.parse(HTML).css_first("div").children
    gc.collect()
    assert [n.tag for n in nodes][-4:] == ["div", "app-cart-drawer", "b", "a"]
    assert [n.tag for n in children] == ["app-cart-drawer", "a"]
    assert children[0].next == children[1]


def test_iterator_outlives_the_document_object():
    iterator = htmldict.parse(HTML).root.iter()
    gc.collect()
    assert [n.tag for n in iterator][-2:] == ["b", "a"]


def test_link_outlives_its_document_object():
    (link,) = htmldict.parse(HTML).links(PAGE)
    gc.collect()
    assert link.url == "https://example.com/checkout"
    assert link.rel == ("nofollow",)
    assert link.node.text() == "pay"
    assert link.node.parent.id == "cart"


def test_results_outlive_the_document_object():
    doc = htmldict.parse(
        HTML,
        keep_errors=True,
        truncate_on_limit=True,
        limits=htmldict.Limits(max_nodes=8),
    )
    errors, truncated, facts = doc.errors, doc.truncated, doc.page_facts(PAGE)
    del doc
    gc.collect()
    assert errors and all(isinstance(e.code, str) for e in errors)
    assert truncated.limit == "nodes"
    assert facts.canonical is None


def test_document_and_nodes_are_freed():
    dictionary = htmldict.PerDocumentDictionary()
    for _ in range(50):
        doc = htmldict.parse(HTML, dictionary=dictionary)
        nodes = doc.css("*")
        links = doc.links(PAGE)
        del doc, nodes, links
    gc.collect()
    assert dictionary.stats()["entries"] == 0
    assert dictionary.stats()["lookups"] == 100


def test_documents_and_nodes_take_weak_references_and_copy_as_themselves():
    import copy
    import weakref

    doc = htmldict.parse("<p id=a>x")
    node = doc.css_first("p")
    assert weakref.ref(doc)() is doc
    assert weakref.ref(node)() is node
    assert copy.copy(doc) is doc and copy.deepcopy(doc) is doc
    assert copy.copy(node) is node and copy.deepcopy([node])[0] is node
