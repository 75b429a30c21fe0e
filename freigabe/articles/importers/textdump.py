"""Articles from plain-text page dumps, the form crawlers and archives keep pages in.

A dump is the page's visible text, line by line: navigation, headline, image caption, the
outlet-and-date line, the article, then comment rules and footer. Nothing marks which is
which, so every line is classified from its own features (length, final punctuation, dates,
keyword cues) and its neighbours, with a hand-weighted linear score per label. A second pass
reads the labelled lines in order: it finds where the article ends (the comment section), picks
the headline, tells subheadings from link lists, and collects the metadata.
"""

import re
from dataclasses import dataclass, field

from freigabe.articles.importers import agencies as agency_credits
from freigabe.articles.importers import cues
from freigabe.articles.importers.captions import (
    PHOTO_AGENCIES,
    PHOTO_CREDIT,
    is_credit_only,
    split_caption,
)
from freigabe.articles.importers.dates import find_date, is_time_only
from freigabe.articles.importers.language import detect_language
from freigabe.articles.importers.record import ExtractedArticle

BODY = "body"
HEADING = "heading"  # headline, subheading, or a link title: the context decides
SHORT = "short"  # one to three words: menu items, kickers, one-word subheadings
DATE = "date"
BYLINE = "byline"
CAPTION = "caption"
IMAGE_LABEL = "image_label"
AGENCY = "agency"
COMMENTS = "comments"
RELATED = "related"
BOILERPLATE = "boilerplate"

# Feature -> weight, per label. Features are 0/1 except where noted; `bias` is always 1.
WEIGHTS = {
    BODY: {
        "bias": -1.0,
        "sentence_end": 2.0,
        "many_words": 1.5,
        "long": 1.0,
        "several_sentences": 1.0,
        "short": -3.0,
        "date_line": -3.0,
        "byline": -3.0,
        "photo_credit": -2.5,
        "after_image_label": -2.5,
        "newsletter": -3.0,
        "comment_rules": -3.0,
        "share_nav": -3.0,
        "sign_off": -4.0,
        "related": -4.0,
        "comment_header": -4.0,
        "agency_line": -5.0,
        "url": -2.0,
        "before_credit_line": -3.0,
    },
    HEADING: {
        "title_shape": 2.0,
        "no_sentence_end": 1.5,
        "question_or_exclamation": 0.5,
        "period_end": -2.0,
        "date_line": -3.0,
        "byline": -3.0,
        "photo_credit": -3.0,
        "share_nav": -3.0,
        "newsletter": -2.0,
        "related": -3.0,
        "comment_header": -3.0,
        "comment_rules": -2.0,
        "sign_off": -3.0,
        "agency_line": -4.0,
        "url": -3.0,
        "after_image_label": -1.5,
        "before_credit_line": -2.0,
    },
    SHORT: {
        "short": 2.0,
        "no_sentence_end": 0.5,
        "date_line": -3.0,
        "agency_line": -3.0,
        "image_label": -3.0,
        "comment_header": -2.0,
        "related": -2.0,
        "url": -1.5,
    },
    DATE: {"date_line": 4.0, "byline": -0.5},
    BYLINE: {"byline": 4.5},
    CAPTION: {"photo_credit": 3.5, "after_image_label": 3.0, "before_credit_line": 3.5, "sentence_end": 0.3},
    IMAGE_LABEL: {"image_label": 5.0},
    AGENCY: {"agency_line": 5.0},
    COMMENTS: {"comment_header": 4.5, "comment_rules": 3.0},
    RELATED: {"related": 4.5},
    BOILERPLATE: {"newsletter": 2.5, "share_nav": 3.5, "sign_off": 4.5, "url": 3.0},
}

