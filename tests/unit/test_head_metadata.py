"""A page's head metadata, breadcrumbs and JSON-LD, from its template values alone."""

from __future__ import annotations

from generator.config import SiteConfig
from generator.model import ListingSummary
from generator.render.metadata import Crumb, HeadMeta, head_meta, release_breadcrumbs
from generator.site.pagination import Paginated
from tests.unit.model_values import CONFIG, absolute_url, at, page, release, term

LONG = "Joint Statement on the Second Strategic Dialogue between the Republic of Eskeland and Norland"
RELEASE = release(
    "dialogue",
    "2026-05-02T09:30:00-04:00",
    title=LONG,
    summary="The two governments met.",
    tags=(term("Norland"), term("Fisheries")),
    office=term("Bureau of Ocean Affairs"),
    updated=at("2026-05-03T10:00:00+02:00"),
)


def test_a_release_s_breadcrumbs_are_home_office_type_and_its_title_cut_at_a_word() -> None:
    assert release_breadcrumbs(RELEASE, CONFIG.strings) == (
        Crumb(name="Home", url=""),
        Crumb(name="Bureau of Ocean Affairs", url="offices/bureau-of-ocean-affairs/"),
        Crumb(name="Media Notes", url="types/media-note/"),
        Crumb(name="Joint Statement on the Second Strategic Dialogue between the…", url="releases/dialogue/"),
    )


def test_a_release_s_head_is_an_article() -> None:
    meta = head_meta("releases/dialogue/", {"release": RELEASE}, CONFIG, absolute_url)
    assert (meta.title, meta.description, meta.canonical, meta.type) == (
        LONG,
        "The two governments met.",
        "https://example.org/press/releases/dialogue/",
        "article",
    )
    assert (meta.published, meta.modified) == ("2026-05-02T09:30:00-04:00", "2026-05-03T10:00:00+02:00")
    assert (meta.section, meta.tags) == ("Media Note", ("Norland", "Fisheries"))


def test_a_release_s_json_ld_is_a_news_article_and_its_breadcrumb_list() -> None:
    article, crumbs = head_meta("releases/dialogue/", {"release": RELEASE}, CONFIG, absolute_url).structured
    assert article == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": LONG,
        "description": "The two governments met.",
        "url": "https://example.org/press/releases/dialogue/",
        "mainEntityOfPage": "https://example.org/press/releases/dialogue/",
        "datePublished": "2026-05-02T09:30:00-04:00",
        "dateModified": "2026-05-03T10:00:00+02:00",
        "articleSection": "Media Note",
        "keywords": ["Norland", "Fisheries"],
        "inLanguage": "en",
        "author": {
            "@type": "Organization",
            "name": "Bureau of Ocean Affairs",
            "url": "https://example.org/press/offices/bureau-of-ocean-affairs/",
        },
        "publisher": {"@type": "Organization", "name": "Ministry Press", "url": "https://example.org/press/"},
    }
    assert crumbs["@type"] == "BreadcrumbList"
    assert [(i["position"], i["name"], i["item"]) for i in crumbs["itemListElement"]] == [
        (1, "Home", "https://example.org/press/"),
        (2, "Bureau of Ocean Affairs", "https://example.org/press/offices/bureau-of-ocean-affairs/"),
        (3, "Media Notes", "https://example.org/press/types/media-note/"),
        (
            4,
            "Joint Statement on the Second Strategic Dialogue between the…",
            "https://example.org/press/releases/dialogue/",
        ),
    ]


def test_a_release_never_corrected_was_modified_when_published() -> None:
    meta = head_meta("releases/a/", {"release": release("a", "2026-05-02T09:00:00Z")}, CONFIG, absolute_url)
    assert meta.published == meta.modified == "2026-05-02T09:00:00+00:00"


def test_canonical_urls_are_percent_encoded() -> None:
    meta = head_meta("tags/россия/", {"title": "Tags", "listings": ()}, CONFIG, absolute_url)
    assert meta.canonical == "https://example.org/press/tags/%D1%80%D0%BE%D1%81%D1%81%D0%B8%D1%8F/"


def test_a_plain_page_says_its_title_and_summary() -> None:
    about = page("about", title="About the Ministry", summary="Who we are.")
    assert head_meta("about/", {"page": about}, CONFIG, absolute_url) == HeadMeta(
        title="About the Ministry", description="Who we are.", canonical="https://example.org/press/about/"
    )


def listing_values(kind: str, number: int) -> dict[str, object]:
    summary = ListingSummary(kind=kind, title="Norland", url="tags/norland/", slug="norland", count=45)
    url = "tags/norland/" if number == 1 else f"tags/norland/page/{number}/"
    pager = Paginated(number=number, count=3, items=(), url=url, first_url="tags/norland/")
    return {"listing": summary, "pager": pager, "heading": "Norland"}


def test_a_listing_page_describes_its_listing_and_later_pages_say_their_number() -> None:
    first = head_meta("tags/norland/", listing_values("tag", 1), CONFIG, absolute_url)
    assert (first.title, first.description) == ("Norland", "Releases of Ministry Press tagged Norland.")
    second = head_meta("tags/norland/page/2/", listing_values("tag", 2), CONFIG, absolute_url)
    assert (second.title, second.description, second.canonical) == (
        "Norland (page 2)",
        "Releases of Ministry Press tagged Norland. Page 2.",
        "https://example.org/press/tags/norland/page/2/",
    )
    office = head_meta("offices/x/", listing_values("office", 1), CONFIG, absolute_url)
    assert office.description == "Norland: releases of Ministry Press."


def test_an_index_of_listings_the_home_page_and_the_404_page() -> None:
    index = head_meta("tags/", {"title": "Tags", "listings": ()}, CONFIG, absolute_url)
    assert (index.title, index.description) == ("Tags", "Tags of Ministry Press.")
    home = head_meta("", {}, CONFIG, absolute_url)
    assert home == HeadMeta(
        title="Ministry Press", description="News of the Ministry.", canonical="https://example.org/press/"
    )
    undescribed = head_meta("", {}, SiteConfig(title="Press"), lambda path: "/" + path)
    assert (undescribed.description, undescribed.canonical) == ("Press", "/")  # base_url only a path
    missing = head_meta("404.html", {}, CONFIG, absolute_url)
    assert missing == HeadMeta(title="Page not found", description="The page you asked for is not here.", canonical="")
