"""The senior editors' webhook page: subscriptions of a site, recent deliveries, failures."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from freigabe.accounts.access import staff_view
from freigabe.articles.models import Site
from freigabe.integrations.error_messages import MESSAGES
from freigabe.integrations.models import EVENTS, Delivery, Webhook
from freigabe.integrations.webhooks import WebhookError, add_webhook, recent_deliveries
from freigabe.moderation import audit
from freigabe.moderation.error_messages import shown_error

SENIOR = "moderation.decide_appeal"


class WebhookForm(forms.Form):
    url = forms.CharField(label=gettext_lazy("Adresse (https://…)"), max_length=1000)
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Ereignisse"),
        choices=[(event, event) for event in EVENTS],
        widget=forms.CheckboxSelectMultiple,
        initial=list(EVENTS),
    )


@staff_view(SENIOR)
def webhooks(request, slug=None):
    sites = list(Site.objects.all())
    if not sites:
        return render(request, "integrations/webhooks.html", {"sites": [], "tab": "settings"})
    site = get_object_or_404(Site, slug=slug) if slug else sites[0]
    form = WebhookForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        try:
            webhook, new_secret = add_webhook(site, form.cleaned_data["url"], form.cleaned_data["events"])
        except WebhookError as error:
            form.add_error("url", shown_error(error, MESSAGES))
        else:
            audit.record(
                request.user, "webhook.add", f"site:{site.slug}", webhook=webhook.pk, url=webhook.url
            )
            # The secret is shown in this answer only (not in a message cookie or session).
            form = WebhookForm()
    deliveries = list(recent_deliveries(site))
    return render(
        request,
        "integrations/webhooks.html",
        {
            "sites": sites,
            "site": site,
            "form": form,
            "tab": "settings",
            "new_secret": new_secret,
            "hooks": Webhook.objects.filter(site=site),
            "deliveries": deliveries,
            "failed": [item for item in deliveries if item.state == Delivery.State.FAILED],
        },
    )


@staff_view(SENIOR)
@require_POST
def delete_webhook(request, slug, webhook_id):
    webhook = get_object_or_404(Webhook, pk=webhook_id, site__slug=slug)
    audit.record(request.user, "webhook.delete", f"site:{slug}", webhook=webhook.pk, url=webhook.url)
    webhook.delete()
    messages.success(request, _("Webhook gelöscht."))
    return redirect("integrations:webhooks", slug=slug)