IMAGE_LABELS = {
    "titelbild",
    "bild",
    "foto",
    "fotos",
    "aufmacherbild",
    "symbolbild",
    "bildergalerie",
    "galerie",
    "grafik",
    "infografik",
    "image",
    "photo",
}
_BYLINE = re.compile(
    r"^(?:(?:ein|eine)\s+(?:kommentar|analyse|gastbeitrag|kolumne|reportage|interview|"
    r"essay|bericht)\s+von|von|autor(?:in)?:|autoren:|text:|by)\s+[A-ZÄÖÜ]",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…:][\"'“”«»)\]]*$")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'“”«»)]*\s+[\"„“»«(]?[A-ZÄÖÜ0-9]")
_URL = re.compile(r"https?://|www\.|\.(?:de|com|at|ch|net|org)/", re.IGNORECASE)
_OUTLET_CUES = re.compile(
    r"\b(?:stand|aktualisiert|veröffentlicht|erschienen|zuletzt|datum|updated|published|"
    r"am|vom|um|uhr|posted|on)\b\.?:?",
    re.IGNORECASE,
)
_SIGN_OFF_OUTLET = re.compile(r"^ihre?\s+(.{2,40}?)\s*[-–—]?\s*redaktion\.?$", re.IGNORECASE)
# Text browsers number the links: "[12]Politik".
_LINK_REFERENCE = re.compile(r"\[\d{1,4}\]")
# Words that make a name an outlet's rather than a place's ("Hannover, 02.12.2022").
_OUTLET_WORDS = re.compile(
    r"zeitung|times|post|rundschau|kurier|anzeiger|blatt|nachrichten|online|\.de\b|\.at\b|"
    r"\.ch\b|\.com\b|bote|echo|presse|spiegel|welt|magazin|news|journal|tribune|herald|radio|"
    r"rundfunk|funk|fernsehen|\btv\b|merkur|abendblatt|tagblatt|allgemeine|stimme|express|"
    r"morgen|kurier|report|observer|guardian|standard|volksfreund|generalanzeiger|ztg",
    re.IGNORECASE,
)
_COMPANY_SUFFIX = re.compile(r"\s+(?:gmbh|ag|kg|verlag|medien|media|&\s*co\.?.*)$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s+[|·•–—]\s+|\s*\|\s*")

MIN_BODY_CHARS_BEFORE_CUT = 300


@dataclass
class Line:
    index: int
    text: str
    blank_before: bool = False
    blank_after: bool = False
    features: dict = field(default_factory=dict)
    scores: dict = field(default_factory=dict)
    label: str = ""


# "Ressort: Politik", "Rubrik: Sport", "Section: Politics" near the top of a dump.
_SECTION_LINE = re.compile(r"^(?:ressort|rubrik|section)\s*:\s*(\S.{0,99})$", re.IGNORECASE)
SECTION_LINES_SEARCHED = 15


def extract_from_text(text, *, url=None):
    """Read an article out of a plain-text page dump."""
    section, lines = take_section_line(split_lines(text))
    for position, line in enumerate(lines):
        previous = lines[position - 1] if position else None
        following = lines[position + 1] if position + 1 < len(lines) else None
        line.features = line_features(line, previous, following)
        line.scores = score_line(line.features)
        line.label = max(line.scores, key=line.scores.get)
    record = assemble(lines, url=url)
    record.section = section
    return record


def take_section_line(lines):
    """The section a dump names in a labelled line near its top, and the lines without it
    (the label is page furniture, not article text)."""
    for position, line in enumerate(lines[:SECTION_LINES_SEARCHED]):
        found = _SECTION_LINE.match(line.text)
        if found:
            rest = lines[:position] + lines[position + 1 :]
            for index, kept in enumerate(rest):
                kept.index = index
            return " ".join(found.group(1).split()), rest
    return None, lines


# --- lines -----------------------------------------------------------------------------------


