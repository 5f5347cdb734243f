"""Reads an SLA statement written like the customer's own file into a draft page.

The file is plain UTF-8 text: the statement's title (and perhaps a subtitle) on the
first lines, then numbered sections (``۱- مقدمه``, ``۲-هدف``, ...) whose headings name
what they are, some with unnumbered sub-headings (``مسئولیت کاربران``,
``دسترس پذیری``...). The last section may come without a number
(``محرمانگی اطلاعات``). Bulleted lines (``- ۱- ...``) in the introduction are the
contact channels. The performance period section holds the validity date in Jalali
(``۱۴۰۰/۱۲/۲۹``, any digits).

Parsing is done entirely before anything is written: a file that cannot be understood
raises :class:`StatementParseError` naming the line, and creates nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _

from cms import jalali
from cms.formatting import fa_digits
from cms.text import normalize_letters, to_ascii_digits

from .models import SLAStatementPage

MAX_PREAMBLE_LINES = 3
MAX_HEADING_LENGTH = 80

# Sections in their usual order: (field, keywords that name it in a heading).
SECTIONS: list[tuple[str, tuple[str, ...]]] = [
    ("introduction", ("مقدمه",)),
    ("goal", ("هدف", "اهداف")),
    ("responsibility", ("مسئولیت", "مسوولیت", "مسؤولیت")),
    ("commitments", ("تعهدات",)),
    ("costs", ("هزینه",)),
    ("performance_period", ("دوره عملکرد", "دوره اعتبار", "مدت اعتبار")),
    ("termination", ("خاتمه", "فسخ")),
    ("confidentiality", ("محرمانگی",)),
]
SUBSECTIONS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "responsibility": [
        ("provider_responsibility", ("مسئولیت ارائه خدمت", "مسئولیت ارائه دهنده")),
        ("user_responsibility", ("مسئولیت کاربران", "مسئولیت خدمت گیرنده")),
    ],
    "commitments": [
        ("interactive_services", ("خدمات تعاملی",)),
        ("availability", ("دسترس پذیری", "دسترسی پذیری")),
        ("maintenance", ("نگهداری و تغییرات", "نگهداری")),
    ],
}
SECTION_EXAMPLES = (
    "۱- مقدمه، ۲- هدف، ۳- مسئولیت، ۴- تعهدات متقابل، ۵- هزینه‌ها، ۶- دوره عملکرد، ۷- خاتمه"
)

NUMBERED = re.compile(r"^(\d{1,2})\s*[-–—ـ.)]\s*(\S.*)$")
BULLET = re.compile(r"^[-–—•*]\s*(.*)$")
ITEM_NUMBER = re.compile(r"^(?:\d{1,2}\s*[-–—ـ.)]\s*)+")
JALALI_DATE = re.compile(r"(?<!\d)(1[2-5]\d\d)\s*[/\-]\s*(\d{1,2})\s*[/\-]\s*(\d{1,2})(?!\d)")
SIGNATORY = re.compile(r"تحت\s+امضا[یء]?\s+(.+?)\s+(?:اعتبار|می\s*باشد|است)(?=[\s.،)]|$)")
_KEY_NOISE = re.compile(r"[\s\u200c\u200f\u200e\-_:.()،,؛]+")


def _key(text: str) -> str:
    """A heading reduced for comparison: Persian letters, no spaces, ZWNJ or punctuation."""
    return _KEY_NOISE.sub("", normalize_letters(text))


def _matches(text: str, keywords: tuple[str, ...]) -> bool:
    key = _key(text)
    return any(_key(keyword) in key for keyword in keywords)


class StatementParseError(ValueError):
    """What is wrong with a statement file, and on which line (1-based)."""

    def __init__(self, line: int, problem: str):
        self.line = line
        self.problem = problem
        super().__init__(
            _("Line %(line)s: %(problem)s") % {"line": fa_digits(line), "problem": problem}
        )


@dataclass
class Block:
    kind: str  # "p" or "li"
    text: str


@dataclass
class ParsedStatement:
    title: str
    subtitle: str = ""
    blocks: dict[str, list[Block]] = field(default_factory=dict)
    channels: list[str] = field(default_factory=list)
    valid_until: dt.date | None = None
    valid_from: dt.date | None = None
    signatory: str = ""
    sections: list[tuple[int, str, str]] = field(default_factory=list)  # (line, field, heading)

    def html(self, name: str) -> str:
        """The blocks of one field as rich text: paragraphs, and lists of items."""
        parts, items = [], []
        for block in self.blocks.get(name, []):
            if block.kind == "li":
                items.append(f"<li>{escape(block.text)}</li>")
                continue
            if items:
                parts.append("<ul>" + "".join(items) + "</ul>")
                items = []
            parts.append(f"<p>{escape(block.text)}</p>")
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
        return "".join(parts)

    def page_fields(self) -> dict:
        names = [name for name, _keywords in SECTIONS]
        for subsections in SUBSECTIONS.values():
            names += [name for name, _keywords in subsections]
        fields = {name: self.html(name) for name in [*names, "introduction_note"]}
        fields["contact_channels"] = [
            ("channel", {"text": text, "link": "", "link_label": ""}) for text in self.channels
        ]
        fields.update(
            subtitle=self.subtitle,
            valid_until=self.valid_until,
            valid_from=self.valid_from,
            signatory=self.signatory,
        )
        return fields


def decode(data: bytes) -> str:
    """The file's text; a file that is not UTF-8 is refused, naming the line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise StatementParseError(
            line, _("the file is not UTF-8 text. Save it as “UTF-8” and try again.")
        ) from error


