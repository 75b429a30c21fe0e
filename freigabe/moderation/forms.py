"""Forms for the pages that take more than a button press: bans and site settings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from freigabe.articles.review_hours import HoursError, ReviewHours
from freigabe.articles.rules import REASON_CODES, rule_label, rule_text
from freigabe.moderation.bans import DURATIONS
from freigabe.moderation.claims import CLAIM_DURATION, CLAIM_MINUTES_KEY, CLAIM_MINUTES_RANGE
from freigabe.moderation.models import BanKind

SKIP_QUEUE_CHOICES = [
    ("off", _("Aus: jeder Kommentar wird geprüft")),
    ("suggested_release", _("Kommentare, die der Assistent zur Freigabe vorschlägt")),
]


def _duration_choices():
    return [
        (str(days) if days else "", _("%(days)s Tage") % {"days": days} if days else _("dauerhaft"))
        for days in DURATIONS
    ]


class BanForm(forms.Form):
    kind = forms.ChoiceField(label=_("Art"), choices=BanKind.choices)
    value = forms.CharField(label=_("Konto, E-Mail-Adresse oder IP-Hash"), max_length=254)
    days = forms.ChoiceField(label=_("Dauer"), choices=_duration_choices, required=False)
    reason = forms.CharField(label=_("Begründung"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def clean_days(self):
        days = self.cleaned_data.get("days")
        return int(days) if days else None


class SiteSettingsForm(forms.Form):
    guidelines = forms.CharField(
        label=_("Kommentarrichtlinien"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
    )
    review_threshold = forms.FloatField(label=_("Prüfen ab Wert"), min_value=0, max_value=1)
    reject_threshold = forms.FloatField(label=_("Ablehnung vorschlagen ab Wert"), min_value=0, max_value=1)
    skip_queue = forms.ChoiceField(label=_("Ohne Prüfung veröffentlichen"), choices=SKIP_QUEUE_CHOICES)
    claim_minutes = forms.IntegerField(
        label=_("Reservierung eines geöffneten Kommentars für Kolleginnen und Kollegen (Minuten)"),
        required=False,
        min_value=CLAIM_MINUTES_RANGE[0],
        max_value=CLAIM_MINUTES_RANGE[1],
    )
    close_after_days = forms.IntegerField(
        label=_("Kommentare schließen … Tage nach Veröffentlichung des Artikels (leer: nie)"),
        required=False,
        min_value=1,
        max_value=3650,
    )
    review_hours = forms.CharField(
        label=_("Prüfzeiten (leer: rund um die Uhr), z. B. Mo-Fr 07:00-23:00; Sa,So 09:00-20:00"),
        required=False,
        max_length=500,
    )
    review_timezone = forms.CharField(
        label=_("Zeitzone der Prüfzeiten"), max_length=64, required=False, initial="Europe/Berlin"
    )
    review_exceptions = forms.CharField(
        label=_("Ausnahmen, z. B. 2026-12-24 09:00-12:00; 2026-12-25 geschlossen"),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = site
        house_rules = site.house_rules or {}
        for code in REASON_CODES:
            for language in ("de", "en"):
                self.fields[f"label_{code}_{language}"] = forms.CharField(
                    label=f"{code} ({language})",
                    max_length=200,
                    initial=rule_label(house_rules, code, language),
                )
                self.fields[f"text_{code}_{language}"] = forms.CharField(
                    label=f"{code} ({language})",
                    max_length=2000,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial=rule_text(house_rules, code, language),
                )
        thresholds = (site.assessor_settings or {}).get("thresholds") or {}
        self.fields["guidelines"].initial = site.guidelines
        self.fields["review_threshold"].initial = thresholds.get("review", 0.5)
        self.fields["reject_threshold"].initial = thresholds.get("reject", 0.9)
        self.fields["skip_queue"].initial = (site.assessor_settings or {}).get("skip_queue", "off")
        self.fields["claim_minutes"].initial = (site.assessor_settings or {}).get(
            CLAIM_MINUTES_KEY, int(CLAIM_DURATION.total_seconds() // 60)
        )
        self.fields["close_after_days"].initial = site.close_comments_after_days
        hours = site.review_hours or {}
        self.fields["review_hours"].initial = hours.get("spec", "")
        self.fields["review_timezone"].initial = hours.get("timezone") or "Europe/Berlin"
        self.fields["review_exceptions"].initial = hours.get("exceptions", "")

    def clean(self):
        cleaned = super().clean()
        review, reject = cleaned.get("review_threshold"), cleaned.get("reject_threshold")
        if review is not None and reject is not None and review > reject:
            raise forms.ValidationError(_("Der Prüfwert darf nicht über dem Ablehnungswert liegen."))
        self._check_review_hours(cleaned)
        return cleaned

    def _check_review_hours(self, cleaned):
        try:
            ReviewHours.parse(
                cleaned.get("review_hours", ""),
                cleaned.get("review_timezone") or "Europe/Berlin",
                cleaned.get("review_exceptions", ""),
            )
        except HoursError as problem:
            self.add_error(
                "review_hours", _("Die Prüfzeiten sind nicht lesbar: %(problem)s") % {"problem": problem}
            )

    def rule_rows(self):
        """[(code, [bound fields])] so the template can lay the rules out as a table."""
        return [
            (
                code,
                [
                    self[f"label_{code}_de"],
                    self[f"label_{code}_en"],
                    self[f"text_{code}_de"],
                    self[f"text_{code}_en"],
                ],
            )
            for code in REASON_CODES
        ]
