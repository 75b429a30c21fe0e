"""Our table of the Transparency Database's rules against the database's own source files.

tests/compliance/dsa_reference/ holds the files unchanged (see its SOURCE.md, GPL-2.0):
when the database changes its schema, replace them and these tests say what to change.
"""

import re
from pathlib import Path

import pytest

from freigabe.compliance.dsa_schema import ENUMS, REPLACED_CATEGORIES, RULES, validate

REFERENCE = Path(__file__).parent / "dsa_reference"
# Lists the database keeps outside the reference files; checked for form only.
OUTSIDE_REFERENCE = {"EUROPEAN_COUNTRY_CODES", "ALL_LANGUAGES"}


def php_constants():
    """Statement.php's constants: strings, keyed arrays (their keys) and plain arrays."""
    source = (REFERENCE / "Statement.php").read_text()
    strings = dict(re.findall(r"public const (\w+) = '((?:[^'\\]|\\.)*)';", source))
    arrays = {}
    for name, body in re.findall(r"public const (\w+) = \[(.*?)\];", source, re.S):
        keys = re.findall(r"'(\w+)'\s*=>", body)
        arrays[name] = (
            tuple(keys) if keys else tuple(strings[ref] for ref in re.findall(r"self::(\w+)", body))
        )
    return arrays


def _closure_checks(source):
    """checkForX() -> (field, value): the request's closures, read from their bodies."""
    checks = {}
    for name, body in re.findall(r"function (checkFor\w+)\(\): bool\s*\{(.*?)\n    \}", source, re.S):
        field = re.search(r"get\('(\w+)'", body).group(1)
        value = re.search(r"in_array\('(\w+)'", body).group(1)
        checks[name] = (field, value)
    return checks


def _entries(body):
    """('field', '[...]') pairs of the rules array, brackets matched, quotes respected."""
    position = 0
    while True:
        start = re.compile(r"'([\w.-]+)' => \[").search(body, position)
        if start is None:
            return
        depth, index, quoted = 1, start.end(), False
        while depth:
            char = body[index]
            if char == "'" and body[index - 1] != "\\":
                quoted = not quoted
            elif not quoted and char in "[(":
                depth += 1
            elif not quoted and char in "])":
                depth -= 1
            index += 1
        yield start.group(1), body[start.end() : index - 1]
        position = index


TOKEN = re.compile(
    r"\$this->in\((?:array_keys\()?(?:Statement|EuropeanCountriesService|"
    r"EuropeanLanguagesService)::(\w+)\)?(, true)?\)"
    r"|Rule::(requiredIf|excludeIf)\((!\s*)?\$this->(checkFor\w+)\(\)\)"
    r"|'((?:[^'\\]|\\.)*)'"
)


def php_rules():
    source = (REFERENCE / "StatementStoreRequest.php").read_text()
    body = re.search(
        r"public function rules\(\): array\s*\{\s*return \[(.*?)\n        \];", source, re.S
    ).group(1)
    checks = _closure_checks(source)
    rules = {}
    for field, entry in _entries(body):
        tokens = []
        for match in TOKEN.finditer(entry):
            enum, nullable, rule, negated, check, literal = match.groups()
            if enum:
                tokens.append(f"{'in_nullable' if nullable else 'in'}:{enum}")
            elif rule:
                target = ",".join(checks[check])
                if rule == "requiredIf":
                    tokens.append(f"required_if_contains:{target}")
                else:
                    kind = "exclude_unless_contains" if negated else "exclude_if_contains"
                    tokens.append(f"{kind}:{target}")
            elif literal.startswith("regex:"):
                tokens.append("regex:" + re.fullmatch(r"regex:/(.*)/\w*", literal).group(1))
            else:
                tokens.append(literal)
        rules[field] = tuple(tokens)
    return rules


def test_our_value_lists_are_the_databases():
    reference = php_constants()
    ours = {name: values for name, values in ENUMS.items() if name not in OUTSIDE_REFERENCE}
    differences = {
        name: {
            "missing": sorted(set(reference[name]) - set(values)),
            "removed": sorted(set(values) - set(reference[name])),
        }
        for name, values in ours.items()
        if set(values) != set(reference[name])
    }
    assert differences == {}


def test_our_rules_are_the_databases():
    reference = php_rules()
    assert set(reference) == set(RULES)
    assert {field: reference[field] for field in RULES if reference[field] != RULES[field]} == {}


def test_every_list_the_rules_name_is_in_our_table():
    named = {rule.split(":")[1] for rules in php_rules().values() for rule in rules if rule.startswith("in")}
    assert named <= set(ENUMS)


def test_replaced_categories_follow_the_changelog():
    changelog = (REFERENCE / "api-documentation.md").read_text().split("## Changelog")[1]
    pairs = dict(
        re.findall(
            r"\| category \| (STATEMENT_CATEGORY_\w+) <br>[^|]*\| "
            r"(STATEMENT_CATEGORY_\w+)",
            changelog,
        )
    )
    assert REPLACED_CATEGORIES == pairs
    removed = set(re.findall(r"\| category \| (STATEMENT_CATEGORY_\w+)", changelog))
    assert not removed & set(ENUMS["STATEMENT_CATEGORIES"])


