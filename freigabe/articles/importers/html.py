"""Articles from HTML pages: trafilatura for the main text, plus what news pages need on top.

trafilatura finds the article text well but knows nothing of agency credits, photo credits or
German page furniture, and its metadata is generic. So the page is read in three steps:
structured metadata first (JSON-LD NewsArticle, OpenGraph, <meta>, the lead figure), then the
page furniture is cut out (comment boxes, cookie banners, newsletter and paywall boxes,
"Mehr zum Thema" lists), then trafilatura extracts the text and we read it paragraph by
paragraph. Pages trafilatura cannot read fall back to the plain-text dump reader.
"""

import json
import re

import htmldate
import lxml.html
import trafilatura
from lxml import etree

from freigabe.articles.importers import agencies as agency_credits
from freigabe.articles.importers import cues
from freigabe.articles.importers.captions import PHOTO_AGENCIES, is_credit_only, split_caption
from freigabe.articles.importers.dates import find_date, parse_iso
from freigabe.articles.importers.language import detect_language
from freigabe.articles.importers.record import ExtractedArticle
from freigabe.articles.importers.textdump import extract_from_text, read_byline

ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "liveblogposting",
    "blogposting",
    "report",
    "socialmediaposting",
}

# Class, id or role tokens of page furniture. Matched per token ("article-share" has the
# token "share"), so "kommentar" as the genre of an opinion piece is left alone.
_FURNITURE_TOKEN = re.compile(
    r"(?:^|[-_])(?:comments|comment-(?:section|list|form|box|area|thread)|kommentare|"
    r"kommentar-?(?:bereich|box|liste|formular)|disqus|discussion|cookies?|consent|gdpr|cmp|"
    r"newsletter|paywall|plus-?teaser|abo-?teaser|subscribe|subscription|related|"
    r"recommendations?|empfehlungen|mehr-?zum-?thema|read-?more|teaser-?list|share|sharing|"
    r"social|outbrain|taboola|advert|advertisement|anzeige|breadcrumbs?)(?:$|[-_])",
    re.IGNORECASE,
)
_FURNITURE_ROLES = {"navigation", "dialog", "alertdialog", "banner", "complementary", "contentinfo", "search"}
_KEEP_TAGS = {"html", "body", "article", "main"}
_CREDIT_TOKEN = re.compile(r"credit|copyright|source|quelle|urheber|photographer|fotograf", re.IGNORECASE)
_BYLINE_START = re.compile(r"^(?:von|by)\s+[A-ZÄÖÜ]", re.IGNORECASE)
_BYLINE_TOKEN = re.compile(r"byline|author|autor", re.IGNORECASE)
_LEAD_FIGURE = (
    "SCOPE//figure | SCOPE//*[not(ancestor::figure) and (contains(@class, 'caption')"
    " or contains(@class, 'bildunterschrift'))]"
)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?([A-ZÄÖÜ][\w.-]*(?:\s+[A-ZÄÖÜ][\w.-]*){0,3})")
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")
MIN_TRAFILATURA_CHARS = 150


def extract_from_html(html, *, url=None):
    """Read an article out of an HTML page (a str)."""
    tree = parse_html(html)
    meta = structured_metadata(tree)
    record = ExtractedArticle(url=url or meta.get("url"), source_format="html")
    record.image_caption, record.image_credit = lead_image(tree, meta)
    page_title = first_text(tree, "//article//h1") or first_text(tree, "//h1")
    byline_record = ExtractedArticle()
    for byline in bylines(tree):
        read_byline(byline, byline_record)
    footer_publisher = copyright_holder(tree)
    remove_page_furniture(tree)
    credit_agencies = standalone_credits(tree)
    document, (paragraphs, subheadings, body_agencies) = article_text(tree, meta, page_title, record)

    record.title = (
        meta.get("headline")
        or page_title
        or strip_site_suffix(meta.get("og_title"))
        or getattr(document, "title", None)
        or ""
    )
    record.body = "\n\n".join(paragraphs)
    record.subheadings = subheadings
    record.published_at = (
        meta.get("published")
        or time_element_date(tree)
        or page_date(html)
        or parse_iso(getattr(document, "date", None))
    )
    record.publisher = meta.get("publisher") or getattr(document, "sitename", None) or footer_publisher
    record.authors = (
        meta.get("authors") or byline_record.authors or split_authors(getattr(document, "author", None))
    )
    record.agencies = agency_credits.merge(
        body_agencies, credit_agencies, meta.get("agencies", []), byline_record.agencies
    )
    record.authors = [name for name in record.authors if not agency_credits.credit_line_agencies(name)]
    record.language = detect_language(record.body, hint=meta.get("language"))
    record.section = meta.get("section") or None
    return record


