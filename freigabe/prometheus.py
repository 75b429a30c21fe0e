"""`/metrics` for Prometheus: the queue, decisions, jobs and latencies, token- or address-gated.

Counts (queue per site, decisions in the last hour, job backlog) are read from the database
at scrape time, so every app server reports the same. Latencies (requests, assessments) are
histograms of this server: `freigabe serve` gives its gunicorn workers one shared directory
(PROMETHEUS_MULTIPROC_DIR), so one scrape of a server covers all its workers. Scrape every
app server directly, not through the load balancer.

Off (404) unless FREIGABE_METRICS_TOKEN (sent as `Authorization: Bearer …`) or
FREIGABE_METRICS_ALLOWED_IPS (addresses or networks) is set; any other caller gets 403.
"""

import functools
import hmac
import ipaddress
import os
import time
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Min
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from prometheus_client import CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4

from freigabe.http import client_ip

REQUEST_SECONDS = Histogram(
    "freigabe_request_duration_seconds",
    "Time to answer an HTTP request",
    ["method", "route"],
    registry=None,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
ASSESSMENT_SECONDS = Histogram(
    "freigabe_assessment_duration_seconds",
    "Time the assessor took for one comment",
    registry=None,
    buckets=(0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)


class DatabaseCollector:
    """Gauges computed from the database when Prometheus scrapes."""

    def collect(self):
        yield from _queue_metrics()
        yield _decisions_last_hour()
        yield _job_backlog()


def _queue_metrics():
    from freigabe.comments.models import Comment, Status

    pending = GaugeMetricFamily(
        "freigabe_queue_pending_comments", "Comments waiting for an editor", labels=["site"]
    )
    oldest = GaugeMetricFamily(
        "freigabe_queue_oldest_pending_seconds", "Age of the oldest waiting comment", labels=["site"]
    )
    now = timezone.now()
    rows = (
        Comment.objects.filter(status=Status.PENDING)
        .values("article__site__slug")
        .annotate(n=Count("id"), first=Min("created_at"))
    )
    for row in rows:
        site = row["article__site__slug"]
        pending.add_metric([site], row["n"])
        oldest.add_metric([site], (now - row["first"]).total_seconds())
    return pending, oldest


def _decisions_last_hour():
    from freigabe.moderation.models import Decision

    family = GaugeMetricFamily(
        "freigabe_decisions_last_hour",
        "Decisions taken in the last 60 minutes (editors and automatic)",
        labels=["site"],
    )
    since = timezone.now() - timedelta(hours=1)
    rows = (
        Decision.objects.filter(created_at__gte=since)
        .values("comment__article__site__slug")
        .annotate(n=Count("id"))
    )
    for row in rows:
        family.add_metric([row["comment__article__site__slug"]], row["n"])
    return family


def _job_backlog():
    from freigabe.jobs import backlog

    family = GaugeMetricFamily("freigabe_jobs", "Background jobs by state", labels=["state"])
    for state, count in backlog().items():
        family.add_metric([state], count)
    return family


_database_collector = DatabaseCollector()


def _registry():
    # Under `freigabe serve` every worker writes its histograms to a shared directory.
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        for collector in (REQUEST_SECONDS, ASSESSMENT_SECONDS):
            registry.register(collector)
    registry.register(_database_collector)
    return registry


# --- who may read -------------------------------------------------------------------------


def _allowed_networks():
    return [ipaddress.ip_network(item, strict=False) for item in settings.FREIGABE_METRICS_ALLOWED_IPS]


def _may_read(request):
    token = settings.FREIGABE_METRICS_TOKEN
    offered = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(offered.encode(), f"Bearer {token}".encode()):
        return True
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return False
    return any(address in network for network in _allowed_networks())


@never_cache
def metrics(request):
    if not (settings.FREIGABE_METRICS_TOKEN or settings.FREIGABE_METRICS_ALLOWED_IPS):
        return JsonResponse({"detail": "Not found."}, status=404)
    if not _may_read(request):
        return JsonResponse({"detail": "Metrics need the metrics token or an allowed address."}, status=403)
    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_PLAIN_0_0_4)


# --- measuring ------------------------------------------------------------------------------


class RequestTimingMiddleware:
    """Times every request by its URL pattern (never the raw path: bounded label values)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        route = (match.route or match.view_name) if match else "unmatched"
        REQUEST_SECONDS.labels(request.method if request.method in _METHODS else "other", route).observe(
            time.perf_counter() - started
        )
        return response


_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def instrument_assessor():
    """Time every call of freigabe.assessment.assess, which stays free of Django."""
    import freigabe.assessment as assessment

    if getattr(assessment.assess, "_timed", False):
        return
    original = assessment.assess

    @functools.wraps(original)
    def timed_assess(*args, **kwargs):
        with ASSESSMENT_SECONDS.time():
            return original(*args, **kwargs)

    timed_assess._timed = True
    assessment.assess = timed_assess
