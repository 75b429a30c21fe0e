"""The assessment as plain data: what `assess()` returns and how it serialises."""

from dataclasses import dataclass, field
from typing import Any

from freigabe.rule_codes import ASSESSED_RULES

RULE_CODES = ASSESSED_RULES  # the assessor's name for them

DECISIONS = ("release", "review", "reject")


@dataclass(frozen=True)
class Evidence:
    """A span of the ORIGINAL comment text and why it matters."""

    start: int
    end: int
    text: str
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "why": self.why}


@dataclass
class RuleScore:
    """Calibrated probability that one house rule is broken, with its evidence."""

    score: float
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": round(float(self.score), 4),
            "evidence": [item.to_dict() for item in self.evidence],
        }


@dataclass
class Assessment:
    """The assessor's verdict on one comment; `to_dict()` is the contract JSON."""

    model_version: str
    decision: str
    rules: dict[str, RuleScore]

    def to_dict(self) -> dict[str, Any]:
        return {
            "model_version": self.model_version,
            "decision": self.decision,
            "rules": {code: rule.to_dict() for code, rule in self.rules.items()},
        }

    def score(self, code: str) -> float:
        return self.rules[code].score


def evidence_at(text: str, start: int, end: int, why: str) -> Evidence:
    """Evidence for text[start:end], trimmed of surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(start=start, end=end, text=text[start:end], why=why)
