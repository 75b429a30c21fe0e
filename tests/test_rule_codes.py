"""The five rule codes are defined once (freigabe/rule_codes.py) and everyone uses that."""

import subprocess
import sys

from freigabe import rule_codes
from freigabe.articles.rules import ASSESSED_RULES, REASON_CODES
from freigabe.assessment import RULE_CODES
from freigabe.comments.models import Comment


def test_the_assessor_the_house_rules_and_the_model_share_one_definition():
    assert RULE_CODES is rule_codes.ASSESSED_RULES
    assert ASSESSED_RULES is rule_codes.ASSESSED_RULES
    assert REASON_CODES == (*rule_codes.ASSESSED_RULES, rule_codes.OTHER)
    score_columns = {f.name for f in Comment._meta.get_fields() if f.name.startswith("score_")}
    assert score_columns == {f"score_{code}" for code in rule_codes.ASSESSED_RULES}


def test_the_assessor_still_loads_without_django():
    code = (
        "import sys; import freigabe.assessment.result; assert 'django' not in sys.modules, 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
