"""Sending statements of reasons to the DSA Transparency Database's API (Art. 24(5) DSA).

Every rejection, removal and ban has a StatementSubmission row (made with it, in its
transaction). `submit_pending()` builds the pending records, validates them by the
database's rules, and sends them per provider (the legal entity whose token it is) in
batches of at most 100 to `POST /api/v1/statements`:

- 201: each statement is marked submitted, with the database's uuid;
- 422: the errors are per statement (`statement_N`); a duplicate puid means the database
  has it already (an earlier run died before recording the answer): done. The others'
  errors are recorded and they stay pending; the rest of the batch is sent again (the
  database created none of a refused batch);
- network errors and 5xx are retried with backoff, then left pending for the next run;
- 401/403: the provider's token is refused; its statements stay pending.

Nothing is ever dropped: a statement leaves `pending` only when the database has it, or
when the decision it reports was undone in its undo window (or erased) — `withdrawn`.
"""

import json
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from datetime import time as day_start

from django.conf import settings
from django.utils import timezone

from freigabe.comments.finality import UNDO_WINDOW
from freigabe.compliance.dsa import (
    EXPORTED_ACTIONS,
    UnknownCategory,
    ban_record,
    decision_puid,
    redactor_for,
    statement_record,
)
from freigabe.compliance.dsa_schema import messages, validate
from freigabe.compliance.models import Notice, StatementSubmission
from freigabe.jobs import job

log = logging.getLogger(__name__)

BATCH_SIZE = 100  # the API's limit per request
ENDPOINT = "/api/v1/statements"
DEFAULT_PROVIDER = "default"
RETRY_DELAYS = (1, 4, 15)  # seconds before each retry of a network error or 5xx
TIMEOUT_SECONDS = 30
DUPLICATE_PUID = "not unique"
PENDING, SUBMITTED, WITHDRAWN = (
    StatementSubmission.State.PENDING,
    StatementSubmission.State.SUBMITTED,
    StatementSubmission.State.WITHDRAWN,
)


class SubmissionConfigError(Exception):
    pass


@dataclass
class Provider:
    name: str
    url: str
    token: str
    sites: tuple = ()


@dataclass
class Outcome:
    """What a run did, for the command's JSON and the job's result."""

    dry_run: bool = False
    checked: int = 0
    submitted: int = 0
    duplicates: int = 0
    withdrawn: int = 0
    invalid: int = 0
    failed: int = 0
    problems: list = field(default_factory=list)

    def problem(self, submission, message, errors=None):
        self.problems.append({"puid": submission.puid, "detail": message, "errors": errors or {}})

    def as_dict(self):
        still = StatementSubmission.objects.filter(state=PENDING).count()
        return {
            "dry_run": self.dry_run,
            "checked": self.checked,
            "submitted": self.submitted,
            "duplicates": self.duplicates,
            "withdrawn": self.withdrawn,
            "invalid": self.invalid,
            "failed": self.failed,
            "pending": still,
            "problems": self.problems,
        }


# --- providers --------------------------------------------------------------------------------


def providers():
    """The configured providers; sites no provider names belong to the default one."""
    base = settings.FREIGABE_DSA_API_URL
    found = [Provider(DEFAULT_PROVIDER, base, settings.FREIGABE_DSA_API_TOKEN)]
    for name, config in (settings.FREIGABE_DSA_PROVIDERS or {}).items():
        found.append(
            Provider(name, config.get("url") or base, config.get("token", ""), tuple(config.get("sites", ())))
        )
    return found


def provider_for(slug, configured=None):
    configured = configured or providers()
    for provider in configured[1:]:
        if slug in provider.sites:
            return provider
    return configured[0]


def submission_configured():
    return any(provider.token for provider in providers())


# --- records ----------------------------------------------------------------------------------


def record_for(submission):
    """The record to send, or None when there is nothing to report any more."""
    if submission.restriction_id:
        record = ban_record(submission.restriction)
    else:
        decision = submission.decision
        if decision is None or decision.action == "undo" or hasattr(decision, "reverted_by"):
            return None
        notice = Notice.objects.filter(decision=decision).first()
        record = statement_record(decision, notice, redactor_for(decision, notice))
    # The puid given when the statement was made: a site renamed since changes nothing.
    record["puid"] = submission.puid
    return record