def parse_html(html):
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        # lxml refuses str input with an encoding declaration; bytes let it decide.
        return lxml.html.document_fromstring(html.encode("utf-8", "replace"))


def first_text(tree, xpath):
    for element in tree.xpath(xpath):
        text = " ".join(element.text_content().split())
        if text:
            return text
    return None


def strip_site_suffix(title):
    """ "Stadtrat beschließt ... | Beispielzeitung" -> "Stadtrat beschließt ..."."""
    return _SITE_SUFFIX.sub("", title).strip() if title else None


# --- structured metadata ---------------------------------------------------------------------


def structured_metadata(tree):
    """Facts the page states about itself: JSON-LD first, then OpenGraph and <meta>."""
    meta = {}
    article = json_ld_article(tree)
    if article:
        read_json_ld(article, meta)
    read_meta_tags(tree, meta)
    return meta


def json_ld_article(tree):
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        for item in json_ld_items(script.text_content()):
            types = item.get("@type", [])
            types = [types] if isinstance(types, str) else types
            if any(str(kind).lower() in ARTICLE_TYPES for kind in types):
                return item
    return None


def json_ld_items(raw):
    """Every object in a JSON-LD block, looking inside lists and @graph."""
    raw = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", raw or "")
    try:
        data = json.loads(raw)
    except ValueError:
        return []
    pending, found = [data], []
    while pending:
        item = pending.pop(0)
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            found.append(item)
            pending.extend(item.get("@graph", []))
    return found


def names_of(value):
    """Names from a JSON-LD person/organisation value: "X", {"name": "X"} or a list."""
    if isinstance(value, list):
        return [name for item in value for name in names_of(item)]
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and value.strip() and not value.startswith("http"):
        return [" ".join(value.split())]
    return []


def read_json_ld(article, meta):
    meta["headline"] = " ".join(str(article.get("headline") or article.get("name") or "").split())
    meta["published"] = parse_iso(article.get("datePublished") or article.get("dateCreated"))
    people, agencies = [], []
    for name in names_of(article.get("author")) + names_of(article.get("creator")):
        (agencies if agency_credits.credit_line_agencies(name) else people).append(name)
    meta["authors"] = list(dict.fromkeys(people))
    meta["agencies"] = agency_credits.merge(
        *[agency_credits.credit_line_agencies(name) for name in agencies],
        *[agency_credits.credit_line_agencies(name) for name in names_of(article.get("sourceOrganization"))],
    )
    publisher = names_of(article.get("publisher"))
    meta["publisher"] = publisher[0] if publisher else None
    page = article.get("mainEntityOfPage")
    meta["url"] = article.get("url") or (page.get("@id") if isinstance(page, dict) else page)
    meta["language"] = article.get("inLanguage") if isinstance(article.get("inLanguage"), str) else None
    meta["article_body"] = article.get("articleBody") or ""
    meta["section"] = first_name(article.get("articleSection"))
    meta["live_blog"] = "LiveBlogPosting" in str(article.get("@type"))
    image = article.get("image")
    image = image[0] if isinstance(image, list) and image else image
    if isinstance(image, dict):
        meta["image_caption"] = image.get("caption") or image.get("description")
        credit = (
            image.get("creditText") or names_of(image.get("copyrightHolder")) or names_of(image.get("author"))
        )
        meta["image_credit"] = credit[0] if isinstance(credit, list) else credit


def first_name(value):
    """articleSection may be a string or a list of them; the first one is the section."""
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str) and item.strip()), "")
    return " ".join(value.split()) if isinstance(value, str) else ""


