"""Bringing a site's comment history in: articles matched or created, comments with their
status and an imported Decision each, threads linked, nothing twice.

Comments arrive in batches: each batch is one transaction with bulk inserts, so 100,000
comments take well under the five minutes we promise (bench/import_speed.py). Imported
comments are created with their final status and their Decision (marked `imported`, no
actor, the original date): decide() changes the status of comments that exist, and an
import changes none. Only pending comments are assessed (they join the editors' queue
and need their triage scores); decided history needs no suggestion, and assessing every
comment would cost about as long as the whole import.
"""

import logging
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from types import SimpleNamespace
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from freigabe.articles.importers.ids import derive_article_id
from freigabe.articles.models import Article, Site
from freigabe.articles.services import clean_section
from freigabe.comments.models import Comment, Status
from freigabe.comments.services import clean_text, rule_score_fields
from freigabe.integrations.bulk import insert_returning_pks
from freigabe.integrations.importers import READERS
from freigabe.integrations.importers.base import ImportItem, Problem
from freigabe.integrations.models import ImportedComment
from freigabe.integrations.perspective import assess_for_site
from freigabe.moderation.models import Action, Decision

log = logging.getLogger(__name__)

BATCH_SIZE = 1000
PROGRESS_EVERY = 10_000
MAX_PROBLEMS = 1000
MAX_NAME_CHARS = 80
TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "wt_mc", "wt.mc_id")
ACTIONS = {Status.RELEASED: Action.RELEASE, Status.REJECTED: Action.REJECT, Status.REMOVED: Action.REMOVE}
# What the old system told us about a rejection, as our reason codes (for site learning).
REJECTION_REASONS = {"spam": ["advertising"], "deleted": ["other"], "": ["other"]}


def normalise_url(url):
    """One key for the ways an export may spell an article's address: scheme, `www.`,
    default port, trailing slash, fragment and tracking parameters do not count."""
    parts = urlsplit((url or "").strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/") or "/"
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith(TRACKING_PARAMETERS)
    )
    return f"{host}{path}" + (f"?{urlencode(query)}" if query else "")


@dataclass
class ImportReport:
    articles_created: int = 0
    articles_matched: int = 0
    comments_imported: int = 0
    comments_skipped: int = 0
    by_status: Counter = field(default_factory=Counter)
    problems: list = field(default_factory=list)
    problems_left_out: int = 0

    def problem(self, item, why):
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append({"item": item, "why": why})
        else:
            self.problems_left_out += 1

    def to_dict(self):
        result = {
            "articles_created": self.articles_created,
            "articles_matched": self.articles_matched,
            "comments_imported": self.comments_imported,
            "comments_skipped": self.comments_skipped,
            "by_status": dict(sorted(self.by_status.items())),
            "problems": list(self.problems),
        }
        if self.problems_left_out:
            result["problems"].append(
                {"item": "…", "why": f"{self.problems_left_out} more problems not listed"}
            )
        return result


def import_comments(site, items, *, source, dry_run=False, progress=lambda message: None):
    """Import the readers' items for `site`; return the ImportReport. Idempotent."""
    return _Importer(site, source, dry_run, progress).run(items)


