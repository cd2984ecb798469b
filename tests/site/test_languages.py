"""A site in another language: every interface word and month name from its table, Arabic
right to left, a site's own [strings], and an unknown language refused. Real builds, read
back with BeautifulSoup."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import Site, release, texts
from tests.site.test_build import LIVE, all_files


def corpus(language: str, strings: str = "") -> dict[str, str]:
    settings = (
        f'title = "Salle de presse"\norganization = "la Préfecture"\nlanguage = "{language}"\n'
        f'base_url = "https://press.example.org/"\nper_page = 1\n{strings}'
    )
    return {
        "site.toml": settings,
        "content/releases/a.md": release(
            "Accord de pêche", "2024-05-02", "readout", tags=["Pêche"], updated="2024-06-10", aliases="[/old/accord/]"
        ),
        "content/releases/b.md": release("Visite officielle", "2024-02-01", tags=["Pêche"]),
        "content/live.yaml": LIVE,
    }


def words(soup: BeautifulSoup, selector: str) -> list[str]:
    return texts(soup, selector)


def test_a_french_site_shows_french_words_and_month_names(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(corpus("fr"))
    assert s.build().code == 0
    page = s.page("releases/a/")
    assert page.html["lang"] == "fr" and not page.html.has_attr("dir")
    assert words(page, ".skip-link") == ["Aller au contenu principal"]
    assert words(page, ".site-nav a")[:4] == ["Communiqués", "Types", "Services", "Mots-clés"]
    assert words(page, ".official-text") == ["Un site officiel de la Préfecture"]
    assert words(page, ".live-label") == ["En direct"]
    assert words(page, ".release-type-label") == ["COMPTE RENDU"]
    assert words(page, ".release-date") == ["2 mai 2024"]
    assert page.select_one(".release-date time")["datetime"] == "2024-05-02"
    assert words(page, ".release-updated") == ["Mis à jour le 10 juin 2024"]
    assert words(page, "#tags-heading") == ["Mots-clés"]
    assert words(page, "#related-heading") == ["Articles associés"]
    assert words(page, ".related-date") == ["— 1 février 2024"]
    assert words(page, ".read-more") == ["Lire la suite : Visite officielle"]  # (texts() reads \xa0 as a space)
    assert page.select_one(".read-more .visually-hidden").string == "\xa0: Visite officielle"
    assert words(page, ".breadcrumbs a") == [
        "Accueil",
        "Office of the Spokesperson",
        "Comptes rendus",
        "Accord de pêche",
    ]
    crumbs = json.loads(page.select('script[type="application/ld+json"]')[1].string)
    assert crumbs["itemListElement"][0]["name"] == "Accueil"
    assert page.select_one(".breadcrumbs")["aria-label"] == "Fil d’Ariane"
    assert words(page, ".footer-nav a")[:2] == ["Tous les communiqués", "Types de communiqués"]


def test_a_french_site_s_listings_pager_and_feeds(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(corpus("fr"))
    assert s.build().code == 0
    second = s.page("tags/peche/page/2/")
    assert second.h1.string == "Mot-clé\xa0: Pêche"  # French puts a no-break space before a colon
    assert second.title.string == "Mot-clé\xa0: Pêche (page 2) | Salle de presse"
    assert words(second, ".listing-count") == ["2 communiqués, page 2 sur 2"]
    assert words(second, ".feed-link") == ["Suivre ces communiqués (flux Atom)"]
    assert words(second, ".pager a") == ["‹ Page précédente", "Page 1", "Page 2"]
    assert second.select_one(".pager")["aria-label"] == "Pagination"
    assert words(second, ".release-meta")[0].startswith("NOTE AUX MÉDIAS | 1 février 2024")
    description = second.select_one('meta[name="description"]')["content"]
    assert description == "Communiqués de Salle de presse portant le mot-clé Pêche. Page 2."
    assert words(s.page("tags/"), ".term-list li") == ["Pêche (2 communiqués)"]
    assert words(s.page("types/"), "h1") == ["Types de communiqués"]
    feed = (s.out / "tags/peche/feed.xml").read_text(encoding="utf-8")
    assert "<title>Mot-clé\xa0: Pêche | Salle de presse</title>" in feed
    home = s.page("")
    assert words(home, "#latest-heading") == ["Derniers communiqués"]
    assert words(home, ".release-meta time") == ["2 mai 2024", "1 février 2024"]


def test_a_french_site_s_search_404_and_redirect_pages(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(corpus("fr"))
    assert s.build().code == 0
    search = s.page("search/")
    ui = search.select_one("#search")
    assert (ui["data-text-results"], ui["data-text-results-one"]) == (
        "{count} résultats pour «\xa0{query}\xa0»",
        "{count} résultat pour «\xa0{query}\xa0»",
    )
    assert ui["data-text-filter-office"] == "Service" and ui["data-text-searching"] == "Recherche en cours…"
    assert words(search, "noscript a") == ["tous les communiqués", "mot-clé", "service", "type"]
    missing = s.page("404.html")
    assert words(missing, "h1") == ["Page introuvable"]
    assert missing.title.string == "Page introuvable | Salle de presse"
    moved = s.page("old/accord/")
    assert moved.html["lang"] == "fr"
    assert words(moved, "body p") == ["Ce communiqué a été déplacé : Accord de pêche."]
    assert moved.select_one("body p a")["href"] == "/releases/a/"


def test_russian_search_words_have_every_plural_form(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(corpus("ru"))
    assert s.build().code == 0
    ui = s.page("search/").select_one("#search")
    forms = {name: value for name, value in ui.attrs.items() if name.startswith("data-text-filtered")}
    assert forms == {
        "data-text-filtered": "{count} пресс-релиза",
        "data-text-filtered-few": "{count} пресс-релиза",
        "data-text-filtered-many": "{count} пресс-релизов",
        "data-text-filtered-one": "{count} пресс-релиз",
    }
    assert words(s.page("tags/"), ".term-list li") == ["Pêche (2 пресс-релиза)"]


def test_an_arabic_site_is_right_to_left_on_every_page(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(corpus("ar"))
    assert s.build().code == 0
    pages = ["", "releases/a/", "tags/peche/", "search/", "404.html", "old/accord/"]
    assert [(s.page(url).html["lang"], s.page(url).html["dir"]) for url in pages] == [("ar", "rtl")] * len(pages)
    page = s.page("releases/a/")
    assert words(page, ".skip-link") == ["الانتقال إلى المحتوى الرئيسي"]
    assert words(page, ".release-date") == ["2 مايو 2024"]
    assert words(s.page("tags/"), ".term-list li") == ["Pêche (2 بيانان)"]


def test_a_regional_variant_uses_its_language_s_words_and_its_region_s_dates(
    site: Callable[[dict[str, str]], Site],
) -> None:
    s = site(corpus("en-GB"))
    assert s.build().code == 0
    page = s.page("releases/a/")
    assert page.html["lang"] == "en-GB"
    assert (words(page, ".release-date"), words(page, "#related-heading")) == (["2 MAY 2024"], ["Related Articles"])


def test_a_site_s_own_strings_replace_the_table_s(site: Callable[[dict[str, str]], Site]) -> None:
    own = (
        '\n[strings]\nrelated_articles = "À lire aussi"\nlive_now = "En ce moment"\n'
        'type_readout = "Compte rendu d’entretien"\n'
    )
    s = site(corpus("fr", own))
    assert s.build().code == 0
    page = s.page("releases/a/")
    assert words(page, "#related-heading") == ["À lire aussi"]
    assert words(page, ".live-label") == ["En ce moment"]
    assert words(page, ".release-type-label") == ["COMPTE RENDU D’ENTRETIEN"]
    assert json.loads((s.out / "live.json").read_text())["events"][0]["label"] == "En ce moment"


def test_an_unknown_language_or_word_fails_the_build_and_keeps_the_output(
    site: Callable[[dict[str, str]], Site],
) -> None:
    s = site(corpus("fr"))
    assert s.build().code == 0
    before = (s.out / "releases/a/index.html").read_bytes()
    s.write({"site.toml": 'language = "nl"\n\n[strings]\nread_mroe = "x"\n'})
    result = s.build()
    assert result.code == 1
    shown = f"{s.root}/site.toml"
    assert result.err.splitlines()[:2] == [
        f'{shown}:1: language: "nl" has no table of interface words'
        ' (expected one of ar, de, en, es, fr, pt, ru, zh, or a regional variant such as "pt-BR")',
        f'{shown}:4: strings.read_mroe: unknown interface word; did you mean "read_more"?'
        " (expected a key of docs/languages.md)",
    ]
    assert "Traceback" not in result.err
    assert (s.out / "releases/a/index.html").read_bytes() == before


def test_changing_the_language_or_a_word_rebuilds_what_shows_it(
    site: Callable[[dict[str, str]], Site], tmp_path: Path
) -> None:
    """Through the cache and the last build's output: the same files as a clean build."""
    s = site(corpus("fr"))
    assert s.build().code == 0
    for settings in ('language = "de"\n', 'language = "de"\n[strings]\nread_more = "Mehr"\ntype_readout = "Readout"\n'):
        s.write({"site.toml": settings})
        assert s.build().code == 0
        clean = Site(tmp_path / f"clean-{len(settings)}").write({**corpus("fr"), "site.toml": settings})
        assert clean.build("--no-cache").code == 0
        assert all_files(s.out) == all_files(clean.out)
    assert words(s.page("releases/a/"), ".read-more")[0].startswith("Mehr")
    assert words(s.page("releases/a/"), ".release-type-label") == ["READOUT"]


def test_a_site_template_asking_for_a_word_that_does_not_exist_fails_at_its_line(
    site: Callable[[dict[str, str]], Site],
) -> None:
    s = site(
        {
            **corpus("fr"),
            "templates/404.html": '{% extends "base.html" %}\n{% block main %}\n{{ t.not_fuond }}\n{% endblock %}\n',
        }
    )
    result = s.build()
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"{s.root}/templates/404.html:3: template: 'generator.strings.Strings object' has no attribute"
        " 'not_fuond' (rendering /404.html) (expected variables and filters that exist)"
    )