def read_meta_tags(tree, meta):
    def content(*names):
        for name in names:
            for element in tree.xpath(f'//meta[@property="{name}" or @name="{name}"]'):
                value = " ".join((element.get("content") or "").split())
                if value:
                    return value
        return None

    meta["og_title"] = content("og:title", "twitter:title")
    meta.setdefault("headline", None)
    if not meta.get("published"):
        meta["published"] = parse_iso(
            content(
                "article:published_time",
                "datePublished",
                "date",
                "dc.date",
                "DC.date.issued",
                "publish-date",
                "parsely-pub-date",
                "pubdate",
            )
        )
    if not meta.get("publisher"):
        meta["publisher"] = content("og:site_name", "application-name", "publisher")
    if not meta.get("authors"):
        named = content("author", "article:author", "dc.creator", "parsely-author")
        if named and not named.startswith("http"):
            authors = split_authors(named)
            meta["agencies"] = agency_credits.merge(
                meta.get("agencies", []), *[agency_credits.credit_line_agencies(name) for name in authors]
            )
            meta["authors"] = authors
    meta["section"] = meta.get("section") or content("article:section")
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    meta["url"] = meta.get("url") or content("og:url") or (canonical[0] if canonical else None)
    language = tree.xpath("/html/@lang") or [content("og:locale", "language") or ""]
    meta["language"] = meta.get("language") or language[0] or None


def split_authors(value):
    if not value:
        return []
    parts = re.split(r"\s*(?:;|,|\bund\b|\band\b|&)\s*", value)
    return [part.strip() for part in parts if len(part.strip().split()) >= 1 and part.strip()]


def bylines(tree):
    """Texts of byline elements ("Von Anna Beispiel"), read before furniture is removed."""
    texts = []
    for element in tree.xpath("//*[@class or @rel or @itemprop]"):
        marks = " ".join(element.get(name, "") for name in ("class", "rel", "itemprop"))
        if _BYLINE_TOKEN.search(marks) and element.tag not in {"meta", "link", "script"}:
            text = " ".join(element.text_content().split())
            if 0 < len(text) <= 120:
                texts.append(text if _BYLINE_START.match(text) else f"Von {text}")
    if not texts:
        # No marked byline: a short "Von ..." line in the article will do.
        for element in tree.xpath("//article//*[self::p or self::div or self::span]"):
            text = " ".join(element.text_content().split())
            if len(text) <= 120 and _BYLINE_START.match(text):
                texts.append(text)
    return texts[:3]


def copyright_holder(tree):
    """ "© Heimatbote Oberbach" in the footer, for pages that name their outlet nowhere else."""
    footers = tree.xpath("//footer | //*[contains(@id, 'footer') or contains(@class, 'footer')]")
    for footer in footers:
        match = _COPYRIGHT.search(" ".join(footer.text_content().split()))
        if match and not agency_credits.credit_line_agencies(match.group(1)):
            return re.sub(r"\s+(?:GmbH|AG|KG|Verlag)\b.*$", "", match.group(1)).strip()
    return None


def time_element_date(tree):
    for xpath in (
        "//article//time[@datetime]",
        '//time[@itemprop="datePublished"]',
        "//time[@pubdate]",
        "//time[@datetime]",
    ):
        for value in tree.xpath(xpath + "/@datetime"):
            parsed = parse_iso(value)
            if parsed:
                return parsed
    return None


