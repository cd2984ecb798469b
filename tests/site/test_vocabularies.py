"""Controlled vocabularies: content/offices.yaml and content/tags.yaml, through the real CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta

from bs4 import BeautifulSoup

from tests.conftest import NOW, Site, release, texts
from tests.site.test_search import fragments

OFFICES = """\
- name: Office of the Spokesperson
  slug: spokesperson
  description: |
    The Spokesperson speaks for the **Ministry**. See [the first release](releases/first.md).
  boilerplate: |
    The Office of the Spokesperson answers the press.
  contacts:
    - name: Ilse Varga
      role: Spokesperson
      email: press@example.gov
      phone: "+47 555 0100"
    - name: "<b>Duty</b> officer"
      phone: (0) 555-0199
- name: Bureau of Trade
"""

TAGS = """\
- Fisheries
- name: Norland
  description: News about *Norland* and its ports.
"""


def _errors(err: str) -> list[str]:
    return [line for line in err.splitlines() if ": " in line and not line.endswith("nothing was written")]


def _failed(s: Site) -> list[str]:
    """The problems of a build that must fail: exit 1, no traceback."""
    result = s.build()
    assert result.code == 1 and "Traceback" not in result.err, result.err
    return _errors(result.err)


def _vocabulary_site(site: Callable[[dict[str, str]], Site]) -> Site:
    return site(
        {
            "content/offices.yaml": OFFICES,
            "content/tags.yaml": TAGS,
            "content/releases/first.md": release(
                "First", "2024-05-01", office="office of the  SPOKESPERSON", tags=["fisheries", "Nórland"]
            ),
            "content/releases/second.md": release("Second", "2024-05-02", office="Bureau of Trade", tags=["Norland"]),
        }
    )


def test_variants_of_a_listed_name_are_shown_in_the_listed_spelling(site: Callable[[dict[str, str]], Site]) -> None:
    s = _vocabulary_site(site)
    result = s.build()
    assert result.code == 0, result.err
    assert result.err == ""
    page = s.page("releases/first/")
    office = page.select_one(".release-office a")
    assert office is not None and office["href"] == "/offices/spokesperson/"
    assert office.get_text(strip=True) == "OFFICE OF THE SPOKESPERSON"  # the theme shows it in capitals
    assert [a.get_text(strip=True) for a in page.select('a[href^="/tags/"]') if a["href"] != "/tags/"] == [
        "Fisheries",
        "Norland",
    ]
    assert texts(s.page("offices/"), ".term-list a") == ["Bureau of Trade", "Office of the Spokesperson"]
    assert texts(s.page("tags/"), ".term-list a") == ["Fisheries", "Norland"]
    assert texts(s.page("offices/spokesperson/"), "h1") == ["Office of the Spokesperson"]
    assert not (s.out / "offices/office-of-the-spokesperson").exists()  # the listed slug is its URL
    data = json.loads((s.out / "releases.json").read_text(encoding="utf-8"))
    first = next(r for r in data["releases"] if r["title"] == "First")
    assert first["office"] == "Office of the Spokesperson"
    assert first["tags"] == ["Fisheries", "Norland"]


def test_the_office_page_shows_its_description_and_contacts(site: Callable[[dict[str, str]], Site]) -> None:
    s = _vocabulary_site(site)
    assert s.build().code == 0
    page = s.page("offices/spokesperson/")
    description = page.select_one(".term-description")
    assert description is not None
    assert (
        " ".join(description.get_text().split()) == "The Spokesperson speaks for the Ministry. See the first release."
    )
    assert description.find("strong").get_text() == "Ministry"
    assert description.find("a")["href"] == "/releases/first/"
    contacts = page.select_one("section.term-contacts")
    assert contacts is not None and contacts.find("h2").get_text() == "Media contacts"
    # The description under the heading, the contacts after the releases.
    order = [el.name + "." + " ".join(el.get("class", [])) for el in page.select("h1, .term-description, ul, section")]
    assert order.index("div.term-description") < order.index("ul.release-list") < order.index("section.term-contacts")
    items = contacts.select("ul.contact-list > li")
    assert [" ".join(li.get_text().split()) for li in items] == [
        "Ilse Varga, Spokespersonpress@example.gov+47 555 0100",
        "<b>Duty</b> officer(0) 555-0199",
    ]
    assert [item.select_one(".contact-name").get_text() for item in items] == ["Ilse Varga", "<b>Duty</b> officer"]
    assert items[0].select_one(".contact-role").get_text() == "Spokesperson"
    assert items[1].select_one(".contact-role") is None
    assert [a["href"] for a in items[0].find_all("a")] == ["mailto:press@example.gov", "tel:+475550100"]
    assert [a["href"] for a in items[1].find_all("a")] == ["tel:05550199"]
    assert items[1].find("b") is None  # the name is text, escaped
    # The boilerplate is kept for releases (issue 17), not shown on the office page.
    assert "answers the press" not in (s.out / "offices/spokesperson/index.html").read_text(encoding="utf-8")
    # An office without description or contacts: a plain listing page.
    trade = s.page("offices/bureau-of-trade/")
    assert trade.select(".term-description, .term-contacts") == []
    assert texts(trade, ".release-item-title") == ["Second"]


def test_a_tag_page_shows_its_description(site: Callable[[dict[str, str]], Site]) -> None:
    s = _vocabulary_site(site)
    assert s.build().code == 0
    norland = s.page("tags/norland/").select_one(".term-description")
    assert norland is not None and " ".join(norland.get_text().split()) == "News about Norland and its ports."
    assert norland.find("em").get_text() == "Norland"
    assert s.page("tags/fisheries/").select_one(".term-description") is None


def test_description_only_on_the_first_page_of_a_listing(site: Callable[[dict[str, str]], Site]) -> None:
    s = _vocabulary_site(site)
    s.write({"site.toml": "per_page = 1\n"})
    assert s.build().code == 0
    assert s.page("tags/norland/").select_one(".term-description") is not None
    assert s.page("tags/norland/page/2/").select_one(".term-description") is None


def test_unknown_office_and_tag_are_errors_with_did_you_mean(site: Callable[[dict[str, str]], Site]) -> None:
    s = _vocabulary_site(site)
    assert s.build().code == 0
    before = {p: p.read_bytes() for p in s.out.rglob("*") if p.is_file()}
    s.write(
        {
            "content/releases/third.md": release(
                "Third", "2024-05-03", office="Bureau of Trad", tags=["Fishries", "Caldoria"]
            )
        }
    )
    third = f"{s.root}/content/releases/third.md"
    assert _failed(s) == [
        f'{third}:6: tags: "Fishries" is not in {s.root}/content/tags.yaml; did you mean "Fisheries"? '
        "(expected a tag listed there)",
        f'{third}:6: tags: "Caldoria" is not in {s.root}/content/tags.yaml (expected a tag listed there)',
        f'{third}:4: office: "Bureau of Trad" is not in {s.root}/content/offices.yaml; did you mean "Bureau of Trade"? '
        "(expected an office listed there)",
    ]
    assert s.build().err.rstrip().endswith("3 errors; nothing was written")
    assert {p: p.read_bytes() for p in s.out.rglob("*") if p.is_file()} == before


def test_a_draft_with_an_unknown_office_is_an_error_too(site: Callable[[dict[str, str]], Site]) -> None:
    s = _vocabulary_site(site)
    s.write({"content/releases/draft.md": release("Draft", "2024-05-03", office="Ofice of Trade", draft="true")})
    result = s.build()
    assert result.code == 1
    assert f'{s.root}/content/releases/draft.md:4: office: "Ofice of Trade" is not in' in result.err


def test_offices_yaml_is_validated_all_at_once(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/offices.yaml": """\
- name: Office of the Spokesperson
  slug: Spokes Person
  contacts:
    - name: Ilse Varga
      email: press-at-example.gov
      phone: call me
      fax: 123
    - role: Deputy
