"""The widget's static knowledge that must match the server and the documentation."""

import re
from pathlib import Path

from freigabe.compliance.legal import LEGAL_GROUNDS
from freigabe.widget.views import ASSET_DIR

DOCS = Path(__file__).resolve().parents[2] / "docs" / "widget.md"


def test_the_report_form_offers_exactly_the_servers_legal_grounds():
    script = (ASSET_DIR / "embed.js").read_text()
    block = script.split("const LEGAL_GROUNDS = [", 1)[1].split("];", 1)[0]
    offered = re.findall(r'\["([^"]+)",', block)

    assert offered == list(LEGAL_GROUNDS)


def test_every_theming_property_is_documented():
    css = (ASSET_DIR / "widget.css").read_text()
    docs = DOCS.read_text()
    properties = set(re.findall(r"var\((--freigabe-[a-z-]+)", css))

    assert properties >= {"--freigabe-accent", "--freigabe-highlight", "--freigabe-font"}
    assert not {name for name in properties if f"`{name}`" not in docs}


def test_the_documented_script_attributes_are_the_ones_the_script_reads():
    script = (ASSET_DIR / "embed.js").read_text()
    docs = DOCS.read_text()

    for attribute, key in [
        ("data-title", "title"),
        ("data-url", "url"),
        ("data-sso-token", "ssoToken"),
        ("data-order", "order"),
    ]:
        assert f"`{attribute}`" in docs
        assert re.search(rf"const \{{[^}}]*\b{key}\b[^}}]*\}} = script\.dataset", script)
