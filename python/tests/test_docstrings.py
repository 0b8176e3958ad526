"""Every ``>>>`` example in the public API's docstrings runs and gives the
output it shows."""

import builtins
import doctest
import inspect

import pytest

import htmldict
import htmldict.synthetic

# Each of these shows at least one example in its own docstring.
ENTRY_POINTS = [
    "parse",
    "parse_fragment",
    "Parser",
    "Document",
    "Node",
    "GlobalDictionary",
    "PerDocumentDictionary",
    "LruDictionary",
    "from_spec",
]


def of_the_package(obj):
    """Whether the package defines ``obj`` (rather than importing it)."""
    module = getattr(obj, "__module__", None) or ""
    if module == "builtins":
        # PyO3 reports classes declared without a module as "builtins".
        return getattr(builtins, getattr(obj, "__name__", ""), None) is not obj
    return module.split(".")[0] == "htmldict"


def public_names(namespace):
    return sorted(name for name in namespace if not name.startswith("_"))


def is_api_member(attribute):
    return (
        inspect.isroutine(attribute)
        or inspect.isdatadescriptor(attribute)
        or isinstance(attribute, (staticmethod, classmethod))
    )


def class_members(name, cls):
    """The public members the class and its htmldict bases define, read
    from their namespaces so that a property gives its own docstring
    rather than its value's."""
    seen = set()
    for klass in cls.__mro__:
        if klass is object or not of_the_package(klass):
            continue
        for member in public_names(vars(klass)):
            attribute = vars(klass)[member]
            if member not in seen and is_api_member(attribute):
                seen.add(member)
                if isinstance(attribute, (staticmethod, classmethod)):
                    attribute = attribute.__func__
                yield f"{name}.{member}", attribute.__doc__


def documented():
    """(qualified name, docstring) of the package, its public classes and
    functions with their members, and of its submodule ``synthetic``."""
    found = [("htmldict", htmldict.__doc__), ("htmldict.synthetic", htmldict.synthetic.__doc__)]
    for owner_name, owner in (("htmldict", htmldict), ("htmldict.synthetic", htmldict.synthetic)):
        names = getattr(owner, "__all__", None) or public_names(dir(owner))
        for name in names:
            obj = getattr(owner, name)
            qualified = f"{owner_name}.{name}"
            if inspect.isclass(obj) and of_the_package(obj):
                found.append((qualified, obj.__doc__))
                found.extend(class_members(qualified, obj))
            elif inspect.isroutine(obj) and of_the_package(obj):
                found.append((qualified, obj.__doc__))
    return [(name, doc) for name, doc in found if isinstance(doc, str)]


DOCUMENTED = documented()
PARSER = doctest.DocTestParser()


def examples(name, docstring):
    """The docstring's examples, run as doctest runs a module's: with the
    package's names at hand."""
    globs = dict(vars(htmldict))
    globs["htmldict"] = htmldict
    return PARSER.get_doctest(docstring, globs, name, None, 0)


WITH_EXAMPLES = [
    pytest.param(name, doc, id=name) for name, doc in DOCUMENTED if examples(name, doc).examples
]


def test_the_entry_points_are_documented():
    names = {name for name, _ in DOCUMENTED}
    for entry in ENTRY_POINTS:
        assert f"htmldict.{entry}" in names, entry


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_entry_point_has_an_example(entry):
    own = examples(entry, getattr(htmldict, entry).__doc__ or "")
    assert own.examples, f"htmldict.{entry} shows no >>> example"


@pytest.mark.parametrize("name, docstring", WITH_EXAMPLES)
def test_docstring_examples_pass(name, docstring):
    test = examples(name, docstring)
    report = []
    result = doctest.DocTestRunner().run(test, out=report.append)
    assert result.failed == 0, "".join(report)
    assert result.attempted == len(test.examples)


def test_examples_were_found():
    assert len(WITH_EXAMPLES) >= len(ENTRY_POINTS)