def due_submissions(site=None, since=None, now=None):
    """Pending statements whose decision can no longer be undone, oldest first."""
    now = now or timezone.now()
    rows = StatementSubmission.objects.filter(
        state=PENDING, created_at__lte=now - UNDO_WINDOW
    ).select_related(
        "site",
        "decision__comment__article__site",
        "decision__reverted_by",
        "restriction__ban",
        "restriction__site",
        "restriction__comment",
    )
    if site:
        rows = rows.filter(site__slug=site)
    if since:
        rows = rows.filter(created_at__gte=timezone.make_aware(datetime.combine(since, day_start.min)))
    return rows.order_by("created_at", "pk")


# --- a run ------------------------------------------------------------------------------------


def submit_pending(site=None, since=None, dry_run=False, progress=None, sleep=time.sleep):
    """Validate, then (unless dry_run) send every due statement. Returns an Outcome."""
    outcome = Outcome(dry_run=dry_run)
    configured = providers()
    batches = {}
    rows = list(due_submissions(site, since))
    for submission in rows:
        outcome.checked += 1
        record = _checked_record(submission, outcome)
        if record is not None:
            provider = provider_for(submission.site.slug if submission.site else "", configured)
            batches.setdefault(provider.name, (provider, []))[1].append((submission, record))
    if dry_run:
        return outcome
    for provider, items in batches.values():
        if not provider.token:
            _provider_problem(provider, items, outcome, _missing_token(provider))
            continue
        for start in range(0, len(items), BATCH_SIZE):
            _send_batch(provider, items[start : start + BATCH_SIZE], outcome, sleep)
            if progress:
                progress(min(start + BATCH_SIZE, len(items)), len(items), provider.name)
    return outcome


def _checked_record(submission, outcome):
    try:
        record = record_for(submission)
    except UnknownCategory as error:
        _note_failure(submission, str(error), {"category": [str(error)]})
        outcome.invalid += 1
        outcome.problem(submission, str(error), {"category": [str(error)]})
        return None
    if record is None:
        StatementSubmission.objects.filter(pk=submission.pk).update(
            state=WITHDRAWN, last_error="The decision was undone or erased: nothing to report."
        )
        outcome.withdrawn += 1
        return None
    errors = validate(record)
    if errors:
        detail = "Invalid by the Transparency Database's rules: " + "; ".join(messages(errors))
        _note_failure(submission, detail, errors)
        outcome.invalid += 1
        outcome.problem(submission, detail, errors)
        return None
    return record


def _missing_token(provider):
    if provider.name == DEFAULT_PROVIDER:
        return (
            "No API token: set FREIGABE_DSA_API_TOKEN (or name the site's provider in "
            "FREIGABE_DSA_PROVIDERS with its own token)."
        )
    variable = "FREIGABE_DSA_API_TOKEN_" + provider.name.upper().replace("-", "_")
    return f"No API token for provider '{provider.name}': set {variable}."


def _provider_problem(provider, items, outcome, detail):
    for submission, _ in items:
        _note_failure(submission, detail)
        outcome.failed += 1
        outcome.problem(submission, detail)


def _send_batch(provider, items, outcome, sleep):
    """Send one batch; on a 422, settle the statements it names and resend the rest."""
    while items:
        status, body = _post(provider, [record for _, record in items], sleep)
        if status == 201:
            _mark_created(items, body, outcome)
            return
        if status == 422:
            if len(items) > 1 and not _indexed_errors(body):
                # A refusal we cannot attribute: one at a time, every answer is clear.
                for item in items:
                    _send_batch(provider, [item], outcome, sleep)
                return
            items = _settle_refused(items, body, outcome)
            continue
        detail = (
            f"The Transparency Database refused the token of provider '{provider.name}' ({status})."
            if status in (401, 403)
            else f"The Transparency Database could not be reached or failed ({status or body});"
            f" the statements stay pending and are sent with the next run."
        )
        _provider_problem(provider, items, outcome, detail)
        return