def page_date(html):
    """htmldate's reading of the publication date, for pages without markup for it."""
    try:
        return htmldate.find_date(html, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        return None


# --- lead image ------------------------------------------------------------------------------


def lead_image(tree, meta):
    """Caption and credit of the article's first figure, else of the JSON-LD image."""
    caption, credit = None, None
    # A figure, or a box whose class says caption; the union comes in document order.
    figures = (
        tree.xpath(_LEAD_FIGURE.replace("SCOPE", "//article"))
        or tree.xpath(_LEAD_FIGURE.replace("SCOPE", "//main"))
        or tree.xpath(_LEAD_FIGURE.replace("SCOPE", ""))
    )
    for figure in figures[:1]:
        caption, credit = figure_caption(figure)
    if not caption and not credit:
        caption, credit = caption_paragraph(tree)
    json_caption, json_credit = split_caption(meta.get("image_caption") or "")
    return caption or json_caption, credit or meta.get("image_credit") or json_credit


def figure_caption(figure):
    credit_elements = [
        element
        for element in figure.iter()
        if isinstance(element.tag, str)
        and element.tag in {"small", "cite"}
        or _CREDIT_TOKEN.search(element.get("class", "") if isinstance(element.tag, str) else "")
    ]
    credit = None
    for element in credit_elements:
        credit = split_caption(element.text_content())[1] or " ".join(element.text_content().split()) or None
        element.drop_tree()
        if credit:
            break
    captions = figure.xpath(".//figcaption") or ([figure] if figure.tag != "figure" else [])
    text = captions[0].text_content() if captions else ""
    caption, inline_credit = split_caption(text)
    return caption, credit or inline_credit


def caption_paragraph(tree):
    """A "Foto: ..." / "Bild: ..." line near the top of the article, with its caption."""
    scope = "//article" if tree.xpath("//article") else ""
    for element in tree.xpath(f"{scope}//p | {scope}//span | {scope}//div[not(*)]")[:60]:
        text = " ".join(element.text_content().split())
        if (
            len(text) <= 300
            and (is_credit_only(text) or split_caption(text)[1])
            and (
                text.lower().startswith(("foto", "bild", "©"))
                or PHOTO_AGENCIES.search(text)
                or re.search(r"\b(?:foto|bild):", text, re.IGNORECASE)
            )
        ):
            return split_caption(text)
    return None, None


# --- page furniture --------------------------------------------------------------------------


def remove_page_furniture(tree):
    """Cut out what is on the page but not the article."""
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or not still_attached(element, tree):
            continue
        if element.tag in {
            "script",
            "style",
            "noscript",
            "template",
            "iframe",
            "form",
            "button",
        } or is_furniture(element):
            if element.tag == "script" and element.get("type") == "application/ld+json":
                continue
            element.drop_tree()
    remove_link_boxes(tree)


def is_furniture(element):
    if element.tag in _KEEP_TAGS or element.xpath(".//h1") or element.get("itemprop") == "articleBody":
        return False
    tokens = " ".join(element.get(name, "") for name in ("class", "id", "aria-label"))
    if any(_FURNITURE_TOKEN.search(token) for token in tokens.split()):
        return True
    return element.get("role", "").lower() in _FURNITURE_ROLES or element.tag == "nav"


def remove_link_boxes(tree):
    """Remove "Mehr zum Thema" / "Lesen Sie auch" boxes and comment sections found by their
    heading text, whatever their markup."""
    for element in list(tree.iter("h2", "h3", "h4", "h5", "h6", "strong", "b", "p", "span", "div", "header")):
        if not still_attached(element, tree):
            continue
        text = " ".join(element.text_content().split())
        if not text or len(text) > 60:
            continue
        if not (cues.RELATED_LINKS.search(text) or cues.COMMENT_SECTION.search(text)):
            continue
        box = element.getparent()
        if (
            box.tag in _KEEP_TAGS
            or box.get("itemprop") == "articleBody"
            or box.xpath(".//h1")
            or len(box.text_content()) > 3000
        ):
            # The heading sits among the paragraphs: drop it and the list right after it.
            following = element.getnext()
            if (
                following is not None
                and following.tag in {"ul", "ol", "div", "p"}
                and link_text_ratio(following) >= 0.5
            ):
                following.drop_tree()
            element.drop_tree()
        else:
            box.drop_tree()


def still_attached(element, tree):
    """False once an ancestor was dropped (the element still has a parent, the parent not)."""
    top = element
    for top in element.iterancestors():  # noqa: B007 - the loop leaves the last ancestor in top
        pass
    return top is not element and top is tree.getroottree().getroot()


def link_text_ratio(element):
    text = len(element.text_content().strip()) or 1
    linked = sum(len(link.text_content().strip()) for link in element.iter("a"))
    return linked / text


def standalone_credits(tree):
    """Agency credits in their own small element ("<p class=source>Quelle: dpa</p>"), which
    trafilatura may leave out of the main text."""
    found = []
    for element in tree.xpath(
        "//article//*[self::p or self::span or self::small or self::div][not(ancestor::figure)]"
    ):
        text = " ".join(element.text_content().split())
        if len(text) <= 80:
            found = agency_credits.merge(found, agency_credits.credit_line_agencies(text))
    return found


# --- main text -------------------------------------------------------------------------------


def article_text(tree, meta, page_title, record):
    """trafilatura's document (None if not used) and (paragraphs, subheadings, agencies)."""
    if is_live_blog(tree, meta):
        # trafilatura keeps one ticker entry and scrambles the rest; the dump reader knows
        # the "time stamp, title, text" rhythm of tickers.
        return None, text_reader_parts(tree, page_title)
    # favor_recall: news teasers are often bold or in a box of their own, which precision
    # mode drops; the furniture is gone already.
    document = trafilatura.bare_extraction(
        tree,
        url=record.url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_formatting=True,
        favor_recall=True,
    )
    parts = main_text(document, meta, page_title, record)
    if sum(len(paragraph) for paragraph in parts[0]) < MIN_TRAFILATURA_CHARS:
        parts = fallback_text(tree, meta, page_title)
    return document, parts


def main_text(document, meta, page_title, record):
    """Paragraphs, subheadings and body agency credits from trafilatura's output tree."""
    if document is None or getattr(document, "body", None) is None:
        return [], [], []
    known = {text for text in (meta.get("headline"), page_title, record.image_caption) if text}
    blocks = []
    for element in document.body:
        text = block_text(element)
        if text and text not in known:
            blocks.append(
                (
                    "heading"
                    if element.tag == "head" and element.get("rend") != "h1"
                    else "skip"
                    if element.tag == "head"
                    else "paragraph",
                    text,
                )
            )
    return read_blocks(blocks, captions={record.image_caption})


def block_text(element):
    if element.tag == "list":
        items = [" ".join("".join(item.itertext()).split()) for item in element.iter("item")]
        return "\n".join(f"– {item}" for item in items if item)
    return " ".join("".join(element.itertext()).split())


def read_blocks(blocks, captions=()):
    paragraphs, subheadings, found_agencies = [], [], []
    for position, (kind, text) in enumerate(blocks):
        credited = agency_credits.credit_line_agencies(text)
        if credited:
            found_agencies += credited
            continue
        if (
            kind == "skip"
            or cues.is_boilerplate_text(text)
            or is_caption(text, captions)
            or is_byline_or_date(text)
        ):
            continue
        if kind == "heading":
            # A heading with no text after it closes a box, it introduces nothing.
            if position + 1 < len(blocks) and blocks[position + 1][0] == "paragraph":
                paragraphs.append(text)
                subheadings.append(text)
            continue
        text, trailing = agency_credits.split_trailing_credit(text)
        found_agencies += trailing + agency_credits.dateline_agencies(text)
        if text:
            paragraphs.append(text)
    return paragraphs, subheadings, agency_credits.merge(found_agencies)


def is_caption(text, captions):
    """A photo credit, or a caption with its credit, left in the text flow."""
    caption, credit = split_caption(text)
    return (
        bool(credit)
        and len(text) <= 300
        and (not caption or caption in captions or text.lower().startswith(("foto", "bild")))
    )


def is_byline_or_date(text):
    if len(text) > 100:
        return False
    if re.match(r"^(?:von|by|autor(?:in)?:)\s+[A-ZÄÖÜ]", text, re.IGNORECASE):
        return True
    found = find_date(text)
    return bool(found) and len(text) - (found.end - found.start) <= 40


def is_live_blog(tree, meta):
    if meta.get("live_blog"):
        return True
    # Ticker entries: siblings, each with one time stamp, a title and text. (Siblings, so
    # that the wrappers around an ordinary article with one <time> do not count.)
    entries = tree.xpath(
        "//*[(self::article or self::li or self::div) and count(.//time) = 1"
        " and .//p and (.//h2 or .//h3 or .//h4 or .//strong)]"
    )
    parents = [entry.getparent() for entry in entries]
    return any(parents.count(parent) >= 3 for parent in set(parents))


def fallback_text(tree, meta, page_title):
    """For pages trafilatura finds too little on: JSON-LD articleBody, else the page's
    visible text through the plain-text dump reader."""
    article_body = meta.get("article_body", "")
    if len(article_body) >= MIN_TRAFILATURA_CHARS:
        blocks = [
            ("paragraph", " ".join(part.split()))
            for part in re.split(r"\n\s*\n", article_body)
            if part.strip()
        ]
        return read_blocks(blocks)
    return text_reader_parts(tree, page_title)


def text_reader_parts(tree, page_title):
    from_text = extract_from_text(visible_text(tree))
    paragraphs = [p for p in from_text.paragraphs if p != page_title]
    return paragraphs, from_text.subheadings, from_text.agencies


def visible_text(tree):
    """The page as a text browser would print it: one block element per line, with a
    ticker's time stamp directly above the entry title it belongs to."""
    lines = []
    for element in tree.iter("h1", "h2", "h3", "h4", "p", "li", "figcaption", "time", "blockquote"):
        text = " ".join(element.text_content().split())
        if text:
            lines.extend([text] if element.tag == "time" else [text, ""])
    return "\n".join(lines)
