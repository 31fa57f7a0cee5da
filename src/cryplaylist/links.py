"""Link parsing: pure functions, no network.

``parse_link`` turns whatever a person pastes (a phone share link, an embed, a
playlist link that names a video, a consent-page or mirror link, a bare YouTube
ID) into one canonical link. A link that hides where it goes is refused (user
info before the host) or shown as it really is (an international host in its
ASCII ``xn--`` form), so that nothing passes for YouTube that is not YouTube.
``thumbnail_url`` gives a video's image, only ever from its platform's own
image host.
"""

from __future__ import annotations

import functools
import re
from typing import Final, NamedTuple
from urllib.parse import parse_qs, quote_plus, unquote_plus, urlsplit, urlunsplit

from cryplaylist.errors import InvalidLink
from cryplaylist.patterns import LazyPattern

YOUTUBE: Final = "youtube"
VIMEO: Final = "vimeo"
WEB: Final = "web"

_YT_ID = LazyPattern(r"[A-Za-z0-9_-]{11}")
# Hosts as yt-dlp knows them: any single subdomain of youtube.com (www, m, music, gaming, ...),
# youtube-nocookie.com, youtubekids.com and youtube.googleapis.com. Anything longer is a look-alike.
_YT_HOST = LazyPattern(r"(?:[a-z0-9-]+\.)?youtube(?:-nocookie|kids)?\.com|youtube\.googleapis\.com")
_YT_SHORT_HOST = LazyPattern(r"(?:www\.)?youtu\.be")
# "videoseries" and "live_stream" are 11 characters long but name a playlist or a channel's stream;
# "preferences" is the settings page of the mirrors, where /ID is a video.
_NOT_IDS: Final = ("videoseries", "live_stream", "preferences")
_YT_PATH_ID = LazyPattern(
    r"/(?:shorts|embed|v|e|live|watch)/(?!videoseries|live_stream)([A-Za-z0-9_-]{11})(?:[/?#&;]|$)"
)
# Paths whose v= parameter (in the query, or in a #v= / #!v= fragment) names the video.
_YT_WATCH_PATH = LazyPattern(r"/?(?:(?:watch|movie)(?:_popup)?(?:\.php)?/?)?")
_YT_SHORT_PATH = LazyPattern(r"/([A-Za-z0-9_-]{11})(?:[/&;].*)?")
_PLAYLIST_HOST = LazyPattern(r"(?:(?:www|m|music)\.)?youtube\.com")
_PLAYLIST_ID = LazyPattern(r"[A-Za-z0-9_-]{2,64}")
_VIMEO_HOST = LazyPattern(r"(?:www\.)?vimeo\.com")
_VIMEO_PLAYER_HOST = "player.vimeo.com"
_VIMEO_PATH = LazyPattern(
    r"/(?:channels/[^/]+/|groups/[^/]+/videos/|(?:showcase|album)/\d+/video/|video/)?(\d+)(?:/([0-9a-f]{6,}))?/?"
)
_VIMEO_HASH = LazyPattern(r"[0-9a-f]{6,}")
_SCHEMELESS = LazyPattern(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?(?:[/?#]|$)", re.I)
# Front-ends that show YouTube's videos under YouTube's own video IDs; a link on one of them (or on its
# "www." form) is stored as the YouTube link. The hosts yt-dlp's YouTube extractor lists
# (YoutubeBaseInfoExtractor._INVIDIOUS_SITES and YoutubeIE._VALID_URL), with each of their optional
# prefixes written out, and the public instances in Invidious's own documentation (docs/instances.md).
YOUTUBE_MIRRORS: Final = frozenset(
    {
        # Invidious's redirect host, and its first instance
        "redirect.invidious.io",
        "invidio.us",
        "dev.invidio.us",
        # Invidious instances (invidious.io's list)
        "inv.nadeko.net",
        "yewtu.be",
        "invidious.nerdvpn.de",
        "inv.nadekonw7plitnjuawu6ytjsl7jlglk2t6pyq6eftptmiv3dvqndwvyd.onion",
        "nerdvpneaggggfdiurknszkbmhvjndks5z5k3g5yp4nhphflh3n3boad.onion",
        "nadekoohummkxncchcsylr3eku36ze4waq4kdrhcqupckc3pe5qq.b32.i2p",
        "invidious-nerdvpn.i2p",
        # Invidious instances (yt-dlp's list)
        "invidious.pussthecat.org",
        "invidious.zee.li",
        "invidious.ethibox.fr",
        "iv.ggtyler.dev",
        "inv.vern.i2p",
        "am74vkcrjp2d5v36lcdqgsj2m6x36tbrkhsruoegwfcizzabnfgf5zyd.onion",
        "inv.riverside.rocks",
        "invidious.silur.me",
        "inv.bp.projectsegfau.lt",
        "invidious.g4c3eya4clenolymqbpgwz3q3tawoxw56yhzk4vugqrl6dtu3ejvhjid.onion",
        "invidious.slipfox.xyz",
        "invidious.esmail5pdn24shtvieloeedh7ehz3nrwcdivnfhfcedl7gf4kwddhkqd.onion",
        "inv.vernccvbvyi5qhfzyqengccj7lkove6bjot2xhh5kajhwvidqafczrad.onion",
        "invidious.tiekoetter.com",
        "iv.odysfvr23q5wgt7i456o5t3trw2cw5dgn56vbjfbq2m7xsc5vqbqpcyd.onion",
        "invidious.weblibre.org",
        "inv.odyssey346.dev",
        "invidious.dhusch.de",
        "iv.melmac.space",
        "watch.thekitty.zone",
        "invidious.privacydev.net",
        "ng27owmagn5amdm7l5s3rsqxwscl5ynppnis5dqcasogkyxcfqn7psid.onion",
        "invidious.drivet.xyz",
        "vid.priv.au",
        "euxxcnhsynwmfidvhjf6uzptsmh4dipkmgdmcmxxuo7tunp3ad2jrwyd.onion",
        "inv.vern.cc",
        "invidious.esmailelbob.xyz",
        "invidious.sethforprivacy.com",
        "yt.oelrichsgarcia.de",
        "yt.artemislena.eu",
        "invidious.flokinet.to",
        "invidious.baczek.me",
        "y.com.sb",
        "invidious.epicsite.xyz",
        "invidious.lidarshield.cloud",
        "yt.funami.tech",
        "invidious.3o7z6yfxhbw7n3za4rss6l434kmv55cgw2vuziwuigpwegswvwzqipyd.onion",
        "osbivz6guyeahrwp2lnwyjk2xos342h4ocsxyqrlaopqjuhwn2djiiyd.onion",
        "u2cvlit75owumwpy4dj2hsmvkq7nvrclkpht7xgyye2pyoxhpmclkrad.onion",
        "invidiou.sh",
        "no.invidiou.sh",
        "invidious.snopyta.org",
        "fi.invidious.snopyta.org",
        "invidious.kabi.tk",
        "invidious.mastodon.host",
        "invidious.zapashcanon.fr",
        "invidious.kavin.rocks",
        "invidious-us.kavin.rocks",
        "invidious.tinfoil-hat.net",
        "invidious.himiko.cloud",
        "invidious.reallyancient.tech",
        "invidious.tube",
        "invidiou.site",
        "invidious.site",
        "invidious.xyz",
        "invidious.nixnet.xyz",
        "invidious.048596.xyz",
        "invidious.drycat.fr",
        "inv.skyn3t.in",
        "tube.poal.co",
        "tube.connect.cafe",
        "vid.wxzm.sx",
        "vid.mint.lgbt",
        "vid.puffyan.us",
        "yt.elukerio.org",
        "yt.lelux.fi",
        "invidious.ggc-project.de",
        "yt.maisputain.ovh",
        "ytprivate.com",
        "invidious.13ad.de",
        "invidious.toot.koeln",
        "invidious.fdn.fr",
        "watch.nettohikari.com",
        "invidious.namazso.eu",
        "invidious.silkky.cloud",
        "invidious.exonip.de",
        "invidious.riverside.rocks",
        "invidious.blamefran.net",
        "invidious.moomoo.de",
        "ytb.trom.tf",
        "yt.cyberhost.uk",
        "kgg2m7yk5aybusll.onion",
        "qklhadlycap4cnod.onion",
        "axqzx4s6s54s32yentfqojs3x5i7faxza6xo3ehd4bzzsg2ii4fv2iid.onion",
        "c7hqkpkpemu6e7emz5b4vyz7idjgdvgaaa3dyimmeojqbgpea3xqjoid.onion",
        "fz253lmuao3strwbfbmx46yu7acac2jz27iwtorgmbqlkurlclmancad.onion",
        "invidious.l4qlywnpwqsluw65ts7md3khrivpirse744un3x7mlskqauz5pyuzgqd.onion",
        "owxfohz4kjyv25fvlqilyxast7inivgiktls3th44jhk3ej3i7ya.b32.i2p",
        "4l2dgddgsrkf2ous66i6seeyi6etzfgrue332grh2n7madpwopotugyd.onion",
        "w6ijuptxiku4xpnnaetxvnkc5vqcdu7mgns2u77qefoixi63vbvnpnqd.onion",
        "kbjggqkzv65ivcqj6bumvp337z6264huv5kpkwuv6gu5yjiskvan7fad.onion",
        "grwp24hodrefzvjjuccrkw3mjq4tzhaaq32amf33dzpmuxe7ilepcmad.onion",
        "hpniueoejy4opn7bc4ftgazyqjoeqwlvh2uiku2xqku6zpoa4bf5ruid.onion",
        # Piped instances
        "piped.video",
        "cf.piped.video",
        "piped.kavin.rocks",
        "piped-libre.kavin.rocks",
        "piped.tokhmi.xyz",
        "piped.syncpundit.io",
        "piped.mha.fi",
        "watch.whatever.social",
        "piped.garudalinux.org",
        "piped.rivo.lol",
        "yt.jae.fi",
        "piped.mint.lgbt",
        "il.ax",
        "piped.esmailelbob.xyz",
        "piped.projectsegfau.lt",
        "piped.privacydev.net",
        "piped.palveluntarjoaja.eu",
        "piped.smnz.de",
        "piped.adminforge.de",
        "watch.whatevertinfoil.de",
        "piped.qdi.fi",
        "piped.aeong.one",
        "piped.moomoo.me",
        "piped.chauvet.pro",
        "watch.leptons.xyz",
        "pd.vern.cc",
        "piped.hostux.net",
        "piped.lunar.icu",
        # Hyperpipe instances (YouTube Music)
        "hyperpipe.surge.sh",
        "hyperpipe.esmailelbob.xyz",
        "listen.whatever.social",
        "music.adminforge.de",
        # older mirrors
        "hooktube.com",
        "pwnyoutube.com",
        "yourepeat.com",
        "tube.majestyc.net",
        "vid.plus",
    }
)
# YouTube's cookie-consent page, which people in Europe copy from the address bar: the video is in ?continue=.
CONSENT_HOSTS: Final = frozenset({"consent.youtube.com", "consent.google.com"})
_CONSENT_PATHS: Final = frozenset({"/m", "/ml"})
#: The only hosts a thumbnail is ever loaded from: the platforms' own image servers.
THUMBNAIL_HOSTS: Final = ("i.ytimg.com", "img.youtube.com", "i.vimeocdn.com")
_DURATION = LazyPattern(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?")
_UNSAFE = LazyPattern(r"[\x00-\x20\x7f-\x9f]")
_AMP = LazyPattern(r"&amp;", re.I)


class Link(NamedTuple):
    """A parsed link: platform, its video ID (or None) and the canonical URL.

    Immutable; a NamedTuple rather than a frozen dataclass because it is made once
    per record on import (a third of the cost) and its class is made at start-up.
    """

    platform: str
    video_id: str | None
    url: str
    start: int | None = None

    @property
    def key(self) -> tuple[str, str]:
        """What makes two links the same video, whatever form they were pasted in."""
        return (self.platform, self.video_id) if self.video_id else (WEB, self.url)


#: The form every stored and exported YouTube link has (the video id in group 1): nothing to work out.
CANONICAL_YOUTUBE = LazyPattern(r"https://www\.youtube\.com/watch\?v=([A-Za-z0-9_-]{11})")
_WEB_LINK = LazyPattern(r"https?://[a-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][^\x00-\x20\x7f-\x9f]*)?", re.I)


def is_web_link(text: str) -> bool:
    """True for an absolute http(s) link with a host and no spaces or control characters."""
    return _WEB_LINK.fullmatch(text) is not None


def youtube_url(video_id: str) -> str:
    return f"https://www.youtube.com/watch?v={video_id}"


def search_url(artist: str, title: str) -> str:
    """A YouTube search link for a video we have no link for."""
    words = " ".join(part for part in (artist, title, "MV") if part)
    return "https://www.youtube.com/results?search_query=" + quote_plus(words)


def parse_link(text: str) -> Link:
    """Parse a pasted link or bare YouTube ID; raise InvalidLink if it is neither, or if it hides its host."""
    canonical = CANONICAL_YOUTUBE.fullmatch(text)
    if canonical:
        return Link(YOUTUBE, canonical.group(1), text)
    raw = _AMP.sub("&", text.strip())
    if _YT_ID.fullmatch(raw):
        return Link(YOUTUBE, raw, youtube_url(raw))
    if not raw or _UNSAFE.search(raw):
        raise InvalidLink(
            f"{text.strip()[:80]!r} is not a link: give an http(s) address or an 11-character YouTube ID."
        )
    if raw.startswith("//"):
        raw = "https:" + raw
    elif "://" not in raw and _SCHEMELESS.match(raw):
        raw = "https://" + raw
    try:
        parts = urlsplit(raw)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        raise InvalidLink(f"{raw[:80]!r} is not a valid link: check it and try again.") from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise InvalidLink(f"{raw[:80]!r} is not an http(s) link: give an address like https://youtu.be/VIDEO_ID.")
    if "@" in parts.netloc:
        raise InvalidLink(
            f"{raw[:80]!r} has a user name before an '@', which hides where the link really goes "
            f"({host[:60]}): such links are refused. Give the address without the part before the '@'."
        )
    if not host.isascii():
        host = _ascii_host(host, raw)
        netloc = host if port is None else f"{host}:{port}"
        raw = urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment))
    return (
        _youtube(host, parts.path, parts.query, parts.fragment)
        or _vimeo(host, parts.path, parts.query, parts.fragment)
        or Link(WEB, None, raw)
    )


def _ascii_host(host: str, raw: str) -> str:
    """An international host in the ASCII form browsers resolve (``xn--...``), as IDNA 2008 / UTS #46 write it."""
    import idna  # only for the rare link whose host is not ASCII

    try:
        return str(idna.encode(host, uts46=True).decode("ascii"))
    except (idna.IDNAError, UnicodeError):
        raise InvalidLink(f"{raw[:80]!r} does not have a valid host name: check the link and try again.") from None


def host_note(url: str) -> str | None:
    """A note for a link whose host is an international name (``xn--...``): it may imitate a familiar site."""
    if "xn--" not in url.lower() and url.isprintable():  # most links: no host label can start with xn--
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    if not any(label.startswith("xn--") for label in host.split(".")):
        return None
    return (
        f"the link's host {host} is an international domain name, shown in its ASCII form; "
        "it may imitate another site's name, so check that it is the site you meant."
    )


def _params(text: str) -> list[tuple[str, str]]:
    """Query parameters split on ``&`` and ``;`` (both occur in pasted YouTube links), in order."""
    pairs = []
    for item in re.split(r"[&;]", text):
        key, _, value = item.partition("=")
        pairs.append((unquote_plus(key), unquote_plus(value)))
    return pairs


def _youtube(host: str, path: str, query: str, fragment: str) -> Link | None:
    if host in CONSENT_HOSTS and path in _CONSENT_PATHS:
        return _consent(query)
    if _YT_SHORT_HOST.fullmatch(host):
        video_id = _short_id(path)
    elif _YT_HOST.fullmatch(host):
        video_id = _youtube_id(path, query, fragment)
    elif host in YOUTUBE_MIRRORS or (host.startswith("www.") and host[4:] in YOUTUBE_MIRRORS):
        if path.startswith("/w/"):  # Piped's short watch path
            path = "/watch/" + path[3:]
        video_id = _youtube_id(path, query, fragment) or _short_id(path)
    else:
        return None
    if video_id is None:
        return None
    start = _start(_params(query)) or _start(_params(fragment.lstrip("!").split("?", 1)[-1]))
    return Link(YOUTUBE, video_id, youtube_url(video_id), start)


def _short_id(path: str) -> str | None:
    """The ID in a ``/ID`` path (youtu.be and the mirrors' short links)."""
    match = _YT_SHORT_PATH.fullmatch(path)
    return match.group(1) if match and match.group(1) not in _NOT_IDS else None


def _consent(query: str) -> Link | None:
    """The YouTube video a consent page would continue to (one level deep: a consent page inside is not followed)."""
    target = next((value for key, value in _params(query) if key == "continue"), "")
    try:
        parts = urlsplit(target)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or "@" in parts.netloc or host in CONSENT_HOSTS:
        return None
    return _youtube(host, parts.path, parts.query, parts.fragment)


def _youtube_id(path: str, query: str, fragment: str) -> str | None:
    if fragment.startswith("/"):  # "#/watch?v=ID": old redirect links carry the real path in the fragment
        inner = urlsplit(fragment)
        found = _youtube_id(inner.path, inner.query, inner.fragment)
        if found:
            return found
    match = _YT_PATH_ID.match(path)
    if match:
        return match.group(1)
    if not _YT_WATCH_PATH.fullmatch(path):
        return None
    for source in (query, fragment.removeprefix("!")):
        for key, value in _params(source):
            if key == "v" and _YT_ID.fullmatch(value):
                return value
    return None


def _start(params: list[tuple[str, str]]) -> int | None:
    for key, value in params:
        if key not in ("t", "start", "time_continue"):
            continue
        match = _DURATION.fullmatch(value.strip())
        if match and any(match.groups()):
            h, m, s = (int(g) if g else 0 for g in match.groups())
            return h * 3600 + m * 60 + s or None
    return None


def _vimeo(host: str, path: str, query: str, fragment: str) -> Link | None:
    if not (_VIMEO_HOST.fullmatch(host) or host == _VIMEO_PLAYER_HOST):
        return None
    if host == _VIMEO_PLAYER_HOST and not path.startswith("/video/"):
        return None
    match = _VIMEO_PATH.fullmatch(path)
    if match is None:
        return None
    number, unlisted = match.groups()
    unlisted = unlisted or next((v for k, v in _params(query) if k == "h"), None)
    if unlisted and not _VIMEO_HASH.fullmatch(unlisted):
        unlisted = None
    url = f"https://vimeo.com/{number}" + (f"/{unlisted}" if unlisted else "")
    return Link(VIMEO, number, url, _start(_params(fragment)))


def thumbnail_url(platform: str | None, video_id: str | None, stored: object) -> str | None:
    """The video's image, only ever from its platform's own image host (one of ``THUMBNAIL_HOSTS``).

    YouTube's is rebuilt from the video ID. Vimeo's image names do not follow from the video, so a
    stored one is kept when it is on i.vimeocdn.com. Anything else (a web page's image, another
    host, another video's image) gives None: a friend's file never decides which hosts a page loads.
    """
    if platform == YOUTUBE and video_id and _YT_ID.fullmatch(video_id):
        return f"https://i.ytimg.com/vi/{video_id}/mqdefault.jpg"
    return allowed_thumbnail(stored, platform, video_id) if platform == VIMEO else None


def allowed_thumbnail(url: object, platform: str | None, video_id: str | None) -> str | None:
    """``url`` if it is this video's image on its platform's own image host, else None."""
    if not isinstance(url, str) or len(url) > 600:
        return None
    match = _thumbnail_pattern().fullmatch(url)
    if match is None:
        return None
    youtube_id, on_vimeo = match.groups()
    if (platform == YOUTUBE and youtube_id == video_id) or (platform == VIMEO and on_vimeo):
        return url
    return None


@functools.cache
def _thumbnail_pattern() -> re.Pattern[str]:
    """Compiled on first use, so that start-up never pays for it; no part of it can match the same text twice."""
    return re.compile(
        r"https://(?:(?:i\.ytimg\.com|img\.youtube\.com)/vi(?:_webp)?/([A-Za-z0-9_-]{11})/[A-Za-z0-9_]{1,40}"
        r"\.(?:jpg|webp)|i\.vimeocdn\.com/(video/)[A-Za-z0-9_-]{1,200}(?:\.(?:jpg|webp|png))?)"
        r"(?:\?[A-Za-z0-9_=&.-]{0,200})?"
    )


def playlist_id(text: str, *, with_video: bool = False) -> str | None:
    """The playlist a YouTube link names, else None.

    ``youtube.com/playlist?list=ID`` always names a playlist. A ``watch?v=…&list=ID``
    link names a video played inside a playlist: it counts as the playlist only
    with ``with_video`` (the user asked for the playlist).
    """
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not _PLAYLIST_HOST.fullmatch((parts.hostname or "").lower()):
        return None
    ids = parse_qs(parts.query).get("list") or []
    if len(ids) != 1 or not _PLAYLIST_ID.fullmatch(ids[0]):
        return None
    path = parts.path.rstrip("/")
    if path == "/playlist" or (with_video and path == "/watch"):
        return ids[0]
    return None
