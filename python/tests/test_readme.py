"""The README's Python examples run as written."""

import re

from conftest import REPO_ROOT

README = REPO_ROOT / "python" / "README.md"


def python_blocks():
    text = README.read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def run(block):
    namespace = {}
    exec(compile(block, str(README), "exec"), namespace)
    return namespace


def test_readme_examples_run():
    blocks = python_blocks()
    assert blocks, "the README has no Python example"
    for block in blocks:
        run(block)


def test_readme_crawler_example_extracts_a_page():
    (block,) = [b for b in python_blocks() if "def handle(" in b]
    handle = run(block)["handle"]
    page = handle(
        "https://example.com/blog/",
        b"<title>Caf\xc3\xa9</title><a href=post>post</a><a href=post#c>again</a>",
        "utf-8",
    )
    assert page["title"] == "Café"
    assert page["links"] == ["https://example.com/blog/post"]
    assert page["encoding"] == "UTF-8" and page["truncated"] is False
