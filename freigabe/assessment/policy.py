"""Per-site assessor settings and the suggested decision.

A site's settings arrive as a plain dict (the Site's `assessor_settings` JSON):

    {
      "thresholds": {"review": 0.5, "reject": 0.9,            # all rules
                     "insult": {"review": 0.4, "reject": 0.95}}, # one rule
      "allowed_domains": ["meinestadt.de"],   # links never counted as advertising
      "denied_domains": ["billig-shop.example"],  # always advertising
      "site_domains": ["zeitung.example"],    # the publisher's own site(s)
      "auto_reject_rules": ["insult", "aggression", "advertising"],
      "repeated_link_limit": 2                # same domain this often in recent_links = spam
    }

Unknown keys are ignored so that sites can store other settings next to these.
"""

from dataclasses import dataclass, field

from freigabe.assessment.result import RULE_CODES

# Sources people cite in an argument: public broadcasters, statistics offices,
# parliaments, courts, encyclopaedias, international bodies, major newspapers.
REPUTABLE_DOMAINS = frozenset(
    {
        "tagesschau.de",
        "ard.de",
        "zdf.de",
        "br.de",
        "ndr.de",
        "wdr.de",
        "swr.de",
        "mdr.de",
        "hr.de",
        "rbb24.de",
        "sr.de",
        "radiobremen.de",
        "deutschlandfunk.de",
        "dlf.de",
        "dw.com",
        "destatis.de",
        "bundestag.de",
        "bundesrat.de",
        "bundesregierung.de",
        "bund.de",
        "bundesverfassungsgericht.de",
        "bverfg.de",
        "bundesgerichtshof.de",
        "bpb.de",
        "rki.de",
        "gesetze-im-internet.de",
        "dejure.org",
        "wikipedia.org",
        "wikimedia.org",
        "europa.eu",
        "un.org",
        "who.int",
        "oecd.org",
        "imf.org",
        "worldbank.org",
        "admin.ch",
        "gv.at",
        "orf.at",
        "srf.ch",
        "spiegel.de",
        "zeit.de",
        "faz.net",
        "sueddeutsche.de",
        "welt.de",
        "tagesspiegel.de",
        "handelsblatt.com",
        "nzz.ch",
        "derstandard.at",
        "taz.de",
        "stern.de",
        "reuters.com",
        "apnews.com",
        "bbc.co.uk",
        "bbc.com",
        "nature.com",
        "science.org",
        "arxiv.org",
        "doi.org",
        "nih.gov",
        "correctiv.org",
        "statistik.at",
        "bfs.admin.ch",
        "umweltbundesamt.de",
        "bundesbank.de",
        "ecb.europa.eu",
        "dwd.de",
        "ipcc.ch",
    }
)
DEFAULT_AUTO_REJECT_RULES = ("insult", "aggression", "advertising")


DEFAULT_REVIEW = 0.5
DEFAULT_REJECT = 0.9


@dataclass(frozen=True)
class RuleThreshold:
    review: float = DEFAULT_REVIEW
    reject: float = DEFAULT_REJECT


@dataclass(frozen=True)
class SitePolicy:
    """How one site wants comments scored and which decision to suggest."""

    thresholds: dict = field(default_factory=dict)  # rule code -> RuleThreshold
    allowed_domains: frozenset = REPUTABLE_DOMAINS
    denied_domains: frozenset = frozenset()
    site_domains: frozenset = frozenset()
    auto_reject_rules: tuple = DEFAULT_AUTO_REJECT_RULES
    repeated_link_limit: int = 2

    def threshold(self, code):
        return self.thresholds.get(code) or RuleThreshold()

    def domain_is_allowed(self, domain):
        # Both sets checked in turn: the same answer as their union, without building it per link.
        return _matches_any(domain, self.allowed_domains) or _matches_any(domain, self.site_domains)

    def domain_is_denied(self, domain):
        return _matches_any(domain, self.denied_domains)

    @classmethod
    def from_options(cls, options=None, thresholds=None):
        """Build a policy from a site's settings dict (or pass a SitePolicy through)."""
        if isinstance(options, SitePolicy):
            base = options
        elif not options:
            base = _NO_SETTINGS_POLICY  # built once: most calls of a site without settings
        else:
            base = _policy_from_dict(options)
        if thresholds:
            merged = dict(base.thresholds)
            merged.update(_parse_thresholds(thresholds, base.thresholds))
            base = SitePolicy(
                merged,
                base.allowed_domains,
                base.denied_domains,
                base.site_domains,
                base.auto_reject_rules,
                base.repeated_link_limit,
            )
        return base


DEFAULT_POLICY = SitePolicy()


def decide(scores, policy=DEFAULT_POLICY):
    """Suggest release/review/reject from rule scores {code: probability}."""
    decision = "release"
    for code, score in scores.items():
        limits = policy.threshold(code)
        if code in policy.auto_reject_rules and score >= limits.reject:
            return "reject"
        if score >= limits.review:
            decision = "review"
    return decision


def _policy_from_dict(options):
    return SitePolicy(
        thresholds=_parse_thresholds(options.get("thresholds") or {}, {}),
        allowed_domains=REPUTABLE_DOMAINS | _domains(options.get("allowed_domains")),
        denied_domains=_domains(options.get("denied_domains")),
        site_domains=_domains(options.get("site_domains") or options.get("site_domain")),
        auto_reject_rules=tuple(options.get("auto_reject_rules") or DEFAULT_AUTO_REJECT_RULES),
        repeated_link_limit=int(options.get("repeated_link_limit") or 2),
    )


def _parse_thresholds(raw, current):
    """{"review": x, "reject": y, CODE: {...}} -> {code: RuleThreshold}."""
    review = float(raw.get("review", DEFAULT_REVIEW))
    reject = float(raw.get("reject", DEFAULT_REJECT))
    parsed = {}
    for code in (*RULE_CODES, "other"):
        own = raw.get(code)
        if isinstance(own, dict):
            parsed[code] = RuleThreshold(float(own.get("review", review)), float(own.get("reject", reject)))
        elif "review" in raw or "reject" in raw or code not in current:
            parsed[code] = RuleThreshold(review, reject)
    return parsed


def _domains(value):
    if not value:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    return frozenset(clean_domain(item) for item in value if item)


def clean_domain(value):
    """'https://www.Example.de/path' -> 'example.de'."""
    value = value.strip().lower()
    if "://" in value:
        value = value.split("://", 1)[1]
    value = value.split("/", 1)[0].split(":", 1)[0].strip(".")
    return value[4:] if value.startswith("www.") else value


def _matches_any(domain, candidates):
    domain = clean_domain(domain)
    parts = domain.split(".")
    return any(".".join(parts[i:]) in candidates for i in range(len(parts) - 1))


_NO_SETTINGS_POLICY = _policy_from_dict({})
