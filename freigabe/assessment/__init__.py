"""The assessor: plain Python (no Django), one call per comment.

from freigabe.assessment import assess
assess("Text", article="Titel\n\nText des Artikels", parent=None).to_dict()
"""

from freigabe.assessment.assessor import assess
from freigabe.assessment.policy import SitePolicy
from freigabe.assessment.result import RULE_CODES, Assessment, Evidence, RuleScore

__all__ = ["assess", "Assessment", "Evidence", "RuleScore", "RULE_CODES", "SitePolicy"]