class _Importer:
    def __init__(self, site, source, dry_run, progress):
        self.site, self.source, self.dry_run, self.progress = site, source, dry_run, progress
        self.report = ImportReport()
        self.by_url, self.by_external_id = {}, {}
        for pk, url, external_id in site.articles.values_list("pk", "url", "external_id"):
            if url:
                self.by_url.setdefault(normalise_url(url), pk)
            self.by_external_id[external_id] = pk
        self.created_articles, self.matched_articles = set(), set()
        self.touched_articles = set()
        self.unlinked = []  # (comment pk, article pk, parent's external id) not yet found
        self.seen = set()  # dry run only: the external ids this run would have imported
        self.articles_for_assessment = {}
        self.started = time.monotonic()

    def run(self, items):
        batch, read = [], 0
        for item in items:
            read += 1
            if isinstance(item, Problem):
                self.report.comments_skipped += 1
                self.report.problem(item.item, item.why)
            else:
                batch.append(item)
            if len(batch) >= BATCH_SIZE:
                self._flush(batch)
                batch = []
            if read % PROGRESS_EVERY == 0:
                self._progress(read)
        if batch:
            self._flush(batch)
        self._link_remaining_parents()
        if not self.dry_run and self.touched_articles:
            Article.objects.filter(pk__in=self.touched_articles).update(
                thread_version=F("thread_version") + 1
            )
        self.report.articles_created = len(self.created_articles)
        self.report.articles_matched = len(self.matched_articles - self.created_articles)
        self._progress(read, done=True)
        return self.report

    def _progress(self, read, done=False):
        seconds = time.monotonic() - self.started
        self.progress(
            f"{'done: ' if done else ''}{read} read, "
            f"{self.report.comments_imported} imported, "
            f"{self.report.comments_skipped} skipped, {seconds:.1f} s"
        )

    # --- one batch ----------------------------------------------------------------------------

    def _flush(self, batch):
        fresh = self._not_yet_imported(batch)
        if not fresh:
            return
        if self.dry_run:
            self._create_articles(fresh)
            for item in fresh:
                self._article_for(item)
                self.seen.add(item.external_id)
                self._count(item)
            self.unlinked.extend(
                self._link_parents([(None, None, item.parent_id) for item in fresh if item.parent_id])
            )
            return
        with transaction.atomic():
            self._create_articles(fresh)
            comments = [self._comment(item, self._article_for(item)) for item in fresh]
            later = self._link_known_parents(comments, fresh)
            insert_returning_pks(Comment, comments)
            insert_returning_pks(
                ImportedComment,
                [
                    ImportedComment(
                        site=self.site, source=self.source, external_id=item.external_id, comment=comment
                    )
                    for comment, item in zip(comments, fresh)
                ],
            )
            self._record_decisions(comments, fresh)
            # Parents in this very batch have their ids only now.
            in_batch = {
                item.external_id: (comment.pk, comment.article_id) for comment, item in zip(comments, fresh)
            }
            pairs = []
            for comment, item in later:
                parent = in_batch.get(item.parent_id)
                if parent is None:
                    self.unlinked.append((comment.pk, comment.article_id, item.parent_id))
                elif parent[1] != comment.article_id:
                    self._parent_elsewhere(item.parent_id)
                else:
                    pairs.append((parent[0], comment.pk))
            _set_parents(pairs)
        for item in fresh:
            self._count(item)

    def _link_known_parents(self, comments, items):
        """Set the parent of replies whose parent was imported before; return the others."""
        wanted = sorted({item.parent_id for item in items if item.parent_id})
        found = self._imported(wanted)
        later = []
        for comment, item in zip(comments, items):
            if not item.parent_id:
                continue
            if item.parent_id not in found:
                later.append((comment, item))
            elif found[item.parent_id][1] != comment.article_id:
                self._parent_elsewhere(item.parent_id)
            else:
                comment.parent_id = found[item.parent_id][0]
        return later

    def _imported(self, external_ids):
        """{external id: (comment pk, article pk)} of this source's comments on the site."""
        found = {}
        for start in range(0, len(external_ids), 900):
            found.update(
                (external_id, (comment_id, article_id))
                for external_id, comment_id, article_id in ImportedComment.objects.filter(
                    site=self.site, source=self.source, external_id__in=external_ids[start : start + 900]
                ).values_list("external_id", "comment_id", "comment__article_id")
            )
        return found

    def _parent_elsewhere(self, parent):
        self.report.problem(f"reply to {parent}", "its parent is on another article; imported as top-level")

    def _count(self, item):
        self.report.comments_imported += 1
        self.report.by_status[item.status] += 1

    def _not_yet_imported(self, batch):
        ids = [item.external_id for item in batch]
        done = set(
            ImportedComment.objects.filter(
                site=self.site, source=self.source, external_id__in=ids
            ).values_list("external_id", flat=True)
        )
        fresh, in_batch = [], set()
        for item in batch:
            if item.external_id in done or item.external_id in in_batch or item.external_id in self.seen:
                self.report.comments_skipped += 1
                continue
            problem = _invalid(item)
            if problem:
                self.report.comments_skipped += 1
                self.report.problem(f"comment {item.external_id}", problem)
                continue
            in_batch.add(item.external_id)
            fresh.append(item)
        return fresh

    def _article_for(self, item):
        """The article's pk: by our own article id, else by normalised URL."""
        pk = self.by_external_id.get(item.article_id) if item.article_id else None
        if pk is None and item.url:
            pk = self.by_url.get(_normalised(item.url))
        if pk is None:
            return None
        self.touched_articles.add(pk)
        if pk not in self.created_articles:
            self.matched_articles.add(pk)
        return pk

    def _create_articles(self, items):
        """One insert for the articles this batch needs that the site does not have yet."""
        new = {}
        for item in items:
            if self._article_for(item) is not None:
                continue
            key = _normalised(item.url) if item.url else f"id:{item.article_id}"
            if key in new:
                continue
            external_id = item.article_id or derive_article_id(
                SimpleNamespace(url=item.url, title=item.title or "", published_at=None)
            )
            if external_id in self.by_external_id or any(
                article.external_id == external_id for article, _ in new.values()
            ):
                external_id = f"{external_id[:180]}-{len(self.by_external_id) + len(new)}"
            new[key] = (
                Article(
                    site=self.site,
                    external_id=external_id,
                    body="",
                    title=(item.title or item.url or external_id)[:500],
                    section=clean_section(item.section),
                    url=item.url[:1000] if item.url.startswith(("http://", "https://")) else "",
                ),
                item,
            )
        if not new:
            return
        if not self.dry_run:
            Article.objects.bulk_create([article for article, _ in new.values()])
        for key, (article, item) in new.items():
            pk = article.pk if not self.dry_run else f"dry-run:{article.external_id}"
            self.by_external_id[article.external_id] = pk
            if item.url:
                self.by_url[key] = pk
            self.created_articles.add(pk)

    def _comment(self, item, article_pk):
        status = item.status
        comment = Comment(
            article_id=article_pk,
            author_name=_name(item.author_name),
            created_at=item.created_at or timezone.now(),
            author_email=_email(item.author_email),
            body=_clean_body(item.body),
            status=status,
            author_token_hash="",
            decided_at=None if status == Status.PENDING else item.created_at or timezone.now(),
        )
        if status == Status.PENDING:
            self._assess(comment)
        return comment

    def _assess(self, comment):
        article = self.articles_for_assessment.get(comment.article_id)
        if article is None:
            article = Article.objects.get(pk=comment.article_id)
            self.articles_for_assessment = {comment.article_id: article}
        try:
            assessment = assess_for_site(
                self.site,
                comment.body,
                article=(f"{article.title}\n\n{article.body}" if article.body else None),
            )
        except Exception:  # noqa: BLE001 - like a submission: reviewed without a suggestion
            log.exception("assessment of an imported comment failed")
            assessment = None
        comment.assessment = assessment
        comment.model_version = (assessment or {}).get("model_version", "")
        comment.suggestion = (assessment or {}).get("decision", "review")
        scores = rule_score_fields(assessment)
        for name, value in scores.items():
            setattr(comment, name, value)
        comment.risk = max(scores.values(), default=1.0) if assessment else 1.0

    def _record_decisions(self, comments, items):
        decisions = []
        for comment, item in zip(comments, items):
            if comment.status == Status.PENDING:
                continue
            restricting = comment.status in (Status.REJECTED, Status.REMOVED)
            decisions.append(
                Decision(
                    comment=comment,
                    actor=None,
                    action=ACTIONS[comment.status],
                    from_status=Status.RELEASED if comment.status == Status.REMOVED else Status.PENDING,
                    to_status=comment.status,
                    reasons=REJECTION_REASONS.get(item.rejected_as, ["other"]) if restricting else [],
                    note=f"Importiert aus {self.source}"
                    + (f" ({item.rejected_as})" if item.rejected_as else ""),
                    imported=True,
                    automated=False,
                    created_at=comment.decided_at,
                )
            )
        insert_returning_pks(Decision, decisions)

    # --- threads ------------------------------------------------------------------------------

    def _link_parents(self, links):
        """Link the replies whose parent is in the database by now; return the others."""
        if not links:
            return []
        wanted = {parent for _, _, parent in links}
        found = self._imported(sorted(wanted))
        if self.dry_run:
            found.update((external_id, (None, None)) for external_id in wanted & self.seen)
        linked, waiting = [], []
        for child, article, parent in links:
            if parent not in found:
                waiting.append((child, article, parent))
            elif not self.dry_run and found[parent][1] != article:
                self._parent_elsewhere(parent)
            elif not self.dry_run:
                linked.append((found[parent][0], child))
        _set_parents(linked)
        return waiting

    def _link_remaining_parents(self):
        """Parents later in the file than their replies are linked now; missing ones noted."""
        with transaction.atomic():
            missing = self._link_parents(self.unlinked)
        for _, _, parent in missing:
            self.report.problem(
                f"reply to {parent}", "its parent is not in the export; imported as top-level"
            )
        self.unlinked = []


