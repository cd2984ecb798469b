"""Command line: `generator init`, `build`, `check`, `serve`, `new`, `related`.

The one place that turns a GeneratorError into a message and an exit status.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from generator import __version__
from generator.commands.build import build
from generator.commands.check import check
from generator.commands.hosts import NAME_EXPECTED, canonical
from generator.commands.init import create_site
from generator.commands.init import next_steps as init_steps
from generator.commands.new import NewRelease, create_release, next_steps
from generator.commands.related import related
from generator.content.sources import require_site
from generator.content.yamlnodes import WHEN_EXPECTED, parse_when
from generator.errors import DISK_FULL, GeneratorError, Problem, ProblemsFound, abridged, write_failure
from generator.parallel import default_jobs
from generator.pipeline import BuildOptions, site_config
from generator.progress import Progress, counted

BUILD_EXAMPLES = """examples:
  generator build                          build ./ into ./site
  generator build --source ~/press --output /srv/www/press
  generator build --base-url https://example.org/press/
  generator build --drafts --future        preview everything, marked DRAFT / SCHEDULED
  generator build --now 2024-05-01T09:00:00+00:00   build as of a fixed time
  generator build --strict-links           fail (writing nothing) on a link or image that leads nowhere,
                                           as the publish workflow does
"""

CHECK_EXAMPLES = """examples:
  generator check                          validate ./ and check every internal link
  generator check --source ~/press --strict
"""

SERVE_EXAMPLES = """examples:
  generator serve                          preview ./ at http://127.0.0.1:8000/
  generator serve --port 0                 any free port (the URL is printed)
  generator serve --source ~/press --host 0.0.0.0 --port 8080
  generator serve --host 0.0.0.0 --allow-host preview.lan --allow-host 192.168.1.20
                                           let other machines of the LAN preview under those names

It answers only requests whose Host names it (localhost, 127.0.0.1, [::1], the --host address,
any --allow-host name; any port): a web page cannot read the drafts through DNS rebinding.
"""

NEW_EXAMPLES = """examples:
  generator new "Secretary's Meeting with the Foreign Minister of Norland" --type readout \\
      --office "Office of the Spokesperson" --tags "Norland, Fisheries"
  generator new "Travel to Caldoria" --type travel --office "Office of the Spokesperson" --date 2026-12-01
                                           writes content/releases/2026/travel-to-caldoria.md

The new release is a draft: `generator serve` previews it; to publish it, write its text in place
of "Write the release here." and delete the line "draft: true" (a release that is not a draft and
still has that text is an error).
"""

INIT_EXAMPLES = """examples:
  generator init press                     make the folder press/ with a new site in it
  generator init .                         make a new site in the current (empty) folder

then:
  cd press
  generator serve                          preview it, drafts included
  generator build                          build the public site into press/site/
"""

RELATED_EXAMPLES = """examples:
  generator related fisheries-agreement-entry-into-force
  generator related content/releases/2024/fisheries-agreement-entry-into-force.md
  generator related fisheries-agreement-entry-into-force --source ~/press
"""


def _now(value: str) -> str:
    """Check a date or datetime on the command line; it is read in the site's zone later."""
    parsed = parse_when(value, ZoneInfo("UTC"))
    if isinstance(parsed, str):
        raise argparse.ArgumentTypeError(f"{parsed} (expected {WHEN_EXPECTED})")
    return value


def _moment(value: str | None, source: Path) -> datetime:
    """A command-line date or datetime; one without an offset is in the site's time zone."""
    if value is None:
        return datetime.now().astimezone()
    try:
        zone = site_config(BuildOptions(source=source, now=datetime.now().astimezone())).zone
    except GeneratorError:
        zone = ZoneInfo("UTC")  # site.toml has errors: the build reports them
    parsed = parse_when(value, zone)
    assert not isinstance(parsed, str)
    return parsed[0]


def _host_name(value: str) -> str:
    if canonical(value) is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a host name (expected {NAME_EXPECTED})")
    return value


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of processes (expected 1 or more)")
    return int(value)


