"""Commands that go online: ``refresh`` (fill in details), ``check`` (link health), ``find`` and ``link`` (YouTube).

httpx, yt-dlp, asyncio and rich.progress are imported inside the functions that
use them, so the command line starts without them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cryplaylist import catalog, render
from cryplaylist import library as store
from cryplaylist.cli import output, prompts
from cryplaylist.cli.common import library, load, make_filters, select
from cryplaylist.errors import DuplicateVideo, InvalidLink, LookupFailed, UsageError
from cryplaylist.library import Library
from cryplaylist.links import Link, parse_link
from cryplaylist.models import VideoRecord

app = typer.Typer(rich_markup_mode=None)

if TYPE_CHECKING:
    from cryplaylist.health import Settings, Target
    from cryplaylist.metadata import Metadata
    from cryplaylist.models import HealthRecord


# -- refresh ------------------------------------------------------------------------------------

RefsArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[REF...]", help="Videos (ids, links or parts of titles); default: every video with a link."
    ),
]


@app.command()
def refresh(
    ctx: typer.Context,
    refs: RefsArg = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace titles and artists you typed with the ones found online.")
    ] = False,
    details: Annotated[
        bool,
        typer.Option(
            "--details",
            help="Read YouTube video pages (yt-dlp): fill durations, and titles still 'YouTube video ID'.",
        ),
    ] = False,
) -> None:
    """Fill in missing artists, original titles and thumbnails from the web.

    Example: cryplaylist refresh 6 7 --overwrite
    """
    from cryplaylist import metadata

    if details:
        _refresh_details(ctx, refs)
        return

    chosen = [v for v in _chosen(ctx, refs) if overwrite or metadata.needs_details(v)]
    found: dict[int, tuple[VideoRecord, Metadata]] = {}
    failed: list[str] = []
    with metadata.http_client() as client:
        for video, link in _linked(chosen):
            try:
                found[video["id"]] = (video, metadata.lookup(client, link))
            except LookupFailed as exc:
                failed.append(f"{catalog.describe(video)}: {exc}")
                if exc.retry_later:
                    failed.append("stopped there: the lookup service is not answering; try again later")
                    break
    changed, moved = _store_details(library(ctx), found, overwrite)
    _say_dropped(moved)
    for video, fields in changed:
        render.notice(f"Refreshed {catalog.describe(video)}: {', '.join(fields)}.", style="green")
    for line in failed:
        render.notice(f"Not refreshed: {line}.", style="yellow")
    if not changed and not failed:
        render.notice("Nothing to refresh: every chosen video already has its details.")


def _store_details(
    lib: Library, found: Mapping[int, tuple[VideoRecord, Metadata]], overwrite: bool
) -> tuple[list[tuple[VideoRecord, list[str]]], list[VideoRecord]]:
    """Apply looked-up details in one write, to the records as they are now.

    What the network said is about the link it was asked for: a video whose link changed
    while the lookup ran gets nothing (it is returned apart), and a field the user changed
    meanwhile is never replaced.
    """
    changed: list[tuple[VideoRecord, list[str]]] = []
    moved: list[VideoRecord] = []
    if not found:
        return changed, moved
    with lib.transaction() as txn:
        for number, (asked, details) in found.items():
            video = store.video(txn.tables, number)
            if video is None:  # removed meanwhile
                continue
            if video.get("url") != asked.get("url"):
                moved.append(video)
                continue
            updated, fields = _merge(video, details, overwrite, asked)
            if fields:
                txn.put_video(updated)
                changed.append((updated, fields))
    return changed, moved


def _say_dropped(moved: Sequence[VideoRecord]) -> None:
    for video in moved:
        render.notice(
            f"Not stored for {catalog.describe(video)}: its link changed while it was being looked up.",
            style="yellow",
        )


def _merge(
    video: VideoRecord, details: Metadata, overwrite: bool, asked: Mapping[str, object]
) -> tuple[VideoRecord, list[str]]:
    """Fill what ``metadata.detail_changes`` allows; the new record and the changed fields.

    Only fields that are still as they were when the lookup was asked (``asked``) are touched.
    """
    from cryplaylist import metadata

    updated: VideoRecord = {**video}
    fields = []
    for key, value in metadata.detail_changes(video, details, overwrite=overwrite).items():
        if video.get(key) != asked.get(key):
            continue  # changed by someone while the lookup ran: theirs wins
        updated[key] = value  # type: ignore[literal-required]
        fields.append(key.replace("_", " "))
    return updated, fields


def _chosen(ctx: typer.Context, refs: Sequence[str] | None) -> list[VideoRecord]:
    """The videos named, or every video the user's warning settings show (saying how many they hide)."""
    tables = load(ctx)
    if not refs:
        return select(make_filters(ctx), store.videos_by_id(tables))

    def resolved(given: list[str]) -> list[VideoRecord]:
        picked = {video["id"]: video for video in (catalog.resolve(tables, ref) for ref in given)}
        return list(picked.values())

    return prompts.choosing(ctx, refs, resolved)