def split_lines(text):
    """Non-blank lines with whitespace tidied, hard-wrapped paragraphs joined again."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[\u200b\u200c\u200d\ufeff\u00ad]", "", text)
    text = _LINK_REFERENCE.sub("", text)
    raw = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    raw = join_ticker_times(unwrap_hard_wrapped(raw))
    lines = []
    for position, content in enumerate(raw):
        if not content:
            continue
        line = Line(index=len(lines), text=content)
        line.blank_before = position == 0 or not raw[position - 1]
        line.blank_after = position == len(raw) - 1 or not raw[position + 1]
        lines.append(line)
    return lines


def unwrap_hard_wrapped(raw):
    """Join lines that a text browser broke at a fixed width (e.g. 72 columns)."""
    lengths = [len(line) for line in raw if line]
    if len(lengths) < 8:
        return raw
    width = sorted(lengths)[int(len(lengths) * 0.9)]
    near_width = sum(1 for length in lengths if width - 15 <= length <= width)
    if width > 100 or near_width < 0.3 * len(lengths):
        return raw
    joined = []
    for line in raw:
        previous = joined[-1] if joined else ""
        if previous and line and len(previous) >= width - 20:
            glue = "" if previous.endswith("-") and line[:1].islower() else " "
            joined[-1] = (previous[:-1] if not glue else previous) + glue + line
        else:
            joined.append(line)
    return joined


def join_ticker_times(raw):
    """A live ticker prints "13:05 Uhr" above each entry's title; keep them as one heading."""
    joined = []
    for line in raw:
        if (
            joined
            and is_time_only(joined[-1])
            and line
            and not _SENTENCE_END.search(line)
            and len(line) <= 160
        ):
            joined[-1] = f"{joined[-1]}: {line}"
        else:
            joined.append(line)
    return joined


# --- features and scores ---------------------------------------------------------------------


def line_features(line, previous, following):
    text = line.text
    words = len(text.split())
    found_date = find_date(text)
    sentence_end = bool(_SENTENCE_END.search(text))
    last_char = text.rstrip("\"'“”«»)]")[-1:]
    features = {
        "bias": 1.0,
        "short": words <= 3,
        "title_shape": 2 <= words <= 22 and len(text) <= 170,
        "many_words": words >= 12,
        "long": len(text) >= 200,
        "sentence_end": sentence_end,
        "no_sentence_end": not sentence_end,
        "period_end": last_char in {".", ":", "…"},
        "question_or_exclamation": last_char in {"?", "!"},
        "several_sentences": len(_SENTENCE_BREAK.findall(text)) >= 1,
        "date_line": bool(found_date)
        and len(text) - (found_date.end - found_date.start) <= 70
        and words <= 16,
        "byline": bool(_BYLINE.match(text)) and words <= 16,
        "photo_credit": (bool(PHOTO_CREDIT.search(text)) or bool(PHOTO_AGENCIES.search(text)))
        and len(text) <= 400,
        "image_label": text.lower().strip(":") in IMAGE_LABELS,
        "after_image_label": previous is not None and previous.text.lower().strip(":") in IMAGE_LABELS,
        "agency_line": bool(agency_credits.credit_line_agencies(text)),
        "comment_header": bool(cues.COMMENT_SECTION.search(text)),
        "comment_rules": bool(cues.COMMENT_RULES.search(text)),
        "newsletter": bool(cues.NEWSLETTER.search(text)),
        "share_nav": bool(cues.SHARE_AND_NAVIGATION.search(text)),
        "related": bool(cues.RELATED_LINKS.search(text)),
        "sign_off": bool(cues.SIGN_OFF.search(text)),
        "url": bool(_URL.search(text)),
        # A photo credit on the next line, with no blank line between: this is its caption.
        "before_credit_line": following is not None
        and not line.blank_after
        and len(text) <= 300
        and is_credit_only(following.text),
    }
    return {name: float(value) for name, value in features.items()}


def score_line(features):
    return {
        label: sum(weight * features.get(name, 0.0) for name, weight in weights.items())
        for label, weights in WEIGHTS.items()
    }


# --- assembly --------------------------------------------------------------------------------


