"""Deterministic benchmark corpus for the press release generator.

    python bench/corpus.py --n 10000 --seed 1 --out /tmp/press-bench/corpus

writes OUT/site.toml, OUT/content/releases/<year>/<slug>.md (N releases),
OUT/content/live.yaml and OUT/content/pages/about.md.  The same --n and
--seed give byte-identical files: everything comes from random.Random(seed),
never from the clock or from set/hash order.  All text is original filler
built from a fixed word list; nothing is copied from real releases.

As a module: generate(n, seed, out), edit_one_body(out, seed),
add_one_release(out, seed).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import re
import sys
import time
import unicodedata
from datetime import date, timedelta
from pathlib import Path

TYPES = [
    "press statement",
    "media note",
    "readout",
    "remarks",
    "joint statement",
    "fact sheet",
    "notice to the press",
    "travel",
]
TYPE_WEIGHTS = [30, 18, 14, 10, 8, 8, 6, 6]

OFFICES = [
    "Office of the Spokesperson",
    "Bureau of Consular Affairs",
    "Office of the Minister",
    "Bureau of European Affairs",
    "Bureau of Economic Affairs",
    "Bureau of Climate and Energy",
    "Office of the Deputy Minister",
    "Bureau of Human Rights",
    "Bureau of Arms Control",
    "Bureau of Development Cooperation",
    "Bureau of Asian Affairs",
    "Bureau of African Affairs",
    "Bureau of Americas Affairs",
    "Bureau of Maritime Affairs",
    "Office of Protocol",
    "Office of Legal Affairs",
    "Bureau of Cultural Diplomacy",
    "Office of Global Health",
    "Bureau of Counterterrorism",
    "Office of Cyber Policy",
    "Bureau of Trade Policy",
    "Office of the Inspector",
    "Bureau of Migration",
    "Office of Polar Affairs",
    "Office of Côte des Pins Relations",
]
# A few big offices, a long tail (roughly Zipf with s = 1.3).
OFFICE_WEIGHTS = [1.0 / (k**1.3) for k in range(1, len(OFFICES) + 1)]

START = date(2020, 7, 1)
END = date(2026, 6, 30)
SPAN_DAYS = (END - START).days  # END itself is included below

OFFSETS = ["+00:00", "+01:00", "+02:00", "-04:00", "-05:00", "+09:00", "+05:30", "-03:00"]

# ---------------------------------------------------------------- vocabulary

NOUNS = [
    "agreement",
    "partnership",
    "delegation",
    "ministry",
    "minister",
    "spokesperson",
    "embassy",
    "consulate",
    "summit",
    "dialogue",
    "cooperation",
    "framework",
    "declaration",
    "initiative",
    "memorandum",
    "treaty",
    "convention",
    "council",
    "committee",
    "government",
    "parliament",
    "envoy",
    "ambassador",
    "secretary",
    "official",
    "briefing",
    "statement",
    "visit",
    "meeting",
    "conference",
    "forum",
    "consultation",
    "negotiation",
    "sanctions",
    "assistance",
    "programme",
    "fund",
    "grant",
    "investment",
    "trade",
    "security",
    "resilience",
    "stability",
    "region",
    "border",
    "coastline",
    "fisheries",
    "energy",
    "climate",
    "health",
    "migration",
    "refugees",
    "humanitarian",
    "relief",
    "reconstruction",
    "election",
    "democracy",
    "rights",
    "freedom",
    "press",
    "media",
    "citizens",
    "travellers",
    "passports",
    "visas",
    "infrastructure",
    "cables",
    "ports",
    "shipping",
    "corridor",
    "grid",
    "research",
    "education",
    "culture",
    "heritage",
    "youth",
    "women",
    "communities",
    "partners",
    "allies",
    "neighbours",
    "institutions",
    "standards",
    "commitments",
    "priorities",
    "progress",
    "outcomes",
    "measures",
    "steps",
    "principles",
]
VERBS = [
    "welcomes",
    "announces",
    "reaffirms",
    "condemns",
    "supports",
    "launches",
    "signs",
    "hosts",
    "convenes",
    "discusses",
    "reviews",
    "strengthens",
    "expands",
    "deepens",
    "renews",
    "commends",
    "urges",
    "calls",
    "encourages",
    "notes",
    "underlines",
    "highlights",
    "confirms",
    "endorses",
    "advances",
    "promotes",
    "protects",
    "delivers",
    "completes",
    "opens",
    "concludes",
]
ADJECTIVES = [
    "bilateral",
    "multilateral",
    "regional",
    "international",
    "joint",
    "new",
    "further",
    "lasting",
    "sustainable",
    "secure",
    "inclusive",
    "transparent",
    "practical",
    "constructive",
    "productive",
    "comprehensive",
    "strategic",
    "economic",
    "maritime",
    "consular",
    "humanitarian",
    "digital",
    "coastal",
    "northern",
    "southern",
    "renewable",
    "shared",
    "mutual",
    "annual",
    "formal",
    "senior",
    "technical",
    "independent",
    "peaceful",
    "open",
    "fair",
]
ADVERBS = [
    "firmly",
    "warmly",
    "closely",
    "jointly",
    "fully",
    "promptly",
    "steadily",
    "publicly",
    "formally",
    "actively",
]
FUNCTION = [
    "the",
    "the",
    "the",
    "of",
    "of",
    "and",
    "and",
    "to",
    "in",
    "in",
    "for",
    "with",
    "on",
    "by",
    "at",
    "from",
    "a",
    "an",
    "its",
    "their",
    "our",
    "this",
    "that",
]
PLACES = [
    "Eskeland",
    "Norland",
    "Breimark",
    "Valdora",
    "Côte-des-Pins",
    "Ostrava",
    "Lumeria",
    "Karsholm",
    "Tirvania",
    "Maren",
    "Selvik",
    "Doria",
    "Quellin",
    "Arvesta",
    "Holmgard",
    "Pelagia",
    "Sundmark",
    "Veyra",
    "Kestral",
    "Oberlin",
    "Ravna",
    "Tessaly",
    "Ulmstad",
    "Zerath",
]
PEOPLE = [
    "Minister Dorrance",
    "Spokesperson Varga",
    "Deputy Minister Holt",
    "Ambassador Reinholt",
    "Secretary Lind",
    "Envoy Marchetti",
    "Director Okafor",
    "Minister Vael",
    "Ambassador Sørlie",
    "Commissioner Brandt",
]

TAG_THEMES = [
    "Trade",
    "Energy Security",
    "Climate",
    "Maritime Security",
    "Human Rights",
    "Consular Affairs",
    "Cybersecurity",
    "Arms Control",
    "Development",
    "Migration",
    "Global Health",
    "Counterterrorism",
    "Culture",
    "Education",
    "Fisheries",
    "Arctic",
    "Sanctions",
    "Elections",
    "Democracy",
    "Press Freedom",
    "Humanitarian Aid",
    "Food Security",
    "Water",
    "Renewables",
    "Shipping",
    "Infrastructure",
    "Investment",
    "Science",
    "Space",
    "Oceans",
    "Biodiversity",
    "Refugees",
    "Women and Girls",
    "Youth",
    "Disarmament",
    "Nonproliferation",
    "Peacekeeping",
    "Rule of Law",
    "Anti-Corruption",
    "Digital Policy",
    "Critical Minerals",
    "Supply Chains",
    "Tourism",
    "Visas",
    "Passports",
    "Protocol",
    "Diaspora",
    "Heritage",
    "Sport",
    "Agriculture",
]
TAG_QUALIFIERS = [
    "Regional",
    "Bilateral",
    "Multilateral",
    "Northern",
    "Coastal",
    "Global",
    "European",
    "Atlantic",
    "Pacific",
]


def slugify(text: str) -> str:
    """An ASCII slug (NFKD, marks dropped, runs of non [a-z0-9] -> "-"); always valid under the generator's rule."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^0-9a-z]+", "-", text).strip("-")


