"""Commands that share a list: ``export``, ``play`` and ``import``.

Format renderers, csv/xml parsers, ``webbrowser`` and ``subprocess`` are
imported inside the commands, so they cost nothing at start-up.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from operator import attrgetter
from pathlib import Path
from typing import Annotated, Any

import typer

from cryplaylist import formats, render
from cryplaylist import library as store
from cryplaylist.atomic import write_export
from cryplaylist.cli.common import (
    JsonOpt,
    library,
    load,
    select,
    state,
    with_filters,
)
from cryplaylist.errors import NotFound, PlayerError, UsageError
from cryplaylist.links import host_note
from cryplaylist.models import now_iso
from cryplaylist.ranking import Order
from cryplaylist.selection import Filters

app = typer.Typer(rich_markup_mode=None)

PlaylistArg = Annotated[
    str | None, typer.Argument(help="A playlist to share, in its own order (default: your whole library, ranked).")
]
TopOpt = Annotated[int | None, typer.Option("--top", "-n", min=1, help="Only the first N videos.")]
ByOpt = Annotated[
    Order | None,
    typer.Option("--by", help="Rank by score (the default for the library), rating, added, title, artist or year."),
]


class Player(StrEnum):
    MPV = "mpv"
    BROWSER = "browser"


def _rows(
    ctx: typer.Context,
    playlist: str | None,
    top: int | None,
    by: Order | None,
    filters: Filters,
    rows: Callable[[formats.Ranked], list[dict[str, Any]]] | None = None,
) -> tuple[list[dict[str, Any]], str]:
    """The ranked rows to share (plain rows, unless ``rows`` makes them otherwise), built once, and a title for them."""
    from cryplaylist import diary  # start-up: --help builds this module without it

    tables = load(ctx)
    if playlist is None:
        ranked, _ = diary.rank(tables, select(filters, store.videos(tables)), by or Order.SCORE, top)
        pairs = [(r.rank, r.video) for r in ranked]
        title = _top_title(len(pairs)) if top else "My cry playlist"
    else:
        from cryplaylist import playlists  # start-up: only when a playlist is shared

        title = str(playlists.find(tables, playlist).get("name") or playlist)
        chosen = select(filters, playlists.videos_in(tables, playlist))
        if by is not None:
            pairs = [(r.rank, r.video) for r in diary.rank(tables, chosen, by, top)[0]]
        else:
            pairs = list(enumerate(chosen[:top] if top else chosen, start=1))
    if rows is None:
        return [render.video_row(video, rank=number) for number, video in pairs], title
    return rows(pairs), title


def _top_title(count: int) -> str:
    return f"My top {count} music videos for a good cry" if count != 1 else "My number one music video for a good cry"


@app.command("export")
@with_filters
def export(
    ctx: typer.Context,
    playlist: PlaylistArg = None,
    format_: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help=f"One of: {', '.join(formats.export_names())} (default: from the -o extension)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", dir_okay=False, help="Write to FILE instead of the screen (- for stdout)."),
    ] = None,
    top: TopOpt = None,
    by: ByOpt = None,
    title: Annotated[str | None, typer.Option("--title", help="A title for the list.")] = None,
    *,
    filters: Filters,
    everything: Annotated[
        bool,
        typer.Option(
            "--everything",
            help="Write the whole library (videos, diary, playlists, settings) as one file that import gives back.",
        ),
    ] = False,
) -> None:
    """Export your ranked list (or a playlist) as links, a playlist file, Markdown, a web page, CSV or JSON.

    Example: cryplaylist export --top 10 -o my-top-10.html
    """
    if everything:
        chosen = [playlist, format_, top, by, title]
        narrowed = Filters(default_excludes=filters.default_excludes) != filters
        if any(v is not None for v in chosen) or narrowed:
            raise UsageError(
                "--everything writes the whole library, nothing filtered or hidden: it takes only -o FILE."
            )
        _export_everything(ctx, output)
        return
    fmt = _export_format(format_, output)
    if output is not None and str(output) == "-":
        output = None
    if output is not None:  # before anything is rendered: an export never lands on what cryplaylist keeps
        from cryplaylist.kept import refuse_export_over

        refuse_export_over(output, state(ctx).path)
    rows, default_title = _rows(ctx, playlist, top or fmt.top, by, filters, fmt.rows)
    if not rows:
        render.notice("No videos match: the export is empty.")
    info = formats.ExportInfo(title=title or default_title, created=now_iso())
    shown = fmt.fit(rows, info)
    while title is None and playlist is None and len(shown) < len(rows):
        # The list is a top N: its title counts what it holds (a shorter title may fit one more).
        info.title = _top_title(len(shown))
        if len(fitted := fmt.fit(shown, info)) == len(shown):
            break
        shown = fitted
    text = fmt.render(shown, info)
    if len(shown) < len(rows):
        render.notice(
            f"The {fmt.name} format is {fmt.summary}: it holds {render.videos(len(shown))} of the {len(rows)} "
            "chosen, and the others were left out whole (no title or warning is ever cut)."
        )
    hint = fmt.name in ("youtube", "html")
    if output is None:
        render.write_document(text)
        if hint:
            _hint_missing(shown)
        return
    write_export(output, text)
    render.notice(f"Wrote {render.videos(len(shown))} to {output} ({fmt.name}).", style="green")
    if hint:
        _hint_missing(shown)


def _export_everything(ctx: typer.Context, output: Path | None) -> None:
    import orjson

    from cryplaylist import config, everything
    from cryplaylist.models import now_iso

    tables = library(ctx).load()
    document = everything.document(tables, config.load(state(ctx).path), now_iso())
    data = orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from cryplaylist.atomic import write_export

    write_export(output, data)
    counts = (
        f"{render.videos(len(document['videos']))}, {render.counted(len(document['watches']), 'watch', 'watches')}, "
        f"{render.counted(len(document['playlists']), 'playlist')}"
    )
    render.notice(f"Wrote everything to {output}: {counts} and your settings.", style="green")


def _export_format(name: str | None, output: Path | None) -> formats.Format:
    if name:
        return formats.get(name)
    named = output is not None and str(output) != "-"
    guessed = formats.for_path(output) if output is not None and named else None
    if guessed is None:
        where = f"the extension of {output}" if named else "standard output (no -o FILE)"
        raise UsageError(f"cannot tell the format from {where}: add --format ({', '.join(formats.export_names())}).")
    return guessed


@app.command("play")
@with_filters
def play(
    ctx: typer.Context,
    playlist: PlaylistArg = None,
    top: TopOpt = None,
    by: ByOpt = None,
    with_: Annotated[
        Player | None,
        typer.Option("--with", help="mpv (through a playlist file) or browser (the YouTube playlist link)."),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Play without asking about content warnings.")] = False,
    *,
    filters: Filters,
) -> None:
    """Play your ranked list (or a playlist) in mpv, or as a YouTube playlist in your browser.

    Example: cryplaylist play --top 5 --exclude-warning suicide
    """
    import shutil

    from cryplaylist.formats.common import plays

    chosen, title = _rows(ctx, playlist, top, by, filters)
    rows = [row for row in chosen if plays(row)]
    if len(rows) < len(chosen):
        gone = len(chosen) - len(rows)
        render.notice(
            f"Left out {render.videos(gone)} that no longer {'plays' if gone == 1 else 'play'} "
            "('cryplaylist check' found them private or removed).",
            style="yellow",
        )
    if not rows:
        raise NotFound("no videos match that still play, so there is nothing to play.")
    mpv = shutil.which("mpv")
    player = with_ or (Player.MPV if mpv else Player.BROWSER)
    if player is Player.MPV and mpv is None:
        raise PlayerError("mpv is not installed (it is not on your PATH): install it, or use --with browser.")
    ytdl = _ytdl_path() if player is Player.MPV else None
    if player is Player.MPV and ytdl is None and with_ is None:
        render.notice("mpv plays YouTube links only through yt-dlp, which was not found: opening your browser instead.")
        player = Player.BROWSER
    if not _warn_and_confirm(rows, yes):
        render.notice("Nothing was played.")
        return
    try:
        if player is Player.MPV:
            _play_in_mpv(str(mpv), rows, title, ytdl)
        else:
            _open_in_browser(rows)
    finally:  # also when nothing could be played: it says how to fix that
        _hint_missing(rows)


def _ytdl_path() -> str | None:
    """The yt-dlp that comes with cryplaylist (beside this Python), else the one on PATH."""
    import shutil
    from pathlib import Path

    beside = Path(sys.executable).with_name("yt-dlp")
    return str(beside) if beside.is_file() else shutil.which("yt-dlp")


def _hint_missing(rows: Sequence[Mapping[str, Any]]) -> None:
    """One line on the videos that have no YouTube video yet, and the command that finds them."""
    from cryplaylist import linking

    hint = linking.missing_hint(len(linking.without_link(rows)))
    if hint:
        render.notice(hint, style="yellow")


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def _warn_and_confirm(rows: list[dict[str, Any]], yes: bool) -> bool:
    """Print the content warnings first; in a terminal, ask before playing a list that has some."""
    from cryplaylist.formats.common import display_name, warning_labels

    warned = [row for row in rows if row["warnings"]]
    if not warned:
        return True
    render.notice(
        f"⚠ Content warnings in what you are about to play ({len(warned)} of {len(rows)} videos):", style="red"
    )
    for row in warned:
        render.notice(f"  {row['rank']}. {display_name(row)}: {warning_labels(row)}", style="red")
    if yes or not _interactive():
        return True
    return typer.confirm("Play them?", default=False, err=True)


def _play_in_mpv(mpv: str, rows: list[dict[str, Any]], title: str, ytdl: str | None) -> None:
    import os
    import subprocess
    import tempfile

    text = formats.get("m3u").render(rows, formats.ExportInfo(title=title, created=now_iso()))
    fd, path = tempfile.mkstemp(prefix="cryplaylist-", suffix=".m3u")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
        render.notice(f"Playing {render.videos(len(rows))} in mpv.")
        hook = [f"--script-opts=ytdl_hook-ytdl_path={ytdl}"] if ytdl else []
        try:
            result = subprocess.run([mpv, *hook, f"--playlist={path}"], check=False)
        except OSError as exc:
            raise PlayerError(f"cannot start mpv: {exc.strerror or exc}.") from None
        if result.returncode != 0:
            raise PlayerError(
                f"mpv stopped with exit code {result.returncode}: not everything played. "
                "Try 'cryplaylist play --with browser'."
            )
    finally:
        os.unlink(path)


def _open_in_browser(rows: list[dict[str, Any]]) -> None:
    import webbrowser

    from cryplaylist.formats.common import (
        display_name,
        safe_link,
        warning_labels,
        watch_videos_link,
        youtube_chunks,
        youtube_id,
    )

    links = [watch_videos_link(chunk) for chunk in youtube_chunks(rows)]
    for link in links:
        typer.echo(link)
        if not webbrowser.open(link):
            raise PlayerError("no web browser could be opened: open the link above yourself.")
    others = [row for row in rows if not youtube_id(row)]
    if others:
        render.notice("No YouTube video ID is known for these, so they are not in that playlist; open them yourself:")
        for row in others:
            warned = f"⚠ {warning_labels(row)} · " if row["warnings"] else ""
            typer.echo(render.safe(f"{row['rank']}. {warned}{display_name(row)} {safe_link(row)}"))
    if not links:
        raise PlayerError("nothing was opened: none of these videos has a YouTube video ID yet (see the links above).")
    noun = "link" if len(links) == 1 else "links"
    render.notice(f"Opened the YouTube playlist {noun} in your browser.")


@app.command("import")
def import_(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE_OR_URL",
            help="The file to import (- for standard input), or a YouTube playlist link (https://www.youtube.com/playlist?list=...).",
        ),
    ],
    format_: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=f"One of: {', '.join(formats.import_names())}, text (default: from the content, else the extension).",
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would happen; change nothing.")] = False,
    into: Annotated[
        str | None,
        typer.Option(
            "--into",
            help="Also put the imported videos in this playlist (made if needed; default for a YouTube or a "
            "Google Takeout playlist: its name).",
        ),
    ] = None,
    playlist: Annotated[
        bool, typer.Option("--playlist", help="For a watch?v=...&list=... link: import the whole playlist.")
    ] = False,
    add_top: Annotated[
        int,
        typer.Option(
            "--add-top", min=0, max=500, help="Watch history: also add the N most watched videos not in the library."
        ),
    ] = 0,
    offline: Annotated[
        bool, typer.Option("--offline", help="Never go online for the titles of videos that came with an ID only.")
    ] = False,
    json_: JsonOpt = False,
) -> None:
    """Import videos from a friend's list, a playlist another program saved, a spreadsheet, Google Takeout
    or a YouTube playlist.

    Reads cryplaylist's JSON and CSV, other CSV tables, M3U, XSPF, PLS, text with links, Google
    Takeout's YouTube playlists and watch history (which goes into the diary), and YouTube playlist links.

    Example: cryplaylist import friends-top-10.json --dry-run
    """
    from cryplaylist import importing  # start-up: the import code only when it runs
    from cryplaylist.formats import sniffing

    if source.startswith(("https://", "http://")):
        _import_youtube_playlist(ctx, source, playlist=playlist, dry_run=dry_run, into=into, json_=json_)
        return
    file = Path(source)

    data = importing.read_file(file)
    if format_ in (None, "json") and sniffing.looks_like_everything(data):
        _import_everything(ctx, file, data, dry_run=dry_run, into=into, json_=json_)
        return
    fmt = sniffing.choose(file, data, format_)
    if fmt.name == "takeout":
        from cryplaylist.formats import takeout

        if takeout.looks_like_history(data):
            _import_history(ctx, file, takeout.read_history(data), dry_run=dry_run, add_top=add_top, json_=json_)
            return
        found = takeout.read_playlist(data, file.name)
        entries, into = found.entries, into or found.name
    else:
        entries = list(fmt.read(data))
    _import(ctx, entries, f"{_source(file)} ({fmt.name})", dry_run=dry_run, into=into, json_=json_, offline=offline)


def _import_youtube_playlist(
    ctx: typer.Context, url: str, *, playlist: bool, dry_run: bool, into: str | None, json_: bool
) -> None:
    """Read a YouTube playlist flat (yt-dlp) and import it like a file: same merge, report and --dry-run."""
    from cryplaylist import linking, youtube

    if youtube.playlist_id(url, with_video=True) is None:
        raise UsageError("import reads files and YouTube playlist links; for one video use 'cryplaylist add URL'.")
    if youtube.playlist_id(url) is None and not playlist:
        raise UsageError(
            "that link is a video inside a playlist: add --playlist to import the whole playlist, "
            "or use 'cryplaylist add' for the one video."
        )
    found = youtube.playlist(url)
    entries = linking.playlist_entries(found)
    title = f"the YouTube playlist {found.title!r}"
    _import(ctx, entries, title, dry_run=dry_run, into=into or found.title, json_=json_, offline=True)


def _import(
    ctx: typer.Context,
    entries: list[Any],
    source: str,
    *,
    dry_run: bool,
    into: str | None,
    json_: bool,
    offline: bool,
) -> None:
    from collections import Counter

    from cryplaylist import importing

    lib = library(ctx, create=not dry_run)
    _say_if_new(lib, dry_run)
    lookups = None if offline else _look_up_missing(lambda: importing.planned_tables(lib), entries)
    plan = importing.import_entries(lib, entries, dry_run=dry_run, into=into)
    if json_:
        render.print_json([o.as_dict() for o in plan.outcomes])
    else:
        _print_report(plan.outcomes)
    counts = Counter(map(attrgetter("action"), plan.outcomes))
    summary = (
        f"{counts[importing.ADDED]} added, {counts[importing.MERGED]} merged, "
        f"{counts[importing.SKIPPED]} skipped from {source}."
    )
    if lookups is not None and lookups.tried:
        _lookup_notice(lookups)
    if dry_run:
        render.notice("Dry run: " + summary + " Nothing was written.", style="yellow")
    else:
        extra = f" They are in the playlist {into!r}." if into else ""
        render.notice(summary + extra, style="green")
    links = "".join([record.get("url") or "" for record in plan.new])
    if "xn--" not in links.lower() and links.isprintable():  # host_note's own first test, for every link at once
        return
    added = [o for o in plan.outcomes if o.action == importing.ADDED]  # one per new video, in the same order
    for outcome, record in zip(added, plan.new, strict=False):  # a look-alike host is said for each video with one
        note = host_note(record.get("url") or "")
        if note:
            render.notice(f"Note: {outcome.video}: {note}", style="yellow")


def _source(file: Path) -> str:
    return "standard input" if str(file) == "-" else str(file)


def _import_everything(
    ctx: typer.Context, file: Path, data: bytes, *, dry_run: bool, into: str | None, json_: bool
) -> None:
    import orjson

    from cryplaylist import config, everything, importing
    from cryplaylist.errors import InvalidImport

    if into is not None:
        raise UsageError(f"{file} is an everything file: its playlists come with it, so --into does not apply.")
    try:
        decoded = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise InvalidImport(f"{file} is not valid JSON ({exc}). Nothing was imported.") from None
    lib = library(ctx, create=not dry_run, starter=False)  # a new library is empty: the file becomes it exactly
    done = everything.import_file(lib, decoded, config.load(state(ctx).path), dry_run=dry_run)
    outcomes = done.merged.videos.outcomes if done.merged is not None else []
    skipped = [importing.Outcome(where, importing.SKIPPED, reason=reason) for where, reason in done.found.skipped]
    if json_:
        render.print_json([o.as_dict() for o in [*outcomes, *skipped]])
    else:
        _print_report([*outcomes, *skipped])
    render.notice(
        _everything_summary(file, done) + (" Dry run: nothing was written." if dry_run else ""), style="green"
    )


def _everything_summary(file: Path, done: Any) -> str:
    found = done.found
    if done.exact:
        return (
            f"{file}: the library was empty, so it is now the one exported: {render.videos(len(found.videos))}, "
            f"{render.counted(len(found.watches), 'watch', 'watches')}, "
            f"{render.counted(len(found.playlists), 'playlist')} and the settings."
        )
    merged = done.merged
    plan = merged.videos
    return (
        f"{file}: {render.videos(plan.count('added'))} added, {plan.count('merged')} merged, "
        f"{plan.count('skipped')} skipped; {render.counted(merged.watches_added, 'watch', 'watches')} added "
        f"({merged.watches_known} already in your diary); "
        f"{render.counted(merged.playlists_made, 'playlist')} made, {merged.playlists_grown} grown."
    )


def _say_if_new(lib: Any, dry_run: bool) -> None:
    if dry_run and not lib.exists():
        render.notice("The library does not exist yet: the real run creates it with the starter pack first.")


def _look_up_missing(tables: Callable[[], Any], entries: list[Any]) -> Any:
    """Titles for the videos that came with an ID only, with a progress bar on stderr when there are many."""
    from cryplaylist import importing

    lookups, _count = importing.look_up_missing(tables, entries)
    return lookups


def _lookup_notice(lookups: Any) -> None:
    render.notice(f"Looked up the titles of {lookups.tried} videos that came with an ID only: {lookups.found} found.")
    if lookups.failed:
        where, reason = lookups.failed[0]
        render.notice(
            f"{len(lookups.failed)} kept a stand-in title ('YouTube video ID'; first: {where}, {reason}); "
            "'cryplaylist refresh' fills them in later.",
            style="yellow",
        )


def _import_history(ctx: typer.Context, file: Path, history: Any, *, dry_run: bool, add_top: int, json_: bool) -> None:
    """A Takeout watch history into the diary: one line per video, then what was skipped and the most watched."""
    from cryplaylist import catalog, watch_history
    from cryplaylist import library as store
    from cryplaylist.importing import planned_tables
    from cryplaylist.links import youtube_url

    lib = library(ctx, create=not dry_run)
    _say_if_new(lib, dry_run)
    done = watch_history.apply(lib, history, add_top=add_top, dry_run=dry_run)
    tables = planned_tables(lib)
    added = {int(v["id"]): v for v in done.added}
    rows = []
    for target, count in sorted(done.per_video.items(), key=lambda kv: (-kv[1], kv[0])):
        record: Any = store.video(tables, target) or added.get(target) or {}
        rows.append({"video": target, "name": catalog.describe(record), "watches": count})
    top = [
        {"video_id": w.video_id, "title": w.title, "channel": w.channel, "watches": n, "link": youtube_url(w.video_id)}
        for w, n in done.top
    ]
    if json_:
        render.print_json(
            {
                "diary_entries_added": len(done.watches),
                "already_in_diary": done.already,
                "not_in_library": done.outside,
                "skipped": dict(done.skipped),
                "videos_added": [catalog.describe(v) for v in done.added],
                "videos": rows,
                "most_watched_not_in_library": top,
            }
        )
    else:
        _print_history_report(file, done, rows, top)
    what = f"{len(done.watches)} diary entries added ('not recorded': they count as watches, not as dry ones)"
    summary = f"{what}, {done.already} already in the diary, from {file} (takeout watch history)."
    if dry_run:
        render.notice("Dry run: " + summary.replace("added", "to add", 1) + " Nothing was written.", style="yellow")
    else:
        render.notice(summary, style="green")


def _print_history_report(file: Path, done: Any, rows: list[dict[str, Any]], top: list[dict[str, Any]]) -> None:
    from cryplaylist import catalog

    lines: list[str] = []
    for video in done.added:
        lines.append(f"added to the library: {catalog.describe(video)} (one of the most watched)")
    for row in rows:
        times = "once" if row["watches"] == 1 else f"{row['watches']} times"
        lines.append(f"diary: watched {times}: {row['name']}")
    if done.skipped:
        parts = ", ".join(_counted(n, reason) for reason, n in sorted(done.skipped.items()))
        lines.append(f"skipped: {parts}")
    if top:
        lines.append(f"Most watched, not in your library ({_counted(done.outside, 'watch')} in all):")
        for item in top:
            name = _song(item["title"], item["channel"]) or item["video_id"]
            lines.append(f"  {item['watches']}× {name} {item['link']}")
        lines.append(f"Add them with: cryplaylist import {_quoted(str(file))} --add-top {len(top)}")
    sys.stdout.write("".join(render.safe(line) + "\n" for line in lines))
    sys.stdout.flush()


_SKIPPED_NAMES = {
    "ads": ("ad", "ads"),
    "removed videos": ("removed video", "removed videos"),
    "not videos": ("entry that is not a video", "entries that are not videos"),
    "unreadable entries": ("unreadable entry", "unreadable entries"),
    "watch": ("watch", "watches"),
}


def _counted(count: int, what: str) -> str:
    one, many = _SKIPPED_NAMES.get(what, (what, what))
    return f"{count} {one if count == 1 else many}"


def _song(title: str, channel: str) -> str:
    """``Artist – Song`` as far as a YouTube title and channel tell."""
    from cryplaylist.titles import parse_title

    if not title:
        return ""
    parsed = parse_title(title, channel)
    return f"{parsed.artist} – {parsed.title}" if parsed.artist and parsed.title else title


def _quoted(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _print_report(outcomes: list[Any]) -> None:
    lines = [f"{o.where}: {o.action} {o.video}" if o.video and not o.reason else _report_line(o) for o in outcomes]
    if not "".join(lines).isprintable():  # (one test for the whole report: most lines need no cleaning)
        lines = [render.safe(line) for line in lines]
    lines.append("")
    sys.stdout.write("\n".join(lines))
    sys.stdout.flush()


def _report_line(o: Any) -> str:
    video = f" {o.video}" if o.video else ""
    reason = f" ({o.reason})" if o.reason and o.action != "skipped" else f": {o.reason}" if o.reason else ""
    return f"{o.where}: {o.action}{video}{reason}"