def assemble(lines, *, url=None):
    end = article_end(lines)
    article_lines = lines[:end]
    headline = choose_headline(article_lines)
    record = ExtractedArticle(url=url, source_format="text")
    record.title = headline.text if headline else ""
    collect_metadata(article_lines, record)
    start = headline.index + 1 if headline else 0
    paragraphs, subheadings, body_agencies = body_parts(article_lines[start:])
    record.body = "\n\n".join(paragraphs)
    record.subheadings = subheadings
    record.agencies = agency_credits.merge(body_agencies, record.agencies)
    if not record.title and paragraphs:
        record.title = first_sentence(paragraphs[0])
    if not record.publisher:
        record.publisher = publisher_from_footer(lines)
    record.language = detect_language(record.body)
    return record


def article_end(lines):
    """Index of the first line after the article: where the comment section starts.

    A comment header counts only once enough article text came before it, so a "12
    Kommentare" link under the headline does not cut the article off.
    """
    body_chars = [len(line.text) if line.label == BODY else 0 for line in lines]
    total = sum(body_chars)
    before = 0
    for line in lines:
        if line.label == COMMENTS:
            after = total - before
            if before >= MIN_BODY_CHARS_BEFORE_CUT or (before and before >= after):
                return line.index
        before += body_chars[line.index]
    return len(lines)


def choose_headline(lines):
    """The heading-shaped line just before the article text starts, preferring long ones
    that stand alone (a run of headings is a menu or a teaser list, not a headline)."""
    first_body = next((line.index for line in lines if is_paragraph(line)), len(lines))
    candidates = [line for line in lines[:first_body] if line.label == HEADING]
    if not candidates:
        candidates = [line for line in lines if line.label == HEADING][:1]
    if not candidates:
        return None

    def headline_score(line):
        in_run = any(is_heading_like(neighbour) for neighbour in neighbours(lines, line))
        return (
            line.scores[HEADING]
            + min(len(line.text.split()), 14) / 7
            - (1.5 if in_run else 0.0)
            + (0.5 if line.blank_after else 0.0)
            - 0.05 * (first_body - line.index)
        )

    return max(candidates, key=headline_score)


def is_paragraph(line):
    """Article text proper, long enough that it cannot be a teaser link or a menu."""
    return line.label == BODY and len(line.text) >= 80


def is_heading_like(line):
    return line.label in (HEADING, SHORT) and not line.features["share_nav"]


def neighbours(lines, line):
    return [lines[i] for i in (line.index - 1, line.index + 1) if 0 <= i < len(lines)]


def body_parts(lines):
    """Paragraphs and subheadings in reading order, plus agencies credited in the text.

    A heading-like line is a subheading only when it stands alone between article text and
    the paragraph it introduces; runs of them, and everything under a "Mehr zum Thema"
    header, are link lists.
    """
    paragraphs, subheadings, found_agencies = [], [], []
    in_link_list = False
    for position, line in enumerate(lines):
        following = lines[position + 1] if position + 1 < len(lines) else None
        preceding = lines[position - 1] if position else None
        if in_link_list and line.blank_before:
            in_link_list = False  # a link list is one block; a blank line ends it
        if line.label == BODY:
            in_link_list = False
            text, credited = agency_credits.split_trailing_credit(line.text)
            found_agencies += credited + agency_credits.dateline_agencies(text)
            if text:
                paragraphs.append(text)
        elif line.label == RELATED:
            in_link_list = True
        elif line.label == AGENCY:
            found_agencies += agency_credits.credit_line_agencies(line.text)
        elif (
            is_heading_like(line)
            and not in_link_list
            and paragraphs
            and following is not None
            and following.label == BODY
            and not (is_heading_like(preceding) and not line.blank_before)
        ):
            paragraphs.append(line.text)
            subheadings.append(line.text)
    return paragraphs, subheadings, agency_credits.merge(found_agencies)


def collect_metadata(lines, record):
    """Date, publisher, authors, agencies and the lead image's caption from labelled lines."""
    caption_seen = False
    for position, line in enumerate(lines):
        if line.label == DATE and record.published_at is None:
            read_date_line(line.text, record)
        elif line.label == BYLINE and not record.authors:
            read_byline(line.text, record)
        elif line.label == CAPTION and not caption_seen:
            caption_seen = True
            read_caption(lines, position, record)
        elif line.label == AGENCY:
            record.agencies = agency_credits.merge(
                record.agencies, agency_credits.credit_line_agencies(line.text)
            )