def _set_parents(pairs):
    """(parent pk, reply pk) pairs: one prepared UPDATE run for all of them."""
    if pairs:
        quote = connection.ops.quote_name
        table, parent = quote(Comment._meta.db_table), quote(Comment._meta.get_field("parent").column)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET {parent} = %s WHERE {quote(Comment._meta.pk.column)} = %s", pairs
            )


def _invalid(item: ImportItem):
    if item.status != Status.REJECTED and not item.body.strip():
        return "empty comment text"
    if len(item.external_id) > 200:
        return "id longer than 200 characters"
    return ""


@lru_cache(maxsize=4096)
def _normalised(url):
    # The comments of one article carry the same URL: normalise it once.
    return normalise_url(url)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _clean_body(body):
    """clean_text() of a submission, skipped (it walks every character) when a regex
    finds nothing for it to drop."""
    return clean_text(body) if _CONTROL.search(body) else body.strip()


@lru_cache(maxsize=65536)
def _name(name):
    name = clean_text(name or "")[:MAX_NAME_CHARS]
    return name or "Anonym"


@lru_cache(maxsize=65536)
def _email(email):
    email = (email or "").strip()[:254]
    try:
        validate_email(email)
    except ValidationError:
        return ""
    return email


def import_file(site_slug, path, format, *, base_url="", dry_run=False, progress=lambda message: None):
    """Read `path` with the format's reader and import it; return the report as a dict."""
    site = Site.objects.get(slug=site_slug)
    items = READERS[format](path, base_url=base_url)
    return import_comments(site, items, source=format, dry_run=dry_run, progress=progress).to_dict()


def _log_progress(message):
    log.info("import-comments: %s", message)


from freigabe.jobs import job  # noqa: E402 - the job decorator needs the function above


@job(max_attempts=3)
def import_file_in_worker(site_slug, path, format, base_url=""):
    """A large import as a background job (`import-comments --in-worker`). Running it again
    after a crash continues where it stopped: imported comments are skipped."""
    return import_file(site_slug, path, format, base_url=base_url, progress=_log_progress)
