"""Bans and suspensions as decisions (DSA Art. 17(1)(c)/(d)): a statement of reasons each,
shown to the author at their next attempt to comment, mailed where we have a confirmed
address, submitted to the Transparency Database and open to appeal like a rejection."""

from collections import Counter

from django.db import transaction
from django.utils import timezone

from freigabe.articles.rules import OTHER, rule_label, rule_text
from freigabe.comments.models import Comment
from freigabe.compliance.deadlines import mark_informed, restriction_appeal_deadline
from freigabe.compliance.dsa import ban_puid
from freigabe.compliance.models import AccountRestriction, StatementSubmission
from freigabe.compliance.notifications import send_ban_mail
from freigabe.compliance.statements import REDRESS_TEXT
from freigabe.moderation.bans import BanError, active_ban_for, lift_ban
from freigabe.moderation.models import Action, BanKind, Decision


def banned_comments(ban):
    """The comments of the author the ban identifies."""
    if ban.kind == BanKind.ACCOUNT:
        return Comment.objects.filter(author_external_id=ban.value)
    if ban.kind == BanKind.EMAIL:
        return Comment.objects.filter(author_email__iexact=ban.value)
    return Comment.objects.filter(ip_hash=ban.value)


def record_ban(ban):
    """Make the ban a decision with a statement of reasons; call inside its transaction."""
    comments = banned_comments(ban)
    latest = comments.select_related("article__site").order_by("-created_at", "-pk").first()
    first = comments.order_by("created_at").values_list("created_at", flat=True).first()
    restricted = Decision.objects.standing().filter(
        comment__in=comments.values("pk"), action__in=(Action.REJECT, Action.REMOVE)
    )
    counts = Counter(code for reasons in restricted.values_list("reasons", flat=True) for code in reasons)
    site = latest.article.site if latest else None
    restriction = AccountRestriction.objects.create(
        ban=ban,
        site=site,
        comment=latest,
        first_content_at=first,
        reasons=[code for code, _ in counts.most_common()] or [OTHER],
    )
    restriction.statement_of_reasons = compose_ban_statement(restriction, len(restricted))
    restriction.save(update_fields=["statement_of_reasons"])
    StatementSubmission.objects.create(
        puid=ban_puid(site.slug if site else "", ban.pk), site=site, restriction=restriction
    )
    if latest is not None and latest.author_email:
        send_ban_mail.enqueue(restriction.pk)
    return restriction


def compose_ban_statement(restriction, restricted_count):
    ban = restriction.ban
    house_rules = restriction.site.house_rules if restriction.site else None
    until = timezone.localtime(ban.ends_at) if ban.ends_at else None
    if until is None:
        text = {
            "de": "Sie sind dauerhaft von den Kommentaren ausgeschlossen.",
            "en": "You are permanently banned from commenting.",
        }
    else:
        text = {
            "de": f"Sie können bis {until:%d.%m.%Y %H:%M} Uhr keine Kommentare schreiben.",
            "en": f"You cannot comment until {until:%Y-%m-%d %H:%M} (Berlin time).",
        }
    return {
        "decision": "ban" if until is None else "suspension",
        "decision_text": text,
        "ends_at": until.isoformat() if until else None,
        "ground": "house_rules",
        "grounds": [
            {
                "code": code,
                "label": {lang: rule_label(house_rules, code, lang) for lang in ("de", "en")},
                "rule": {lang: rule_text(house_rules, code, lang) for lang in ("de", "en")},
            }
            for code in restriction.reasons
        ],
        "facts": {
            "ban_id": ban.pk,
            "decided_at": ban.created_at.isoformat(),
            "restricted_comments": restricted_count,
        },
        "source": "own_initiative",
        "automated_detection": False,
        "automated_decision": False,
        "redress": REDRESS_TEXT,
    }


def restriction_for_refusal(ban):
    """What a refused author is shown: the statement and how to appeal. Showing it informs
    the author, which opens the appeal window (if no mail did before)."""
    restriction = AccountRestriction.objects.filter(ban=ban).select_related("comment").first()
    if restriction is None:
        return {}
    mark_informed(restriction)
    details = {"statement_of_reasons": restriction.statement_of_reasons}
    if restriction.comment_id:
        details["appeal_possible_until"] = restriction_appeal_deadline(restriction).isoformat()
        details["appeal_path"] = f"/api/v1/comments/{restriction.comment_id}/ban-appeal"
    return details


def restriction_of_author(comment):
    """The running ban's restriction that covers this comment's author, or None."""
    ban = active_ban_for(
        account=comment.author_external_id, email=comment.author_email, ip_hash=comment.ip_hash
    )
    if ban is None:
        return None
    return AccountRestriction.objects.filter(ban=ban).select_related("ban", "comment").first()


def restrictions_between(since, until):
    return (
        AccountRestriction.objects.filter(ban__created_at__gte=since, ban__created_at__lt=until)
        .select_related("ban", "site", "comment")
        .order_by("ban__created_at", "pk")
    )


def lift_on_appeal(restriction, actor, note):
    with transaction.atomic():
        try:
            lift_ban(restriction.ban_id, actor=actor, reason=note)
        except BanError:
            pass  # lifted meanwhile by a colleague: the appeal's outcome stands
