"""When the appeal window (DSA Art. 20) runs: six calendar months from the day the person
was informed (§§ 187, 188 BGB: informed on 15 January, the last day is 15 July; from
31 August it is the last day of February).

Below appeals, statements, restrictions and the mails, which all need these dates.
"""

import calendar
from datetime import datetime, time, timedelta

from django.utils import timezone

from freigabe.comments.finality import final_at
from freigabe.compliance.models import AccountRestriction, OutcomeMail

APPEAL_WINDOW_MONTHS = 6


def add_months(day, months):
    """The same day number `months` later, or that month's last day if it has none."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def window_end(informed_at):
    """The end of the last day of the appeal window, in the site's time zone."""
    last_day = add_months(timezone.localtime(informed_at).date(), APPEAL_WINDOW_MONTHS)
    return timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min)) - timedelta(
        microseconds=1
    )


def decision_informed_at(decision):
    """When the author learned of the decision: its outcome mail if one went out, else the
    moment the status began to show it (after the undo window for an editor's rejection)."""
    mail = OutcomeMail.objects.filter(decision=decision).values_list("sent_at", flat=True).first()
    if mail is not None:
        return mail
    return final_at(decision)


def appeal_deadline(decision):
    return window_end(decision_informed_at(decision))


def restriction_appeal_deadline(restriction):
    # Not yet informed: the window has not begun; counting from now is the earliest it can.
    return window_end(restriction.informed_at or timezone.now())


def report_appeal_deadline(report):
    return window_end(report.notice.resolved_at or timezone.now())


def mark_informed(restriction, when=None):
    """The banned author has been told (mail or refusal): their appeal window opens now."""
    when = when or timezone.now()
    if restriction.informed_at is None:
        AccountRestriction.objects.filter(pk=restriction.pk, informed_at__isnull=True).update(
            informed_at=when
        )
        restriction.informed_at = when