def _linked(videos: Sequence[VideoRecord]) -> Iterator[tuple[VideoRecord, Link]]:
    """The videos that have a link (parsed), after a note on those that have none."""
    without = [f"#{v['id']}" for v in videos if not v.get("url")]
    if without:
        what = (
            "1 video with no link of its own"
            if len(without) == 1
            else f"{len(without)} videos with no link of their own"
        )
        render.notice(f"Skipped {what} (a YouTube search stands in): {', '.join(without)}.")
    for video in videos:
        if video.get("url"):
            try:
                yield video, parse_link(str(video["url"]))
            except InvalidLink:
                render.notice(f"Skipped {catalog.describe(video)}: its stored link is not valid.", style="yellow")


# -- check ---------------------------------------------------------------------------------------


@app.command()
def check(
    ctx: typer.Context,
    refs: RefsArg = None,
    concurrency: Annotated[
        int, typer.Option("--concurrency", "-c", min=1, max=64, help="How many links to check at once.")
    ] = 8,
    json_: Annotated[bool, typer.Option("--json", help="Also print the checked videos as plain JSON.")] = False,
) -> None:
    """Check which videos still play, and remember the answer.

    Example: cryplaylist check --concurrency 16
    """
    import asyncio

    from cryplaylist import health, metadata

    linked = list(_linked(_chosen(ctx, refs)))
    targets = [health.Target(video["id"], link) for video, link in linked]
    if not targets:
        render.notice("No links to check.")
        return
    settings = health.Settings(concurrency=concurrency, seconds=metadata.deadline())
    results = asyncio.run(_check_with_progress(targets, settings))
    stored, moved = _store_health(library(ctx), results, {video["id"]: video.get("url") for video, _ in linked})
    _say_dropped(moved)
    _summarise(stored, results)
    if json_:
        render.print_json([render.video_row(v) for v in stored])