def _tag_names() -> list[str]:
    """~400 distinct tags (distinct under the slug rule), in a fixed order; rank 1 = most used."""
    names: list[str] = []
    places = [p.replace("-", " ") for p in PLACES]
    for name in itertools.chain(
        TAG_THEMES,
        places,
        (f"{q} {t}" for q in TAG_QUALIFIERS for t in TAG_THEMES),
        (f"{p} {t}" for p in places for t in TAG_THEMES),
    ):
        names.append(name)
    seen: set[str] = set()
    unique = []
    for name in names:
        s = slugify(name)
        if s not in seen:
            seen.add(s)
            unique.append(name)
    # Interleave so the popular head mixes themes and places, deterministically.
    rng = random.Random(20260630)
    head, tail = unique[:74], unique[74:]
    rng.shuffle(head)
    rng.shuffle(tail)
    return (head + tail)[:400]


TAGS = _tag_names()
TAG_CUM = list(itertools.accumulate(1.0 / (k**1.1) for k in range(1, len(TAGS) + 1)))


class _Text:
    """Sentence pool built once per seed; bodies are choices from it (fast)."""

    def __init__(self, rng: random.Random, size: int = 6000) -> None:
        self.rng = rng
        self.sentences = [self._sentence() for _ in range(size)]
        self.words = [len(s.split()) for s in self.sentences]

    def _phrase(self) -> str:
        r = self.rng
        return f"{r.choice(FUNCTION)} {r.choice(ADJECTIVES)} {r.choice(NOUNS)}"

    def _sentence(self) -> str:
        r = self.rng
        subject = r.choice(
            [
                f"The {r.choice(NOUNS)}",
                r.choice(PEOPLE),
                f"The Government of {r.choice(PLACES).replace('-', ' ')}",
                f"The {r.choice(ADJECTIVES)} {r.choice(NOUNS)}",
                "The Ministry",
            ]
        )
        parts = [subject]
        if r.random() < 0.3:
            parts.append(r.choice(ADVERBS))
        parts.append(r.choice(VERBS))
        parts.append(self._phrase())
        for _ in range(r.randint(0, 3)):
            parts.append(r.choice(["with", "on", "for", "in", "across", "between", "under"]))
            parts.append(self._phrase() if r.random() < 0.7 else r.choice(PLACES).replace("-", " "))
        if r.random() < 0.25:
            parts.append(f"and {r.choice(VERBS)} {self._phrase()}")
        sentence = " ".join(parts) + "."
        return sentence[0].upper() + sentence[1:]

    def paragraph(self, words: int) -> tuple[str, int]:
        r = self.rng
        out = []
        count = 0
        while count < words:
            i = r.randrange(len(self.sentences))
            out.append(self.sentences[i])
            count += self.words[i]
        return " ".join(out), count