def parse_statement(text: str) -> ParsedStatement:
    """Parse a statement's text; raises :class:`StatementParseError` naming the line."""
    lines = [normalize_letters(line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    numbered_lines = [(number, line) for number, line in enumerate(lines, 1) if line]
    if not numbered_lines:
        raise StatementParseError(1, _("the file is empty."))

    statement = None
    preamble: list[tuple[int, str]] = []
    current = None  # the field paragraphs go to
    section = None  # the top-level section we are in
    expected = 1
    seen: set[str] = set()
    period_line = None
    channels_done = False

    for number, line in numbered_lines:
        heading = _section_heading(line, number, expected, seen, section)
        if heading is not None:
            name, section_number = heading
            if statement is None:
                statement = _start(preamble)
            section = current = name
            seen.add(name)
            if section_number is not None:
                expected = section_number + 1
            statement.sections.append((number, name, line))
            if name == "performance_period":
                period_line = number
            continue
        if statement is None:
            preamble.append((number, line))
            if len(preamble) > MAX_PREAMBLE_LINES or len(line) > 120:
                raise StatementParseError(
                    number,
                    _(
                        "text before the first numbered section. The file should start "
                        "with the statement's title, then sections such as %(examples)s."
                    )
                    % {"examples": SECTION_EXAMPLES},
                )
            continue
        subsection = _subsection(line, section)
        if subsection is not None:
            current = subsection
            continue

        bullet = BULLET.match(line)
        if bullet:
            item = bullet.group(1).strip()
            numbered_item = ITEM_NUMBER.match(to_ascii_digits(item))
            if numbered_item:
                item = item[numbered_item.end() :].strip()
            if not item:
                continue
            if section == "introduction" and numbered_item and not channels_done:
                statement.channels.append(item)
                continue
            # In the introduction a bullet without a number continues the text.
            kind = "p" if section == "introduction" else "li"
            line = item
        else:
            kind = "p"
        target = current
        if section == "introduction" and statement.channels:
            channels_done = True
            target = "introduction_note"
        statement.blocks.setdefault(target, []).append(Block(kind, line))

    if statement is None:
        raise StatementParseError(
            numbered_lines[0][0],
            _("no numbered section was found. Sections look like %(examples)s.")
            % {"examples": SECTION_EXAMPLES},
        )
    _read_period(statement, period_line, numbered_lines[-1][0], lines)
    return statement


def _start(preamble: list[tuple[int, str]]) -> ParsedStatement:
    texts = [text for _number, text in preamble]
    title = texts[0] if texts else _("Service level agreement statement")
    return ParsedStatement(title=title[:255], subtitle=" – ".join(texts[1:])[:255])


def _section_heading(line, number, expected, seen, section):
    """``(field, section number or None)`` when ``line`` starts a section, else None."""
    if BULLET.match(line):
        return None
    ascii_line = to_ascii_digits(line)
    match = NUMBERED.match(ascii_line)
    if match:
        section_number, title = int(match.group(1)), match.group(2)
        if len(title) > MAX_HEADING_LENGTH:
            return None
        known = next((name for name, keywords in SECTIONS if _matches(title, keywords)), None)
        if section_number == expected:
            if known is None:
                raise StatementParseError(
                    number,
                    _(
                        "“%(heading)s” is not a section of an SLA statement. Known sections: %(examples)s."
                    )
                    % {"heading": line, "examples": SECTION_EXAMPLES},
                )
            if known in seen:
                raise StatementParseError(
                    number, _("the section “%(heading)s” appears twice.") % {"heading": line}
                )
            return known, section_number
        if known is not None and known not in seen and section_number > expected:
            raise StatementParseError(
                number,
                _(
                    "expected section %(expected)s, found “%(heading)s”: a section is missing or misnumbered."
                )
                % {"expected": fa_digits(expected), "heading": line},
            )
        return None
    # An unnumbered heading of a later section not seen yet (the customer's file ends
    # with "محرمانگی اطلاعات" without a number). Sub-headings of the current section win.
    if section is None or not _looks_like_heading(line) or _subsection(line, section):
        return None
    names = [name for name, _keywords in SECTIONS]
    for name, keywords in SECTIONS[names.index(section) + 1 :]:
        if name not in seen and len(line.split()) <= 4 and _matches(line, keywords):
            return name, None
    return None


def _looks_like_heading(line: str) -> bool:
    return len(line) <= MAX_HEADING_LENGTH and not line.endswith((".", ":", "،", "؛"))


def _subsection(line, section):
    """The field of a sub-heading of ``section`` (``مسئولیت کاربران``...), else None."""
    if not _looks_like_heading(line):
        return None
    key = _key(line)
    for name, keywords in SUBSECTIONS.get(section, []):
        if any(key.startswith(_key(keyword)) for keyword in keywords):
            return name
    return None


def _read_period(statement, period_line, last_line, lines):
    if period_line is None:
        raise StatementParseError(
            last_line,
            _(
                "the file ended without a performance period section (e.g. “۶- دوره عملکرد”) giving the validity date."
            ),
        )
    text = " ".join(block.text for block in statement.blocks.get("performance_period", []))
    later = [line for line, _name, _heading in statement.sections if line > period_line]
    end = min(later) if later else len(lines) + 1
    dates = []
    for number in range(period_line + 1, end):
        for match in JALALI_DATE.finditer(to_ascii_digits(lines[number - 1])):
            try:
                dates.append(jalali.parse_date("/".join(match.groups())))
            except ValueError:
                raise StatementParseError(
                    number,
                    _("“%(date)s” is not a real Jalali date.")
                    % {"date": fa_digits("/".join(match.groups()))},
                ) from None
    if not dates:
        raise StatementParseError(
            period_line,
            _("the performance period gives no validity date; write it like ۱۴۰۰/۱۲/۲۹."),
        )
    statement.valid_until = max(dates)
    if min(dates) != max(dates):
        statement.valid_from = min(dates)
    signatory = SIGNATORY.search(text)
    if signatory:
        statement.signatory = signatory.group(1).strip()[:255]


def unique_slug(parent, base: str) -> str:
    slug, suffix = base, 1
    siblings = set(parent.get_children().values_list("slug", flat=True))
    while slug in siblings:
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


@transaction.atomic
def create_draft(parsed: ParsedStatement, parent, *, user=None, title=None, slug=None):
    """A draft :class:`~sla.models.SLAStatementPage` under ``parent`` for an editor to review."""
    jalali_until = jalali.to_jalali(parsed.valid_until)
    base = slug or f"statement-{jalali_until.year}-{jalali_until.month:02d}-{jalali_until.day:02d}"
    page = SLAStatementPage(
        title=title or parsed.title,
        slug=unique_slug(parent, base),
        live=False,
        owner=user,
        locale_id=parent.locale_id,
        **parsed.page_fields(),
    )
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page


def import_statement(data: bytes, parent, *, user=None, title=None, slug=None):
    """Parse a file's bytes and create the draft; nothing is created if parsing fails."""
    parsed = parse_statement(decode(data))
    return create_draft(parsed, parent, user=user, title=title, slug=slug)