async def _check_with_progress(targets: Sequence[Target], settings: Settings) -> dict[int, HealthRecord]:
    import httpx
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from cryplaylist import health, metadata

    console = render.err_console()
    limits = httpx.Limits(max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency)
    columns = (TextColumn("Checking links"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("check", total=len(targets))

        def advance(_target: Target, _record: HealthRecord) -> None:
            progress.advance(task)

        async with httpx.AsyncClient(
            limits=limits, timeout=settings.seconds, max_redirects=metadata.MAX_REDIRECTS
        ) as client:
            return await health.check_all(client, targets, settings, advance)


def _store_health(
    lib: Library, results: Mapping[int, HealthRecord], asked: Mapping[int, object]
) -> tuple[list[VideoRecord], list[VideoRecord]]:
    """Store every result in one write; the checked videos as stored, in id order.

    A result is about the link that was checked: a video whose link changed meanwhile
    keeps no result (it is returned apart).
    """
    stored: list[VideoRecord] = []
    moved: list[VideoRecord] = []
    with lib.transaction() as txn:
        for number in sorted(results):
            video = store.video(txn.tables, number)
            if video is None:  # removed meanwhile
                continue
            if video.get("url") != asked.get(number):
                moved.append(video)
                continue
            stored.append({**video, "health": results[number]})
            txn.put_video(stored[-1])
    return stored, moved


def _summarise(videos: Sequence[VideoRecord], results: Mapping[int, HealthRecord]) -> None:
    from cryplaylist.health import EMBEDDING_DISABLED, GONE, OK, UNREACHABLE

    by_status: dict[str, list[VideoRecord]] = {}
    for video in videos:
        by_status.setdefault(results[video["id"]]["status"], []).append(video)
    counts = {status: len(by_status.get(status, [])) for status in (OK, EMBEDDING_DISABLED, GONE, UNREACHABLE)}
    parts = [f"{counts[OK]} play"]
    if counts[EMBEDDING_DISABLED]:
        parts.append(f"{counts[EMBEDDING_DISABLED]} play only on the site")
    parts.append(f"{counts[GONE]} {'is' if counts[GONE] == 1 else 'are'} gone")
    if counts[UNREACHABLE]:
        parts.append(f"{counts[UNREACHABLE]} could not be checked")
    render.notice(f"Checked {len(videos)} link{'' if len(videos) == 1 else 's'}: {', '.join(parts)}.", style="bold")
    labels = ((GONE, "Gone", "red"), (EMBEDDING_DISABLED, "Plays only on the site", "yellow"))
    for status, label, style in (*labels, (UNREACHABLE, "Could not check", "yellow")):
        for video in by_status.get(status, []):
            detail = results[video["id"]].get("detail")
            render.notice(f"{label}: {catalog.describe(video)}" + (f" ({detail})" if detail else ""), style=style)


# -- YouTube: find, link ------------------------------------------------------------------------

LimitOpt = Annotated[int, typer.Option("--limit", "-n", min=1, max=50, help="How many YouTube results to read.")]


@app.command()
def find(
    ctx: typer.Context,
    query: Annotated[list[str], typer.Argument(metavar="QUERY...", help="What to look for, e.g. the artist and song.")],
    limit: LimitOpt = 10,
    json_: Annotated[bool, typer.Option("--json", help="Print plain JSON instead of a table.")] = False,
    long: output.LongOpt = False,
    no_pager: output.NoPagerOpt = False,
) -> None:
    """Search YouTube and show the videos found, the likeliest official video first.

    Example: cryplaylist find "TXT Nap of a Star"
    """
    from cryplaylist import youtube

    text = " ".join(query)
    found = youtube.rank(youtube.search(text, limit), "", text)
    if json_:
        render.print_json([c.as_dict() for c in found])
        return
    if not found:
        render.notice(f"YouTube found no videos for {text!r}.")
        return
    output.candidates([c.as_dict() for c in found], long=long, pager=output.pager_wanted(ctx, no_pager))


@app.command()
def link(
    ctx: typer.Context,
    ref: Annotated[
        str | None, typer.Argument(metavar="[REF]", help="The video (id, link or part of its title).")
    ] = None,
    missing: Annotated[
        bool, typer.Option("--missing", help="Every video that has no link yet, one after another.")
    ] = False,
    first: Annotated[
        bool, typer.Option("--first", help="Take the likeliest video without asking (and say which).")
    ] = False,
    limit: LimitOpt = 10,
) -> None:
    """Find a video's YouTube video and give it the link (only the link and empty fields change).

    Example: cryplaylist link --missing --first
    """
    from cryplaylist import linking

    if (ref is None) == (not missing):
        raise UsageError("give one video (REF) or --missing, not both and not neither.")
    if not first and not _interactive():
        raise UsageError("choosing needs a terminal; add --first to take the likeliest video without asking.")
    lib = library(ctx)
    tables = lib.load()
    if missing:
        videos = linking.without_link(store.videos_by_id(tables))
    else:
        videos = [prompts.choosing(ctx, [ref or ""], lambda given: catalog.resolve(tables, given[0]))]
    if not videos:
        render.notice("Every video has a link already: nothing to find.")
        return
    linked = 0
    for video in videos:
        linked += _link_one(lib, video, first=first, limit=limit, walking=missing)
    if missing:
        render.notice(f"Linked {linked} of {len(videos)} video{'' if len(videos) == 1 else 's'} without a link.")


def _link_one(lib: Library, video: VideoRecord, *, first: bool, limit: int, walking: bool) -> int:
    """Search, rank, choose and store one video's link; 1 if it was linked."""
    from cryplaylist import linking, youtube

    terms = linking.search_terms(video)
    found = youtube.search(terms, limit)  # a failed search is YouTube's trouble, not this video's: stop
    ranked = youtube.rank(found, str(video.get("artist") or ""), str(video["title"]), duration=video.get("duration"))
    if not ranked:
        render.notice(f"Not linked: YouTube found nothing for {catalog.describe(video)} ({terms!r}).", style="yellow")
        return 0
    choice = ranked[0] if first else _choose(video, ranked)
    if choice is None:
        render.notice(f"Skipped {catalog.describe(video)}.")
        return 0
    try:
        stored, fields = linking.give_link(lib, int(video["id"]), video.get("url") or None, choice)
    except (DuplicateVideo, linking.LinkChanged) as exc:
        if not walking:
            raise
        render.notice(f"Not linked: {exc}", style="yellow")  # the others can still be linked
        return 0
    took = "Took the likeliest" if first else "Chose"
    render.notice(
        f"{took} for {catalog.describe(stored)}: {_candidate_line(choice)} {choice.url}"
        f" (changed: {', '.join(fields)}).",
        style="green",
    )
    return 1


def _candidate_line(candidate: Any) -> str:
    from cryplaylist.durations import clock

    parts = [repr(candidate.upload_title), f"by {candidate.channel}" if candidate.channel else ""]
    if candidate.duration:
        parts.append(f"({clock(candidate.duration)})")
    return " ".join(p for p in parts if p)


def _interactive() -> bool:
    import sys

    return sys.stdin.isatty() and sys.stderr.isatty()


def _choose(video: VideoRecord, ranked: Sequence[Any]) -> Any:
    """Show the candidates on stderr and ask which one; None to skip. Asks again after a wrong answer."""
    from cryplaylist import views

    render.err_console().print(views.candidates_table([c.as_dict() for c in ranked], title=catalog.describe(video)))
    while True:
        answer = (
            typer.prompt(
                f"Which one for {render.safe(catalog.describe(video))}? (1-{len(ranked)}, s to skip)",
                default="1",
                err=True,
            )
            .strip()
            .casefold()
        )
        if answer in ("s", "skip"):
            return None
        if answer.isdecimal() and 1 <= int(answer) <= len(ranked):
            return ranked[int(answer) - 1]
        render.notice(f"Answer a number from 1 to {len(ranked)}, or s to skip.", style="yellow")


def _refresh_details(ctx: typer.Context, refs: Sequence[str] | None) -> None:
    """Read each chosen YouTube video's page; fill durations and placeholder titles, never what was typed."""
    from cryplaylist import linking, youtube
    from cryplaylist.errors import YouTubeError

    chosen = _chosen(ctx, refs)
    on_youtube = linking.youtube_ids(chosen)
    wanted = [(v, i) for v, i in on_youtube if not v.get("duration") or _placeholder(v)]
    found: dict[int, youtube.Candidate] = {}
    failed: list[str] = []
    for video, video_id in wanted:
        try:
            found[int(video["id"])] = youtube.details(video_id)
        except YouTubeError as exc:
            failed.append(f"{catalog.describe(video)}: {exc}")
            if exc.retry_later:
                failed.append("stopped there: YouTube is not answering; try again later")
                break
    changed = linking.store_details(library(ctx), found)
    for video, fields in changed:
        render.notice(f"Refreshed {catalog.describe(video)}: {', '.join(fields)}.", style="green")
    for line in failed:
        render.notice(f"Not refreshed: {line}.", style="yellow")
    linkless = len(linking.without_link(chosen))
    elsewhere = len(chosen) - len(on_youtube) - linkless
    if elsewhere:
        verb = "is" if elsewhere == 1 else "are"
        render.notice(f"{render.videos(elsewhere)} {verb} not on YouTube: --details reads YouTube's pages only.")
    hint = linking.missing_hint(linkless)
    if hint:
        render.notice(hint)
    if not changed and not failed and on_youtube:
        render.notice("Nothing to refresh: every chosen YouTube video already has its duration and title.")
    elif not on_youtube:
        render.notice("Nothing to refresh: no chosen video is on YouTube.")


def _placeholder(video: Mapping[str, Any]) -> bool:
    from cryplaylist import linking

    return linking.is_placeholder_title(str(video.get("title") or ""))


# -- add URL of a song a video without a link already is ----------------------------------------


def offer_link(lib: Library, record: VideoRecord, video: VideoRecord, typed: catalog.VideoInput | None = None) -> bool:
    """Offer to give ``video``, the same song without a link, this link instead of adding a duplicate.

    In a terminal the user is asked (True when the link was given), and what else they typed
    (rating, emotions, warnings, tags, note, year, original title) goes to that video in the
    same write; elsewhere nothing is added and the message says how to give the link or add a
    new video anyway.
    """
    from cryplaylist import linking, youtube

    url = str(record["url"])
    also = _also(typed)
    if not _interactive():
        more = " with the other options you gave" if also is not None else ""
        raise DuplicateVideo(
            f"{catalog.describe(video)} is the same song and has no link yet; nothing was added. "
            f"'cryplaylist edit {video['id']} --url {url}'{more} gives it this link; --new adds a new video anyway.",
            int(video["id"]),
        )
    question = f"{render.safe(catalog.describe(video))} is the same song and has no link yet. Give it this link?"
    if not typer.confirm(question, default=True, err=True):
        return False
    found = youtube.Candidate(
        video_id=str(record["video_id"]),
        url=url,
        upload_title=record["title"],
        artist=record["artist"],
        title=record["title"],
        original_title=record["original_title"],
        kind="other",
    )
    stored, fields = linking.give_link(lib, int(video["id"]), None, found, also)
    render.notice(f"Gave {catalog.describe(stored)} the link {url} (changed: {', '.join(fields)}).", style="green")
    return True


def _also(typed: catalog.VideoInput | None) -> catalog.VideoChanges | None:
    """What the user typed beside a link, as an edit of the video that gets it (the title and artist matched)."""
    if typed is None:
        return None
    extra = dataclasses.replace(typed, url=None, title=None, artist=None, thumbnail=None)
    return None if extra == catalog.VideoInput() else catalog.VideoChanges(set=extra)