def _title(rng: random.Random) -> str:
    place = rng.choice(PLACES).replace("-", " ")
    other = rng.choice(PLACES).replace("-", " ")
    noun = rng.choice(NOUNS).title()
    adj = rng.choice(ADJECTIVES).title()
    pattern = rng.randrange(6)
    if pattern == 0:
        return f"{rng.choice(PEOPLE)} {rng.choice(VERBS).title()} {adj} {noun} with {place}"
    if pattern == 1:
        return f"Joint Statement on the {adj} {place}–{other} {noun}"
    if pattern == 2:
        return f"{place} and {other} Sign {adj} {noun}"
    if pattern == 3:
        return f"Readout of {rng.choice(PEOPLE)}'s Meeting with the {place} {noun.title()} Delegation"
    if pattern == 4:
        return f"Notice on the {adj} {noun} in {place}"
    return f"{rng.choice(PEOPLE)} to Travel to {place} and {other}"


def _date_value(rng: random.Random, day: date) -> str:
    """A plain date (60%) or an ISO datetime with an offset; the last day stays plain (never future)."""
    if day == END or rng.random() < 0.6:
        return day.isoformat()
    return (
        f"{day.isoformat()}T{rng.randrange(7, 20):02d}:{rng.choice(['00', '15', '30', '45'])}:00{rng.choice(OFFSETS)}"
    )


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _tags(rng: random.Random) -> list[str]:
    want = rng.randint(2, 6)
    chosen: list[str] = []
    while len(chosen) < want:
        t = TAGS[bisect.bisect_left(TAG_CUM, rng.random() * TAG_CUM[-1])]
        if t not in chosen:
            chosen.append(t)
    return chosen