def read_date_line(text, record):
    """ "Epoch Times4. November 2021", "Süddeutsche Zeitung, 04.11.2021, 13:05 Uhr",
    "Stand: 4.11.2021", "Von Anna Beispiel | 04.11.2021": date, outlet and byline."""
    found = find_date(text)
    record.published_at = found.iso()
    before = text[: found.start]
    for segment in _SEPARATORS.split(before):
        if _BYLINE.match(segment.strip()):
            read_byline(segment, record)
        elif not record.publisher:
            record.publisher = outlet_name(segment)
    after = text[found.end :]
    for segment in _SEPARATORS.split(after):
        if _BYLINE.match(segment.strip()) and not record.authors:
            read_byline(segment, record)


def outlet_name(text):
    """The outlet in what precedes a date, or None for a cue ("Stand:") or a place name.

    A single word is taken for an outlet only when it looks like one ("Handelsblatt",
    "tagesschau.de"); otherwise it is the dateline's place ("Hannover, 02.12.2022").
    """
    name = _OUTLET_CUES.sub(" ", text)
    name = re.sub(r"\s+", " ", name).strip(" ,;:-–—|·•")
    name = _COMPANY_SUFFIX.sub("", name).strip(" ,")
    words = name.split()
    if not 1 <= len(words) <= 5 or not name[:1].isalpha() or find_date(name):
        return None
    if len(words) == 1 and not _OUTLET_WORDS.search(name):
        return None
    return name


def read_byline(text, record):
    """ "Von Anna Beispiel und Jörg Muster, Berlin": authors; agencies named there too."""
    for segment in _SEPARATORS.split(text):
        match = _BYLINE.match(segment.strip())
        if not match:
            continue
        names = segment.strip()[match.end() - 1 :]
        for name in re.split(r",|\s+und\s+|\s+and\s+|\s*&\s*|/", names):
            name = name.strip(" .")
            agencies = agency_credits.credit_line_agencies(name)
            if agencies:
                record.agencies = agency_credits.merge(record.agencies, agencies)
            elif 2 <= len(name.split()) <= 4 and name not in record.authors:
                record.authors.append(name)


def read_caption(lines, position, record):
    """Split caption and photo credit; a credit on a line of its own belongs to the caption
    printed directly above it."""
    line = lines[position]
    caption, credit = split_caption(line.text)
    following = lines[position + 1] if position + 1 < len(lines) else None
    if not credit and following is not None and not line.blank_after and is_credit_only(following.text):
        credit = split_caption(following.text)[1]
    record.image_caption = caption or None
    record.image_credit = credit or None


def publisher_from_footer(lines):
    """The outlet from a sign-off ("Ihre Epoch Times - Redaktion"), the copyright footer
    ("© Beispiel-Zeitung GmbH") or the site name printed first on the page."""
    for line in lines:
        match = _SIGN_OFF_OUTLET.match(line.text)
        if match and match.group(1).lower() not in {"die", "eure"}:
            return match.group(1).strip()
    for line in reversed(lines):
        match = re.match(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(.{2,80}?)\.?$", line.text, re.IGNORECASE)
        if (
            match
            and not PHOTO_AGENCIES.search(line.text)
            and "/" not in line.text
            and not agency_credits.credit_line_agencies(line.text)
        ):
            name = outlet_name(match.group(1).split(",")[0])
            if name and "rechte" not in name.lower():
                return name
    if lines and _OUTLET_WORDS.search(lines[0].text) and len(lines[0].text.split()) <= 4:
        return outlet_name(lines[0].text)
    return None


def first_sentence(paragraph, limit=160):
    sentence = re.split(r"(?<=[.!?])\s", paragraph, maxsplit=1)[0]
    return sentence[:limit].rstrip()