- name: office of the  spokesperson
- Bureau of Trade
- name: Bureau of Trade
  descripton: x
  contacts: nobody
- name: Trade Bureau
  slug: bureau-of-trade
- slug: nameless
""",
            "content/releases/a.md": release("A", "2024-05-01", office="Bureau of Trade"),
        }
    )
    path = f"{s.root}/content/offices.yaml"
    assert _failed(s) == [
        f'{path}:2: slug: "Spokes Person" is not a slug (expected lower-case letters, digits and single hyphens, '
        "e.g. spokesperson)",
        f"{path}:7: fax: warning: unknown key, ignored (expected one of email, name, phone, role)",
        f'{path}:5: email: "press-at-example.gov" is not an email address '
        "(expected an email address such as press@example.gov)",
        f'{path}:6: phone: "call me" is not a phone number '
        "(expected a phone number of digits, spaces and + ( ) - . such as +47 555 0100)",
        f"{path}:8: name: is missing (expected a name: key in each contact)",
        f"{path}:10: office: is not a set of keys (expected a list of offices, each with a name: key)",
        f'{path}:12: descripton: warning: unknown key, ignored; did you mean "description"? '
        "(expected one of boilerplate, contacts, description, name, slug)",
        f"{path}:13: contacts: is not a list "
        "(expected a list of contacts, each with a name: key and any of role:, email:, phone:)",
        f"{path}:16: name: is missing (expected a name: key in each office)",
        f'{path}:9: name: "office of the  spokesperson" is listed twice '
        '(first as "Office of the Spokesperson" on line 1) (expected each name once)',
        f'{path}:14: slug: "Trade Bureau" would share the URL slug "bureau-of-trade" with "Bureau of Trade" '
        "(line 11) (expected names that differ in more than punctuation, or a slug: of its own)",
    ]


def test_vocabulary_files_that_are_not_lists(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/offices.yaml": "name: Office of the Spokesperson\n",
            "content/tags.yaml": "- [a, b]\n- name: Ports\n  description: [x]\n- '!!!'\n- Fisheries: x\n",
            "content/releases/a.md": release("A", "2024-05-01"),
        }
    )
    offices, tags = f"{s.root}/content/offices.yaml", f"{s.root}/content/tags.yaml"
    assert _failed(s) == [
        f"{offices}:1: offices.yaml: is not a list (expected a list of offices, each with a name: key)",
        f"{tags}:1: tag: is not a set of keys "
        "(expected a list of tag names, or of entries with name: and description:)",
        f"{tags}:3: description: is a list (expected text)",
        f'{tags}:4: name: "!!!" has no letters or digits (expected a name with letters or digits)',
        f"{tags}:5: Fisheries: warning: unknown key, ignored (expected one of description, name)",
        f"{tags}:5: name: is missing (expected a name: key in each tag)",
    ]  # offices.yaml is no list at all: its releases are not reported as well


def test_a_yaml_syntax_error_names_its_line(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/tags.yaml": "- Fisheries\n- name: Norland\n  description: Ports: open\n",
            "content/releases/a.md": release("A", "2024-05-01", tags=["Fisheries"]),
        }
    )
    assert _failed(s) == [
        f"{s.root}/content/tags.yaml:3: description: YAML syntax error: mapping values are not allowed in this "
        'context; a value with ": " in it must be in quotes: put the description in quotes: '
        '  description: "Ports: open"'
    ]


def test_vocabulary_files_are_not_copied_to_the_output(site: Callable[[dict[str, str]], Site]) -> None:
    s = _vocabulary_site(site)
    assert s.build().code == 0
    names = {p.name for p in s.out.rglob("*")}
    assert "offices.yaml" not in names and "tags.yaml" not in names


def test_a_description_link_to_an_unpublished_release_is_text(site: Callable[[dict[str, str]], Site]) -> None:
    later = (datetime.fromisoformat(NOW) + timedelta(days=3)).date().isoformat()
    s = _vocabulary_site(site)
    s.write(
        {
            "content/releases/embargoed.md": release("Secret Accord Signed", later, office="Bureau of Trade"),
            "content/offices.yaml": OFFICES.replace("releases/first.md", "releases/embargoed.md"),
        }
    )
    result = s.build()
    assert result.code == 0, result.err
    description = s.page("offices/spokesperson/").select_one(".term-description")
    assert description is not None and description.find("a") is None
    assert "the first release" in description.get_text()
    assert all(b"embargoed" not in p.read_bytes() for p in s.out.rglob("*") if p.is_file())


# -- without a vocabulary: likely typos are warnings ---------------------------------------


def test_likely_typos_are_warnings_naming_both_spellings(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/releases/a.md": release("A", "2024-05-01", tags=["Fisheries", "Sea-Fisheries", "Budget 2024"]),
            "content/releases/b.md": release("B", "2024-05-02", tags=["Fisheries", "Budget 2025", "EU"]),
            "content/releases/c.md": release("C", "2024-05-03", office="Office of the Spokesperon", tags=["Fishries"]),
            "content/releases/d.md": release("D", "2024-05-04", tags=["SeaFisheries", "UN"]),
        }
    )
    result = s.build()
    assert result.code == 0, result.err
    root = f"{s.root}/content/releases"
    assert result.err.splitlines() == [
        f'{root}/c.md:6: tags: warning: "Fishries" ({root}/c.md) looks like a typo of "Fisheries" '
        f"({root}/a.md, {root}/b.md) (expected one spelling of each name; {s.root}/content/tags.yaml can list "
        "the names to allow)",
        f'{root}/d.md:6: tags: warning: "SeaFisheries" ({root}/d.md) looks like a typo of "Sea-Fisheries" '
        f"({root}/a.md) (expected one spelling of each name; {s.root}/content/tags.yaml can list the names to allow)",
        f'{root}/c.md:4: office: warning: "Office of the Spokesperon" ({root}/c.md) looks like a typo of '
        f'"Office of the Spokesperson" ({root}/a.md, {root}/b.md, {root}/d.md) (expected one spelling of each '
        f"name; {s.root}/content/offices.yaml can list the names to allow)",
    ]
    # Warnings only: both spellings still get their pages.
    assert (s.out / "tags/fishries/index.html").is_file() and (s.out / "tags/fisheries/index.html").is_file()
    assert s.build("--strict").code == 1


def test_a_vocabulary_silences_the_typo_warnings(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/tags.yaml": "- Norland\n- Nordland\n",
            "content/releases/a.md": release("A", "2024-05-01", tags=["Norland"]),
            "content/releases/b.md": release("B", "2024-05-02", tags=["Nordland"]),
        }
    )
    result = s.build()
    assert result.code == 0 and result.err == ""
    (s.root / "content/tags.yaml").unlink()
    result = s.build()
    assert result.code == 0
    assert 'warning: "Norland"' in result.err or 'warning: "Nordland"' in result.err


# -- the vocabularies are inputs of incremental builds --------------------------------------


def _all(folder: Site) -> dict[str, bytes]:
    return {p.relative_to(folder.out).as_posix(): p.read_bytes() for p in sorted(folder.out.rglob("*")) if p.is_file()}


def _clean(s: Site, tmp_path_name: str) -> dict[str, bytes]:
    import shutil

    copy = s.root.parent / tmp_path_name
    shutil.copytree(s.root, copy, ignore=shutil.ignore_patterns("site", ".site*", ".cache"))
    clean = Site(copy)
    assert clean.build("--no-cache").code == 0
    return _all(clean)


def test_editing_a_vocabulary_rebuilds_what_it_shows(site: Callable[[dict[str, str]], Site]) -> None:
    s = _vocabulary_site(site)
    assert s.build().code == 0
    edits = [
        ("speaks for the **Ministry**", "speaks for the **Government**"),
        ("press@example.gov", "media@example.gov"),
        ("slug: spokesperson", "slug: spokes"),
    ]
    text = OFFICES
    for step, (old, new) in enumerate(edits):
        text = text.replace(old, new)
        s.write({"content/offices.yaml": text})
        result = s.build()
        assert result.code == 0, result.err
        assert "(bodies only)" not in result.out
        assert _all(s) == _clean(s, f"clean-offices-{step}")
    assert "Government" in s.page("offices/spokes/").get_text()
    assert "media@example.gov" in s.page("offices/spokes/").get_text()
    assert not (s.out / "offices/spokesperson").exists()
    s.write({"content/tags.yaml": TAGS.replace("its ports", "its harbours")})
    assert s.build().code == 0
    assert _all(s) == _clean(s, "clean-tags")
    assert "harbours" in s.page("tags/norland/").get_text()
    (s.root / "content/tags.yaml").unlink()
    assert s.build().code == 0
    assert _all(s) == _clean(s, "clean-no-tags")
    assert s.page("tags/norland/").select_one(".term-description") is None
    # A body edit after them takes the fast path from the last site, vocabulary and all.
    s.write(
        {
            "content/releases/second.md": release(
                "Second",
                "2024-05-02",
                office="Bureau of Trade",
                tags=["Norland"],
                body="A paragraph of text, long enough for a summary of it.\n\nNew.",
            )
        }
    )
    result = s.build()
    assert result.code == 0 and "(bodies only)" in result.out, result.out
    assert _all(s) == _clean(s, "clean-body-edit")


def test_a_new_vocabulary_is_noticed_by_the_no_change_check(site: Callable[[dict[str, str]], Site]) -> None:
    s = site({"content/releases/a.md": release("A", "2024-05-01", office="Bureau of Trade")})
    assert s.build().code == 0
    assert s.build().code == 0  # nothing changed
    s.write({"content/offices.yaml": "- name: Office of the Spokesperson\n"})
    result = s.build()
    assert result.code == 1
    assert 'office: "Bureau of Trade" is not in' in result.err


def test_release_page_office_link_uses_the_listed_slug(site: Callable[[dict[str, str]], Site]) -> None:
    s = _vocabulary_site(site)
    assert s.build().code == 0
    html = (s.out / "releases/first/index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("a", href="/offices/spokesperson/") is not None
    assert soup.find("a", href="/offices/office-of-the-spokesperson/") is None


def test_search_filters_use_the_listed_spelling(site: Callable[[dict[str, str]], Site]) -> None:
    s = _vocabulary_site(site)
    assert s.build().code == 0
    record = fragments(s.out / "pagefind")["/releases/first/"]
    assert record["filters"]["Office"] == ["Office of the Spokesperson"]
    assert record["filters"]["Tag"] == ["Fisheries", "Norland"]


def test_a_hidden_release_changes_no_byte_through_the_vocabulary(site: Callable[[dict[str, str]], Site]) -> None:
    """A draft and a scheduled release of a listed office no published release has: no office
    page, no trace of either; the output is byte for byte the one without them."""
    s = _vocabulary_site(site)
    assert s.build().code == 0
    before = _all(s)
    later = (datetime.fromisoformat(NOW) + timedelta(days=3)).date().isoformat()
    s.write(
        {
            "content/offices.yaml": OFFICES + "- name: Office of Secret Talks\n  description: Secret.\n",
            "content/releases/draft.md": release("Draft", "2024-05-03", office="Office of Secret Talks", draft="true"),
            "content/releases/later.md": release("Later", later, office="office of secret talks", tags=["Norland"]),
        }
    )
    assert s.build().code == 0
    assert _all(s) == before
    assert not (s.out / "offices/office-of-secret-talks").exists()


def test_hostile_names_and_descriptions_stay_text(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/offices.yaml": (
                '- name: "<img src=x onerror=alert(1)> Office"\n'
                "  description: |\n    <script>alert(2)</script> and [x](javascript:alert(3))\n"
                '  contacts:\n    - name: "<script>alert(4)</script>"\n      email: "a&b@example.gov"\n'
            ),
            "content/releases/a.md": release("A", "2024-05-01", office='"<img src=x onerror=alert(1)> Office"'),
        }
    )
    result = s.build()
    assert result.code == 0, result.err
    page = s.page("offices/img-src-x-onerror-alert-1-office/")
    assert page.find("img", src="x") is None and not page.select("main script")
    assert page.select_one("h1").get_text() == "<img src=x onerror=alert(1)> Office"
    description = page.select_one(".term-description")
    assert description is not None and description.find("script") is None and description.find("a") is None
    assert "<script>alert(2)</script>" in description.get_text()
    assert page.select_one(".contact-name").get_text() == "<script>alert(4)</script>"
    assert page.select_one(".contact-email")["href"] == "mailto:a&b@example.gov"
    assert "mailto:a&amp;b@example.gov" in (s.out / "offices/img-src-x-onerror-alert-1-office/index.html").read_text()


def test_a_misnamed_vocabulary_is_an_error_not_a_published_file(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/offices.yml": "- name: Bureau of Trade\n",
            "content/Tags.YAML": "- Norland\n",
            "content/releases/a.md": release("A", "2024-05-01"),
        }
    )
    assert _failed(s) == [
        f"{s.root}/content/Tags.YAML:1: file: not read as tags.yaml, nor published (expected the name tags.yaml)",
        f"{s.root}/content/offices.yml:1: file: not read as offices.yaml, nor published "
        "(expected the name offices.yaml)",
    ]
    assert not s.out.exists()


def test_links_in_descriptions_are_checked_like_body_links(site: Callable[[dict[str, str]], Site]) -> None:
    s = site(
        {
            "content/offices.yaml": (
                "- name: Public Office\n"
                "  description: See [the agreement](releases/agreement.md) and [gone](releases/gone.md).\n"
            ),
            "content/tags.yaml": "- name: Trade\n  description: Read [the plan](releases/plan.md).\n",
            "content/releases/agreement.md": release("Agreement", "2024-05-01", office="Public Office", tags=["Trade"]),
            "content/releases/plan.md": release(
                "Plan", "2024-05-02", office="Public Office", tags=["Trade"], draft="true"
            ),
        }
    )
    built = s.build()
    assert built.code == 0, built.err
    assert [line for line in built.err.splitlines() if ": link: " in line] == [
        f'{s.root}/content/offices.yaml:2: link: warning: "releases/gone.md" leads to no file or page '
        "(expected a relative path to a file under content/, a page of this site, or a full URL)",
        f'{s.root}/content/tags.yaml:2: link: warning: "releases/plan.md" is not public yet (a draft): its text is '
        "shown without the link (expected a link to a published release or page; add this one when it is public)",
    ]
    office = s.page("offices/public-office/")
    # Resolved like a body's link; a broken one stays as written, as in a body (and is the warning above).
    assert [a["href"] for a in office.select(".term-description a")] == ["/releases/agreement/", "releases/gone.md"]
    strict = s.build("--strict-links")
    assert strict.code == 1
    assert f'{s.root}/content/offices.yaml:2: link: "releases/gone.md" leads to no file or page' in strict.err
