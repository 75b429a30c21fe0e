"""What the editors' workspace shows: tab counts, the card for one comment, its context."""

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from freigabe.articles.rules import REASON_CODES, rule_label
from freigabe.comments.models import Comment, Status
from freigabe.moderation import extensions
from freigabe.moderation.authors import author_history, author_identities, thread_context
from freigabe.moderation.claims import comments_claimed_by_others
from freigabe.moderation.evidence_text import shown_why
from freigabe.moderation.highlight import highlighted_segments, is_model_word
from freigabe.moderation.models import Action, Decision
from freigabe.moderation.passage import referenced_passage

# Rules below this score are noise beside the comment.
SHOWN_SCORE = 0.05


# Every editor's page polls the counts; one count of the queue per moment serves them all.
COUNTS_KEY = "moderation:tab-counts"
COUNTS_SECONDS = 2


def tab_counts(user):
    """Counts for every tab; cheap enough to poll every few seconds."""
    from django.core.cache import caches

    counts = dict(caches["shared"].get_or_set(COUNTS_KEY, _count_tabs, COUNTS_SECONDS))
    if not user.has_perm("moderation.decide_appeal"):
        counts["appeals"] = None
    return counts


def forget_tab_counts():
    """After a decision, the deciding editor's next poll shows the new counts."""
    from django.core.cache import caches

    caches["shared"].delete(COUNTS_KEY)


def _count_tabs():
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return {
        "pending": Comment.objects.filter(status=Status.PENDING).count(),
        "decided": Decision.objects.standing()
        .filter(created_at__gte=today, action__in=(Action.RELEASE, Action.REJECT))
        .count(),
        **extensions.open_case_counts(),  # reports and appeals, kept by compliance
    }


def claimed_elsewhere_ids(user):
    return list(comments_claimed_by_others(user).values_list("comment_id", flat=True)[:500])


def reason_choices(house_rules, language):
    return [(code, rule_label(house_rules, code, language)) for code in REASON_CODES]


def reason_picker(house_rules, language):
    """The reason picker every card carries, rendered once per page rather than per card."""
    from django.template.loader import render_to_string

    return render_to_string(
        "moderation/_reason_picker.html", {"reasons": reason_choices(house_rules, language)}
    )


def rule_scores(assessment, house_rules, language):
    rules = (assessment or {}).get("rules") or {}
    scored = [
        {
            "code": code,
            "label": rule_label(house_rules, code, language),
            "score": round((rule or {}).get("score", 0) * 100),
            "whys": _shown_whys((rule or {}).get("evidence") or ()),
        }
        for code, rule in rules.items()
        if (rule or {}).get("score", 0) >= SHOWN_SCORE
    ]
    return sorted(scored, key=lambda rule: -rule["score"])


def _shown_whys(evidence):
    """At most two reasons an editor can check; the model's single words are none of them."""
    whys = [item.get("why") for item in evidence if item.get("why")]
    named = list(dict.fromkeys(shown_why(why) for why in whys if not is_model_word(why)))
    if not named and whys:
        return [_("Das Modell stützt sich auf den Text als Ganzes, nicht auf ein einzelnes Wort")]
    return named[:2]


def card(comment, language):
    from django.urls import reverse

    house_rules = comment.article.site.house_rules
    page_url = reverse("moderation:comment", args=[comment.pk])  # the others extend it
    return {
        "comment": comment,
        "page_url": page_url,
        "context_url": page_url + "context",
        "decide_url": page_url + "decide",
        "claim_url": page_url + "claim",
        "segments": highlighted_segments(comment.body, comment.assessment),
        "rules": rule_scores(comment.assessment, house_rules, language),
    }


def comment_context(comment):
    """Everything around one comment an editor weighs: thread, passage, author's record."""
    history = author_history(comment)
    return {
        "ancestors": thread_context(comment),
        "replies_count": comment.replies.count(),
        "passage": referenced_passage(comment.article.body, comment.body),
        "history": history,
        "last_rejections": [
            [rule_label(comment.article.site.house_rules, code, get_language()) for code in codes]
            for codes in history.last_rejections
        ],
        "identities": author_identities(comment),
        "decisions": list(comment.decisions.select_related("actor").order_by("-created_at")[:5]),
    }
