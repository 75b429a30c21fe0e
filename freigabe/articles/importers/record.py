"""The result every importer returns: one article, as plain values."""

from dataclasses import asdict, dataclass, field


@dataclass
class ExtractedArticle:
    """An article's text and metadata, whatever shape the source page had.

    `body` holds the paragraphs in reading order, separated by blank lines; subheadings stay
    in it as paragraphs of their own (they are part of what readers see) and are also listed
    in `subheadings`. `published_at` is an ISO date ("2021-11-04") or datetime string.
    """

    title: str = ""
    body: str = ""
    published_at: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    image_caption: str | None = None
    image_credit: str | None = None
    subheadings: list[str] = field(default_factory=list)
    url: str | None = None
    language: str | None = None
    section: str | None = None  # the newsroom's section (Ressort), when the page names it
    source_format: str | None = None  # "html" or "text": which importer read the page

    @property
    def paragraphs(self):
        return [part for part in self.body.split("\n\n") if part.strip()]

    def to_dict(self):
        return asdict(self)