def _body(rng: random.Random, text: _Text, link_targets: list[str]) -> str:
    target = rng.randint(300, 1500)
    headings = rng.randint(1, 4)
    blocks: list[str] = []
    words = 0
    first, n = text.paragraph(rng.randint(40, 90))
    blocks.append(first)
    words += n
    # Where the extra blocks go: after which heading.
    list_at = rng.randrange(headings)
    table_at = rng.randrange(headings) if rng.random() < 0.10 else -1
    per_section = max(40, (target - words - 50) // headings)  # ~50 words go to the list
    for h in range(headings):
        blocks.append(f"## {rng.choice(ADJECTIVES).title()} {rng.choice(NOUNS)}")
        section = 0
        while section < per_section:
            para, n = text.paragraph(min(per_section - section, rng.randint(50, 140)))
            if rng.random() < 0.3:
                para += f" See the [{rng.choice(NOUNS)} overview](https://www.example.org/{rng.choice(NOUNS)}/{rng.randrange(10000)})."
            if link_targets and rng.random() < 0.08:
                label = rng.choice(["earlier statement", "previous readout", "related notice", "background"])
                para += f" See also the [{label}]({rng.choice(link_targets)})."
            blocks.append(para)
            section += n
        words += section
        if h == list_at:
            items = []
            for _ in range(rng.randint(3, 6)):
                line, _n = text.paragraph(8)
                items.append("- " + line)
            blocks.append("\n".join(items))
        if h == table_at:
            rows = ["| Item | Partner | Amount |", "| --- | --- | ---: |"]
            for _ in range(rng.randint(3, 7)):
                rows.append(
                    f"| {rng.choice(ADJECTIVES).title()} {rng.choice(NOUNS)} | "
                    f"{rng.choice(PLACES).replace('-', ' ')} | {rng.randrange(1, 900)} million |"
                )
            blocks.append("\n".join(rows))
    return "\n\n".join(blocks) + "\n"


def _release_text(rng: random.Random, text: _Text, title: str, day: date, link_targets: list[str]) -> str:
    lines = [
        "---",
        f"title: {_yaml_str(title)}",
        f"type: {TYPES[rng.choices(range(len(TYPES)), TYPE_WEIGHTS)[0]]}",
        f"office: {OFFICES[rng.choices(range(len(OFFICES)), OFFICE_WEIGHTS)[0]]}",
        f"date: {_date_value(rng, day)}",
        f"tags: [{', '.join(_tags(rng))}]",
    ]
    if rng.random() < 0.05:
        summary, _n = text.paragraph(25)
        lines.append(f"summary: {_yaml_str(summary)}")
    lines.append("---")
    return "\n".join(lines) + "\n" + _body(rng, text, link_targets)


def _write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(content)


SITE_TOML = 'title = "Benchmark Press Office"\nbase_url = "https://press.example.org/"\ntimezone = "UTC"\n'

LIVE_YAML = """\
- title: "Daily Press Briefing"
  url: "https://video.example.org/briefings/daily"
  starts: 2026-06-30T23:00:00+00:00
  ends: 2026-07-01T01:00:00+00:00
- title: "Ministerial Conference on Ocean Governance"
  url: "https://video.example.org/events/ocean-governance"
  starts: 2026-09-01T10:00:00+00:00
  ends: 2026-09-03T18:00:00+00:00
  label: "Watch live"
"""

ABOUT_MD = """\
---
title: "About the Press Office"
---
The benchmark press office publishes statements, media notes, readouts and
notices of an imaginary ministry. Every text on this site is generated filler.

## Contact

Write to the [press office](https://www.example.org/contact).
"""


def generate(n: int, seed: int, out: Path | str) -> Path:
    """Write the corpus of n releases into out; return out."""
    out = Path(out)
    rng = random.Random(seed)
    text = _Text(random.Random(seed * 7919 + 1))
    (out / "content" / "releases").mkdir(parents=True, exist_ok=True)
    _write(out / "site.toml", SITE_TOML)
    _write(out / "content" / "live.yaml", LIVE_YAML)
    _write(out / "content" / "pages" / "about.md", ABOUT_MD)

    # All dates, titles and paths first, so bodies can link to any release.
    days = sorted(START + timedelta(days=rng.randint(0, SPAN_DAYS)) for _ in range(n))
    titles = [_title(rng) for _ in range(n)]
    rels = []
    for i, (day, title) in enumerate(zip(days, titles, strict=True)):
        slug = f"{slugify(title)[:60].rstrip('-')}-{i:06d}"
        rels.append(f"{day.year}/{slug}.md")
    made = set()
    for i in range(n):
        # Links only to releases of this corpus (they all exist once generate() returns).
        targets = [f"../{rels[rng.randrange(n)]}" for _ in range(3)] if n > 1 else []
        targets = [t for t in targets if t != f"../{rels[i]}"]
        year_dir = out / "content" / "releases" / str(days[i].year)
        if year_dir not in made:
            year_dir.mkdir(parents=True, exist_ok=True)
            made.add(year_dir)
        with open(out / "content" / "releases" / rels[i], "w", encoding="utf-8", newline="\n") as f:
            f.write(_release_text(rng, text, titles[i], days[i], targets))
    return out


def release_files(out: Path | str) -> list[Path]:
    """The corpus's release files in a fixed (sorted) order."""
    return sorted((Path(out) / "content" / "releases").rglob("*.md"))


def edit_one_body(out: Path | str, seed: int) -> Path:
    """Append one paragraph to one release's body (chosen by seed); return its path."""
    rng = random.Random(seed * 31 + 7)
    files = release_files(out)
    path = files[rng.randrange(len(files))]
    para, _n = _Text(rng, size=200).paragraph(60)
    with open(path, "a", encoding="utf-8", newline="\n") as f:
        f.write(f"\nUpdate {seed}: {para}\n")
    return path


def add_one_release(out: Path | str, seed: int) -> Path:
    """Write one new release (chosen by seed) under content/releases/<year>/; return its path."""
    rng = random.Random(seed * 131 + 3)
    text = _Text(rng, size=400)
    day = END - timedelta(days=rng.randrange(30))
    title = _title(rng)
    path = Path(out) / "content" / "releases" / str(day.year) / f"added-{seed}-{slugify(title)[:50].rstrip('-')}.md"
    _write(path, _release_text(rng, text, title, day, []))
    return path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=1000, help="number of releases (default 1000)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--out", type=Path, required=True, help="the site folder to write")
    args = p.parse_args(argv)
    started = time.perf_counter()
    generate(args.n, args.seed, args.out)
    print(f"wrote {args.n} releases to {args.out} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
