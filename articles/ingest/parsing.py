"""Reading stories from files: plain text like the seeds, and JSON Lines from another system."""

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from core.text import paragraphs

from .text import paragraph_blocks, sentence_blocks

HEADER = re.compile(
    r"^(?P<field>headline|published|byline|section|url|id|dek|publication):\s*(?P<value>.*)$", re.I
)
CAPTION = re.compile(r"\((?P<photographer>[^()/]{2,80}?)\s*/\s*(?P<credit>[^()/]{2,120}?)\)\s*$")
JSON_FIELDS = {"id", "headline", "dek", "body", "published_at", "url", "section", "bylines", "people", "publication"}  # fmt: skip


class RecordError(ValueError):
    """A record that cannot be imported, with where it is and why, in the newsroom's words."""

    def __init__(self, where, reason):
        super().__init__(f"{where}: {reason}")
        self.where, self.reason = where, reason


@dataclass
class PhotoRecord:
    caption: str
    photographer: str
    credit: str
    position: int  # how many body paragraphs come before it


@dataclass
class StoryRecord:
    where: str
    headline: str
    body: str
    source_id: str = ""
    dek: str = ""
    published_at: dt.datetime | None = None
    url: str = ""
    section: str = ""
    publication: str = ""
    bylines: list = field(default_factory=list)
    people: list = field(default_factory=list)
    photos: list = field(default_factory=list)
    headline_from_text: bool = False

    @property
    def key(self):
        if self.url:
            return f"url:{self.url}"
        if self.source_id:
            return f"id:{self.source_id}"
        return f"text:{hashlib.sha256(self.body.encode()).hexdigest()}"

    @property
    def content_hash(self):
        data = [self.headline, self.dek, self.body, self.published_at and self.published_at.isoformat(),
                self.url, self.section, self.publication, self.bylines, self.people,
                [vars(photo) for photo in self.photos]]  # fmt: skip
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def split_captions(text):
    """Body paragraphs and photos: a paragraph ending in "(Name / Publication)" is a caption."""
    body, photos = [], []
    for paragraph in paragraphs(text):
        match = CAPTION.search(paragraph)
        if match:
            caption = paragraph[: match.start()].rstrip()
            photos.append(
                PhotoRecord(
                    caption, match["photographer"].strip(), match["credit"].strip(), len(body)
                )
            )
        else:
            body.append(paragraph)
    return body, photos


def first_sentence(text, limit=120):
    """A headline for a story that has none: its first sentence (an abbreviation such as
    "Dist." does not end one), cut at a word with an ellipsis past ``limit``."""
    text = text.strip()
    blocks = sentence_blocks(text, paragraph_blocks(text)[:1])
    sentence = text[blocks[0].start : blocks[0].end] if blocks else text
    if len(sentence) <= limit:
        return sentence.rstrip(".")
    return sentence[:limit].rsplit(" ", 1)[0] + "…"


def parse_datetime(value, where, default_zone=None):
    try:
        moment = dt.datetime.fromisoformat(str(value).strip())
    except ValueError:
        raise RecordError(
            where, f"published time {value!r} is not an ISO 8601 date and time"
        ) from None
    if moment.tzinfo is None:
        if default_zone is None:
            raise RecordError(where, f"published time {value!r} has no UTC offset (e.g. -08:00)")
        moment = moment.replace(tzinfo=default_zone)
    return moment


def read_text(path, default_zone=None):
    """One story from a plain-text file with an optional header block of "Field: value" lines."""
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RecordError(where, f"cannot be read ({error})") from None
    header, lines = {}, text.lstrip("\ufeff").splitlines()
    while lines and (match := HEADER.match(lines[0].strip())):
        header[match["field"].lower()] = match["value"].strip()
        lines.pop(0)
    body, photos = split_captions("\n".join(lines))
    if not body:
        raise RecordError(where, "has no story text")
    record = StoryRecord(
        where=where, headline=header.get("headline", ""), body="\n\n".join(body),
        source_id=header.get("id", ""), dek=header.get("dek", ""), url=header.get("url", ""),
        section=header.get("section", ""), publication=header.get("publication", ""),
        bylines=[n.strip() for n in re.split(r",| and ", header.get("byline", "").removeprefix("By ")) if n.strip()],
        photos=photos,
    )  # fmt: skip
    if "published" in header:
        record.published_at = parse_datetime(header["published"], where, default_zone)
    if not record.headline:
        record.headline, record.headline_from_text = first_sentence(body[0]), True
    return record


def _names(value, where, name):
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecordError(where, f"{name} must be a list of names")
    return [v.strip() for v in value if v.strip()]


def read_json_line(line, where):
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise RecordError(where, f"is not valid JSON ({error.msg})") from None
    if not isinstance(data, dict):
        raise RecordError(where, "is not a JSON object")
    missing = [name for name in ("id", "headline", "body", "published_at") if not data.get(name)]
    if missing:
        raise RecordError(where, f"lacks {', '.join(missing)}")
    for name in ("headline", "body", "dek", "url", "section", "publication"):
        if data.get(name) is not None and not isinstance(data[name], str):
            raise RecordError(where, f"{name} must be text")
    return StoryRecord(
        where=where, headline=data["headline"].strip()[:300], body=data["body"].strip(),
        source_id=str(data["id"]), dek=data.get("dek") or "", url=(data.get("url") or "").strip(),
        section=data.get("section") or "", publication=data.get("publication") or "",
        published_at=parse_datetime(data["published_at"], where),
        bylines=_names(data.get("bylines"), where, "bylines"),
        people=_names(data.get("people"), where, "people"),
    )  # fmt: skip


def read_paths(paths, default_zone=None):
    """Every record in the given files and folders, in name order: StoryRecord or RecordError."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in {".txt", ".jsonl"}))
        else:
            files.append(path)
    for path in files:
        if path.suffix == ".jsonl":
            try:
                with path.open(encoding="utf-8") as lines:
                    for number, line in enumerate(lines, start=1):
                        if line.strip():
                            try:
                                yield read_json_line(line, f"{path}, line {number}")
                            except RecordError as error:
                                yield error
            except (OSError, UnicodeDecodeError) as error:
                yield RecordError(str(path), f"cannot be read ({error})")
        else:
            try:
                yield read_text(path, default_zone)
            except RecordError as error:
                yield error
