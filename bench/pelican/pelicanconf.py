"""Minimal Pelican settings for the benchmark (bench/run.py passes PATH, OUTPUT_PATH
and CACHE_PATH on the command line).  Output: one page per release with its
related articles, tag pages (paginated by 20), the tag index, and the home page
(paginated by 20, like the generator's /releases/ listing).  No feeds, no
category/author/archive pages."""

import importlib.util
import os

SITENAME = "Benchmark Press Office"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = os.path.join(os.path.dirname(os.path.abspath(__file__)), "theme")

ARTICLE_PATHS = ["releases"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
SLUGIFY_SOURCE = "basename"  # the slug is the file name, as in the generator
DEFAULT_CATEGORY = "releases"

ARTICLE_URL = "releases/{slug}/"
ARTICLE_SAVE_AS = "releases/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_SAVE_AS = "tags/index.html"
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags"]

DEFAULT_PAGINATION = 20
PAGINATED_TEMPLATES = {"index": None, "tag": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None

# Pelican's own cache for rebuilds (bench/run.py deletes it before a cold build).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True

# Related articles: the related_posts plugin (PyPI: pelican-related-posts), if installed.
RELATED = importlib.util.find_spec("pelican.plugins.related_posts") is not None
PLUGINS = ["pelican.plugins.related_posts"] if RELATED else []
RELATED_POSTS_MAX = 3
