"""The bare single-process pipeline that issue 4 measures the generator against:
python-frontmatter + markdown-it-py + one Jinja page per release + write, nothing else
(no listings, no related articles, no cache, one process).

    .venv/bin/python bench/bare.py --source /tmp/press-bench/n10000-s1/site --out /tmp/bare-out

`bench/run.py --tools bare` times it as a whole process like the other tools.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import frontmatter
import jinja2
from markdown_it import MarkdownIt

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1><p>{{ type }} · {{ office }} · {{ date }}</p>
{{ body | safe }}
<ul>{% for tag in tags %}<li>{{ tag }}</li>{% endfor %}</ul></main></body></html>
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, required=True, help="a site folder (content/releases/**/*.md)")
    parser.add_argument("--out", type=Path, required=True, help="output folder (replaced)")
    args = parser.parse_args(argv)
    template = jinja2.Environment(autoescape=True).from_string(PAGE)
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    shutil.rmtree(args.out, ignore_errors=True)
    for path in sorted((args.source / "content/releases").rglob("*.md")):
        post = frontmatter.load(path)
        html = template.render(
            title=post.get("title"),
            type=post.get("type"),
            office=post.get("office"),
            date=post.get("date"),
            tags=post.get("tags") or [],
            body=md.render(post.content),
        )
        folder = args.out / "releases" / path.stem
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(html, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