def _port(value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (expected a whole number from 0 to 65535)")
    return int(value)


def _host(value: str) -> str:
    """An address or host name to listen on; nothing with spaces, controls or a port of its own."""
    if not value or any(c.isspace() or not c.isprintable() or c in "/\\#?@" for c in value):
        raise argparse.ArgumentTypeError(f"{value!r} is not an address (expected e.g. 127.0.0.1, ::1 or localhost)")
    return value


def _site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--source",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="the site folder, with content/ and optionally site.toml, templates/, theme/ "
        "(default: the current folder)",
    )
    parser.add_argument(
        "--now",
        type=_now,
        metavar="ISO-DATETIME",
        help="the build time (default: now; without an offset, in the site's time zone); "
        "decides which releases are future and which live event is on",
    )
    parser.add_argument("--drafts", action="store_true", help="include releases with draft: true")
    parser.add_argument("--future", action="store_true", help="include releases dated after --now")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=default_jobs(),
        metavar="N",
        help="processes to use (default: all cores, here %(default)s); output is the same for any N",
    )
    parser.add_argument(
        "--no-cache",
        dest="use_cache",
        action="store_false",
        help="neither read nor write the build cache in <source>/.cache",
    )


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="generator",
        description="Build a press-release website from Markdown files.",
        epilog="Run 'generator COMMAND --help' for the options and examples of each command.",
    )
    main.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND", required=True)
    init_cmd = commands.add_parser(
        "init",
        help="make a new site folder that builds at once",
        description="Make a new site in FOLDER (a new or empty folder; a fresh clone of an empty repository, "
        "with only .git, counts as empty): site.toml with every setting "
        "explained, content/offices.yaml with one office, an example release (a draft), an About page, "
        ".gitignore and the GitHub Pages publish workflow. It never changes an existing folder's files.",
        epilog=INIT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    init_cmd.add_argument("folder", type=Path, metavar="FOLDER", help="the new site folder (made if missing)")
    build_cmd = commands.add_parser(
        "build",
        help="build the site into site/",
        description="Build the whole site into the output folder.",
        epilog=BUILD_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _site_options(build_cmd)
    build_cmd.add_argument("--output", type=Path, metavar="DIR", help="the output folder (default: <source>/site)")
    build_cmd.add_argument("--base-url", metavar="URL", help="the URL the site is served under; overrides site.toml")
    build_cmd.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    build_cmd.add_argument(
        "--strict-links",
        action="store_true",
        help="treat links and images in releases and pages that lead to no file or page as errors "
        "(the publish workflow uses it: nothing broken goes live)",
    )
    check_cmd = commands.add_parser(
        "check",
        help="validate everything and check every internal link, writing nothing",
        description="Run every validation of a build, render the site in memory and check that every internal "
        "link and image resolves. site/ is not touched. Exit status 1 on errors, 0 with only warnings.",
        epilog=CHECK_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _site_options(check_cmd)
    check_cmd.add_argument("--base-url", metavar="URL", help="the URL the site is served under; overrides site.toml")
    serve_cmd = commands.add_parser(
        "serve",
        help="live preview: build, serve, rebuild and reload the browser on every save",
        description="Build the site with drafts and scheduled releases (marked), serve it, and rebuild and "
        "reload open browsers whenever content/, templates/, theme/ or site.toml change. A broken save keeps "
        "the last good pages, with the errors shown on every page; warnings are shown on every page too, as one "
        "line that opens on a click. Both are printed in the terminal. Ctrl-C stops it.",
        epilog=SERVE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve_cmd.add_argument("--source", type=Path, default=Path("."), metavar="DIR", help="the site folder")
    serve_cmd.add_argument("--host", type=_host, default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve_cmd.add_argument("--port", type=_port, default=8000, help="port (default: 8000; 0: any free port)")
    serve_cmd.add_argument(
        "--allow-host",
        action="append",
        default=[],
        type=_host_name,
        metavar="NAME",
        help="also answer requests for this host name or address, e.g. the one other machines of the LAN use "
        "(repeatable; localhost, 127.0.0.1, [::1] and the --host address are always answered)",
    )
    serve_cmd.add_argument("--now", type=_now, metavar="ISO-DATETIME", help="the build time (default: now)")
    new_cmd = commands.add_parser(
        "new",
        help="write a new release file with valid front matter",
        description="Write content/releases/<year>/<slug>.md (the year of its date), a draft with valid "
        "front matter, and print its path and how to preview and publish it. It never overwrites a file.",
        epilog=NEW_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new_cmd.add_argument("title", help="the release's title (its file name and slug are made from it)")
    new_cmd.add_argument("--type", required=True, help='one of the site\'s release types, e.g. "media note"')
    new_cmd.add_argument("--office", required=True, help="the issuing office")
    new_cmd.add_argument("--tags", default="", help='comma-separated tags, e.g. "Norland, Fisheries"')
    new_cmd.add_argument("--date", type=_now, metavar="ISO-DATE", help="default: now in the site's time zone")
    new_cmd.add_argument("--source", type=Path, default=Path("."), metavar="DIR", help="the site folder")
    related_cmd = commands.add_parser(
        "related",
        help="explain a release's related articles",
        description="Print the related articles of one release with the parts of each score, then the "
        "warnings of that release's file.",
        epilog=RELATED_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    related_cmd.add_argument(
        "release", metavar="SLUG-OR-FILE", help="the release's slug (its URL is /releases/<slug>/) or its file"
    )
    _site_options(related_cmd)
    return main


def _options(args: argparse.Namespace) -> BuildOptions:
    return BuildOptions(
        source=args.source,
        now=_moment(args.now, args.source),
        output=getattr(args, "output", None),
        base_url=getattr(args, "base_url", None),
        drafts=args.drafts,
        future=args.future,
        strict=args.strict,
        strict_links=getattr(args, "strict_links", False),
        jobs=args.jobs,
        use_cache=args.use_cache,
    )


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def run_build(args: argparse.Namespace) -> int:
    report = build(_options(args), Progress(enabled=not args.quiet))
    for line in abridged(report.warnings):  # `check` lists every one
        print(line, file=sys.stderr)
    if not args.quiet:
        print(
            f"Built {counted(report.releases, 'release')}{' (bodies only)' if report.bodies_only else ''}: "
            f"{counted(report.written, 'file')} written, {report.unchanged:,} unchanged, "
            f"{counted(report.cache_hits, 'cache hit')}, {report.seconds:.2f} s"
        )
        if report.next_change is not None:
            print(f"Next scheduled change: {report.next_change}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    problems = check(_options(args))
    if args.strict:
        problems = [p.as_error() for p in problems]
    _print_problems(problems)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"{counted(errors, 'error')}, {counted(warnings, 'warning')}")
    return 1 if errors else 0


def run_serve(args: argparse.Namespace) -> int:
    from generator.commands.serve import serve

    options = BuildOptions(source=args.source, now=_moment(args.now, args.source), jobs=1)
    return serve(options, args.host, args.port, pinned=args.now is not None, allowed=args.allow_host)


def run_new(args: argparse.Namespace) -> int:
    options = BuildOptions(source=args.source, now=datetime.now().astimezone())
    config = site_config(options)
    tags = tuple(t.strip() for t in args.tags.split(",") if t.strip())
    date = _moment(args.date, args.source) if args.date else None
    new = NewRelease(args.title, args.type, args.office, tags, date)
    written = create_release(args.source, options.shown_source, new, config, options.now)
    print(written.path)
    print("\n".join(next_steps(written, options.shown_source)))
    return 0


def run_init(args: argparse.Namespace) -> int:
    files = create_site(args.folder, str(args.folder), datetime.now().astimezone().date())
    print("\n".join(init_steps(str(args.folder), files)))
    return 0


def run_related(args: argparse.Namespace) -> int:
    warnings, lines = related(_options(args), args.release)
    print("\n".join(lines))
    _print_problems(warnings)  # the release's own, after its answer; other files' are for build and check
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "init":
            return run_init(args)
        require_site(args.source, "" if str(args.source) == "." else str(args.source))
        return {"build": run_build, "check": run_check, "serve": run_serve, "new": run_new, "related": run_related}[
            args.command
        ](args)
    except ProblemsFound as found:
        for line in abridged(found.problems):  # every error; `check` lists every warning too
            print(line, file=sys.stderr)
        errors = sum(p.severity == "error" for p in found.problems)
        print(f"{counted(errors, 'error')}; nothing was written", file=sys.stderr)
        return found.exit_code
    except GeneratorError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    except OSError as error:
        if error.errno not in DISK_FULL:
            raise  # a bug: shown with its traceback
        # Where no stage turned it into a WriteFailed (a lock file, a folder of the cache).
        print(f"error: {write_failure(error, error.filename or 'a file')}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; nothing was changed", file=sys.stderr)
        return 130