# --- the validator applies each kind of rule ---------------------------------------------


def valid_record(**changes):
    record = {
        "decision_visibility": ["DECISION_VISIBILITY_CONTENT_REMOVED"],
        "decision_ground": "DECISION_GROUND_INCOMPATIBLE_CONTENT",
        "incompatible_content_ground": "Kommentarrichtlinien: Beleidigungen",
        "incompatible_content_explanation": "Beleidigungen haben keinen Platz.",
        "category": "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
        "content_type": ["CONTENT_TYPE_TEXT"],
        "content_date": "2026-11-30",
        "application_date": "2026-12-01",
        "decision_facts": "Leserkommentar vor der Veröffentlichung abgelehnt.",
        "source_type": "SOURCE_VOLUNTARY",
        "automated_detection": "No",
        "automated_decision": "AUTOMATED_DECISION_NOT_AUTOMATED",
        "puid": "zeitung-decision-1",
    }
    record.update(changes)
    return {name: value for name, value in record.items() if value is not ...}


def test_a_complete_record_is_valid():
    assert validate(valid_record()) == {}


@pytest.mark.parametrize(
    "field",
    [
        "decision_ground",
        "category",
        "content_type",
        "content_date",
        "application_date",
        "decision_facts",
        "source_type",
        "automated_detection",
        "automated_decision",
        "puid",
    ],
)
def test_required_fields(field):
    assert validate(valid_record(**{field: ...})) == {
        field: [f"The {field.replace('_', ' ')} field is required."]
    }


def test_at_least_one_decision_field():
    errors = validate(valid_record(decision_visibility=...))
    assert set(errors) == {
        "decision_visibility",
        "decision_monetary",
        "decision_provision",
        "decision_account",
    }
    assert (
        validate(
            valid_record(decision_visibility=..., decision_provision="DECISION_PROVISION_TOTAL_SUSPENSION")
        )
        == {}
    )


def test_grounds_need_their_explanations_and_other_grounds_are_dropped():
    errors = validate(valid_record(decision_ground="DECISION_GROUND_ILLEGAL_CONTENT"))
    assert set(errors) == {"illegal_content_legal_ground", "illegal_content_explanation"}
    errors = validate(valid_record(incompatible_content_ground=...))
    assert list(errors) == ["incompatible_content_ground"]
    # Excluded, as the database does: an illegal-content ground on a house-rule decision.
    assert validate(valid_record(illegal_content_legal_ground="x" * 900)) == {}


@pytest.mark.parametrize(
    "field,value",
    [
        ("category", "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE"),
        ("content_type", ["CONTENT_TYPE_TEXT", "CONTENT_TYPE_HOLOGRAM"]),
        ("source_type", "SOURCE_ARTICLE_17"),
        ("automated_detection", "yes"),
        ("automated_decision", "maybe"),
        ("territorial_scope", ["DE", "GB"]),
        ("category_specification", ["KEYWORD_DANGEROUS_TOYS"]),
        ("decision_visibility", "DECISION_VISIBILITY_CONTENT_REMOVED"),
    ],
)
def test_values_outside_the_lists_are_refused(field, value):
    assert field in validate(valid_record(**{field: value}))


def test_lengths_dates_and_the_puid_pattern():
    assert "decision_facts" in validate(valid_record(decision_facts="x" * 5001))
    assert validate(valid_record(decision_facts="x" * 5000)) == {}
    assert "incompatible_content_explanation" in validate(
        valid_record(incompatible_content_explanation="x" * 2001)
    )
    assert "content_date" in validate(valid_record(content_date="2026-1-5"))
    assert "content_date" in validate(valid_record(content_date="1999-12-31"))
    assert "application_date" in validate(valid_record(application_date="2019-12-31"))
    assert "application_date" in validate(valid_record(application_date="2026-02-30"))
    assert "end_date_account_restriction" in validate(valid_record(end_date_account_restriction="2038-01-02"))
    assert "end_date_account_restriction" in validate(valid_record(end_date_account_restriction="2026-11-01"))
    assert "puid" in validate(valid_record(puid="zeitung.de-decision-12"))
    assert "puid" in validate(valid_record(puid="x" * 501))
    assert validate(valid_record(puid="Zeitung_de-decision-12")) == {}


def test_other_values_need_their_text():
    record = valid_record(content_type=["CONTENT_TYPE_OTHER"])
    assert list(validate(record)) == ["content_type_other"]
    assert validate({**record, "content_type_other": "Kommentar"}) == {}
    record = valid_record(decision_visibility=["DECISION_VISIBILITY_OTHER"])
    assert list(validate(record)) == ["decision_visibility_other"]


def test_fields_outside_the_schema_are_refused():
    assert "author_email" in validate(valid_record(author_email="leserin@example.org"))