def _post(provider, records, sleep):
    """POST the batch; retry network errors and 5xx. Returns (status, parsed body)."""
    request_body = json.dumps({"statements": records}, ensure_ascii=False).encode()
    url = provider.url.rstrip("/") + ENDPOINT
    last = (0, "no answer")
    for delay in (0, *RETRY_DELAYS):
        if delay:
            sleep(delay)
        request = urllib.request.Request(
            url,
            data=request_body,
            method="POST",
            headers={
                "Authorization": f"Bearer {provider.token}",
                "Accept": "application/json",
                "Content-Type": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
                return answer.status, _json(answer.read())
        except urllib.error.HTTPError as error:
            last = (error.code, _json(error.read()))
            if error.code < 500:
                return last
        except (urllib.error.URLError, OSError) as error:
            last = (0, str(getattr(error, "reason", error)))
        log.warning("DSA database: attempt failed (%s)", last[0] or last[1])
    return last


def _json(raw):
    try:
        return json.loads(raw or b"{}")
    except ValueError:
        return {}


def _mark_created(items, body, outcome):
    created = {
        entry.get("puid"): entry for entry in (body or {}).get("statements", []) if isinstance(entry, dict)
    }
    now = timezone.now()
    for submission, record in items:
        entry = created.get(submission.puid, {})
        StatementSubmission.objects.filter(pk=submission.pk).update(
            state=SUBMITTED,
            submitted_at=now,
            database_uuid=str(entry.get("uuid", ""))[:64],
            sent_record=record,
            errors={},
            last_error="",
            attempts=submission.attempts + 1,
            last_attempt_at=now,
        )
        outcome.submitted += 1


def _settle_refused(items, body, outcome):
    """Record the errors of the statements the 422 names; return the ones to resend."""
    indexed = _indexed_errors(body)
    if not indexed:  # one statement, answered like the single endpoint does
        errors = (body or {}).get("errors") or {}
        indexed = {0: errors or {"": [str((body or {}).get("message", "refused"))]}}
    resend = []
    for index, (submission, record) in enumerate(items):
        found = indexed.get(index)
        if found is None:
            resend.append((submission, record))
        elif _only_duplicate_puid(found):
            _mark_duplicate(submission, record)
            outcome.duplicates += 1
        else:
            detail = "Refused by the Transparency Database: " + "; ".join(messages(found))
            _note_failure(submission, detail, found)
            outcome.invalid += 1
            outcome.problem(submission, detail, found)
    return resend


def _indexed_errors(body):
    errors = (body or {}).get("errors") or {}
    return {
        int(key.split("_")[1]): value
        for key, value in errors.items()
        if key.startswith("statement_") and key.split("_")[1].isdigit() and isinstance(value, dict)
    }


def _only_duplicate_puid(errors):
    return set(errors) == {"puid"} and all(DUPLICATE_PUID in message for message in errors["puid"])


def _mark_duplicate(submission, record):
    now = timezone.now()
    StatementSubmission.objects.filter(pk=submission.pk).update(
        state=SUBMITTED,
        submitted_at=now,
        sent_record=record,
        errors={},
        last_error="The database already had this puid: sent before.",
        attempts=submission.attempts + 1,
        last_attempt_at=now,
    )


def _note_failure(submission, detail, errors=None):
    StatementSubmission.objects.filter(pk=submission.pk).update(
        last_error=detail,
        errors=errors or {},
        attempts=submission.attempts + 1,
        last_attempt_at=timezone.now(),
    )


# --- the job -----------------------------------------------------------------------------------


@job(max_attempts=1)
def submit_statements_job():
    """Send what is due, then come back after FREIGABE_DSA_SUBMIT_INTERVAL seconds."""
    try:
        return submit_pending().as_dict()
    finally:
        schedule_submission(settings.FREIGABE_DSA_SUBMIT_INTERVAL, force=True)


def schedule_submission(seconds, force=False):
    """Make sure one submission job is waiting (none twice: each run sends everything due)."""
    if not submission_configured():
        return
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    path = f"{submit_statements_job.func.__module__}.{submit_statements_job.func.__qualname__}"
    waiting = DBTaskResult.objects.filter(task_path=path, status=TaskResultStatus.READY)
    if not waiting.exists() or (force and not waiting.filter(run_after__gt=timezone.now()).exists()):
        submit_statements_job.enqueue_in(seconds)


def queue_statement(sender, instance, created, **kwargs):
    """post_save receiver on moderation.Decision: every restriction gets its submission."""
    # Imported history was decided by another system, long ago: not our statements.
    if not created or instance.action not in EXPORTED_ACTIONS or getattr(instance, "imported", False):
        return
    site = instance.comment.article.site
    StatementSubmission.objects.get_or_create(
        decision=instance, defaults={"puid": decision_puid(site.slug, instance.pk), "site": site}
    )
    schedule_submission(UNDO_WINDOW.total_seconds() + 5)
