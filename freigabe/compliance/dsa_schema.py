"""The DSA Transparency Database's submission rules, and a validator that applies them.

RULES and ENUMS are written in the database's own vocabulary (its Laravel validation rules
and the value lists of its Statement model, schema of 1 July 2025). A test reads the
database's source files (tests/compliance/dsa_reference/) and fails when they no longer
say the same: the next schema change breaks the build, not the submissions.

`validate(record)` returns {field: [messages]} (empty: the database would accept it). It
is stricter than the database in two ways: fields it does not know are refused (an extra
field is how personal data slips out), and end dates before the application date are
refused (the API documentation requires it; the rules file does not check it).
"""

import re
from datetime import date

ENUMS = {
    "DECISION_VISIBILITIES": (
        "DECISION_VISIBILITY_CONTENT_REMOVED",
        "DECISION_VISIBILITY_CONTENT_DISABLED",
        "DECISION_VISIBILITY_CONTENT_DEMOTED",
        "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED",
        "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED",
        "DECISION_VISIBILITY_CONTENT_LABELLED",
        "DECISION_VISIBILITY_OTHER",
    ),
    "DECISION_MONETARIES": (
        "DECISION_MONETARY_SUSPENSION",
        "DECISION_MONETARY_TERMINATION",
        "DECISION_MONETARY_OTHER",
    ),
    "DECISION_PROVISIONS": (
        "DECISION_PROVISION_PARTIAL_SUSPENSION",
        "DECISION_PROVISION_TOTAL_SUSPENSION",
        "DECISION_PROVISION_PARTIAL_TERMINATION",
        "DECISION_PROVISION_TOTAL_TERMINATION",
    ),
    "DECISION_ACCOUNTS": ("DECISION_ACCOUNT_SUSPENDED", "DECISION_ACCOUNT_TERMINATED"),
    "ACCOUNT_TYPES": ("ACCOUNT_TYPE_BUSINESS", "ACCOUNT_TYPE_PRIVATE"),
    "DECISION_GROUNDS": ("DECISION_GROUND_ILLEGAL_CONTENT", "DECISION_GROUND_INCOMPATIBLE_CONTENT"),
    "INCOMPATIBLE_CONTENT_ILLEGALS": ("Yes", "No"),
    "CONTENT_TYPES": (
        "CONTENT_TYPE_APP",
        "CONTENT_TYPE_AUDIO",
        "CONTENT_TYPE_IMAGE",
        "CONTENT_TYPE_PRODUCT",
        "CONTENT_TYPE_SYNTHETIC_MEDIA",
        "CONTENT_TYPE_TEXT",
        "CONTENT_TYPE_VIDEO",
        "CONTENT_TYPE_OTHER",
    ),
    "STATEMENT_CATEGORIES": (
        "STATEMENT_CATEGORY_ANIMAL_WELFARE",
        "STATEMENT_CATEGORY_CONSUMER_INFORMATION",
        "STATEMENT_CATEGORY_CYBER_VIOLENCE",
        "STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN",
        "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
        "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
        "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
        "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS",
        "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE",
        "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
        "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
        "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
        "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
        "STATEMENT_CATEGORY_SELF_HARM",
        "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
        "STATEMENT_CATEGORY_VIOLENCE",
    ),
    "KEYWORDS": (
        "KEYWORD_ADULT_SEXUAL_MATERIAL",
        "KEYWORD_AGE_SPECIFIC_RESTRICTIONS",
        "KEYWORD_AGE_SPECIFIC_RESTRICTIONS_MINORS",
        "KEYWORD_ANIMAL_HARM",
        "KEYWORD_BIOMETRIC_DATA_BREACH",
        "KEYWORD_BULLYING_AGAINST_GIRLS",
        "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL",
        "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE",
        "KEYWORD_CONTENT_PROMOTING_EATING_DISORDERS",
        "KEYWORD_COORDINATED_HARM",
        "KEYWORD_COPYRIGHT_INFRINGEMENT",
        "KEYWORD_CYBER_BULLYING_INTIMIDATION",
        "KEYWORD_CYBER_HARASSMENT",
        "KEYWORD_CYBER_HARASSMENT_AGAINST_WOMEN",
        "KEYWORD_CYBER_INCITEMENT",
        "KEYWORD_CYBER_STALKING",
        "KEYWORD_CYBER_STALKING_AGAINST_WOMEN",
        "KEYWORD_DATA_FALSIFICATION",
        "KEYWORD_DEFAMATION",
        "KEYWORD_DESIGN_INFRINGEMENT",
        "KEYWORD_DISCRIMINATION",
        "KEYWORD_FEMALE_GENDERED_DISINFORMATION",
        "KEYWORD_GEOGRAPHIC_INDICATIONS_INFRINGEMENT",
        "KEYWORD_GEOGRAPHICAL_REQUIREMENTS",
        "KEYWORD_GOODS_SERVICES_NOT_PERMITTED",
        "KEYWORD_GROOMING_SEXUAL_ENTICEMENT_MINORS",
        "KEYWORD_HATE_SPEECH",
        "KEYWORD_HIDDEN_ADVERTISEMENT",
        "KEYWORD_HUMAN_EXPLOITATION",
        "KEYWORD_HUMAN_TRAFFICKING",
        "KEYWORD_ILLEGAL_ORGANIZATIONS",
        "KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING",
        "KEYWORD_INAUTHENTIC_ACCOUNTS",
        "KEYWORD_INAUTHENTIC_LISTINGS",
        "KEYWORD_INAUTHENTIC_USER_REVIEWS",
        "KEYWORD_INCITEMENT_AGAINST_WOMEN",
        "KEYWORD_INCITEMENT_VIOLENCE_HATRED",
        "KEYWORD_INSUFFICIENT_INFORMATION_ON_TRADERS",
        "KEYWORD_LANGUAGE_REQUIREMENTS",
        "KEYWORD_MISINFORMATION_DISINFORMATION",
        "KEYWORD_MISLEADING_INFO_CONSUMER_RIGHTS",
        "KEYWORD_MISLEADING_INFO_GOODS_SERVICES",
        "KEYWORD_MISSING_PROCESSING_GROUND",
        "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING",
        "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING_AGAINST_WOMEN",
        "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE",
        "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE_AGAINST_WOMEN",
        "KEYWORD_NONCOMPLIANCE_PRICING",
        "KEYWORD_NUDITY",
        "KEYWORD_PATENT_INFRINGEMENT",
        "KEYWORD_PHISHING",
        "KEYWORD_PROHIBITED_PRODUCTS",
        "KEYWORD_PYRAMID_SCHEMES",
        "KEYWORD_RIGHT_TO_BE_FORGOTTEN",
        "KEYWORD_RISK_ENVIRONMENTAL_DAMAGE",
        "KEYWORD_RISK_PUBLIC_HEALTH",
        "KEYWORD_SELF_MUTILATION",
        "KEYWORD_STALKING",
        "KEYWORD_SUICIDE",
        "KEYWORD_TERRORIST_CONTENT",
        "KEYWORD_TRADE_SECRET_INFRINGEMENT",
        "KEYWORD_TRADEMARK_INFRINGEMENT",
        "KEYWORD_TRAFFICKING_WOMEN_GIRLS",
        "KEYWORD_UNLAWFUL_SALE_ANIMALS",
        "KEYWORD_UNSAFE_CHALLENGES",
        "KEYWORD_UNSAFE_PRODUCTS",
        "KEYWORD_VIOLATION_EU_LAW",
        "KEYWORD_VIOLATION_NATIONAL_LAW",
        "KEYWORD_OTHER",
    ),
    "SOURCE_TYPES": (
        "SOURCE_ARTICLE_16",
        "SOURCE_TRUSTED_FLAGGER",
        "SOURCE_TYPE_OTHER_NOTIFICATION",
        "SOURCE_VOLUNTARY",
    ),
    "AUTOMATED_DETECTIONS": ("Yes", "No"),
    "AUTOMATED_DECISIONS": (
        "AUTOMATED_DECISION_FULLY",
        "AUTOMATED_DECISION_PARTIALLY",
        "AUTOMATED_DECISION_NOT_AUTOMATED",
    ),
    # Not in the reference files (the database keeps them in services of its own): the
    # EU and EEA member states (ISO 3166-1) and the EU's official languages (ISO 639-1).
    "EUROPEAN_COUNTRY_CODES": (
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IS",
        "IT",
        "LI",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "NO",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ),
    "ALL_LANGUAGES": (
        "BG",
        "CS",
        "DA",
        "DE",
        "EL",
        "EN",
        "ES",
        "ET",
        "FI",
        "FR",
        "GA",
        "HR",
        "HU",
        "IT",
        "LT",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SL",
        "SV",
    ),
}

# Values removed on 1 July 2025 and what replaced them (the Changelog's correspondence
# table); a record stored before the change is translated, never sent with the old value.
REPLACED_CATEGORIES = {
    "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE": "STATEMENT_CATEGORY_OTHER_VIOLATION_TC",
    "STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS": "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
}

# Field -> rules, as in StatementStoreRequest::rules(). "in:ENUM" names a list above;
# "required_if_contains:F,V" / "exclude_unless_contains:F,V" / "exclude_if_contains:F,V"
# stand for the request's checkFor…() closures (V is one of the list field F's values).
RULES = {
    "content_id": ("array", "nullable"),
    "content_id.EAN-13": ("string", "regex:^[0-9]{13}$"),
    "content_id_ean": ("nullable", "string", "regex:^[0-9]{13}$"),
    "decision_visibility": (
        "array",
        "in_nullable:DECISION_VISIBILITIES",
        "required_without_all:decision_monetary,decision_provision,decision_account",
        "nullable",
    ),
    "decision_visibility_other": (
        "max:500",
        "required_if_contains:decision_visibility,DECISION_VISIBILITY_OTHER",
        "exclude_unless_contains:decision_visibility,DECISION_VISIBILITY_OTHER",
    ),
    "decision_monetary": (
        "in_nullable:DECISION_MONETARIES",
        "required_without_all:decision_visibility,decision_provision,decision_account",
        "nullable",
    ),
    "decision_monetary_other": (
        "required_if:decision_monetary,DECISION_MONETARY_OTHER",
        "exclude_unless:decision_monetary,DECISION_MONETARY_OTHER",
        "max:500",
    ),
    "decision_provision": (
        "in_nullable:DECISION_PROVISIONS",
        "required_without_all:decision_visibility,decision_monetary,decision_account",
        "nullable",
    ),
    "decision_account": (
        "in_nullable:DECISION_ACCOUNTS",
        "required_without_all:decision_visibility,decision_monetary,decision_provision",
        "nullable",
    ),
    "account_type": ("in_nullable:ACCOUNT_TYPES", "nullable"),
    "category_specification": ("array", "in_nullable:KEYWORDS", "nullable"),
    "category_specification_other": ("max:500",),
    "decision_ground": ("required", "in:DECISION_GROUNDS"),
    "decision_ground_reference_url": ("url", "nullable", "max:500"),
    "illegal_content_legal_ground": (
        "required_if:decision_ground,DECISION_GROUND_ILLEGAL_CONTENT",
        "exclude_unless:decision_ground,DECISION_GROUND_ILLEGAL_CONTENT",
        "max:500",
    ),
    "illegal_content_explanation": (
        "required_if:decision_ground,DECISION_GROUND_ILLEGAL_CONTENT",
        "exclude_unless:decision_ground,DECISION_GROUND_ILLEGAL_CONTENT",
        "max:2000",
    ),
    "incompatible_content_ground": (
        "required_if:decision_ground,DECISION_GROUND_INCOMPATIBLE_CONTENT",
        "exclude_unless:decision_ground,DECISION_GROUND_INCOMPATIBLE_CONTENT",
        "max:500",
    ),
    "incompatible_content_explanation": (
        "required_if:decision_ground,DECISION_GROUND_INCOMPATIBLE_CONTENT",
        "exclude_unless:decision_ground,DECISION_GROUND_INCOMPATIBLE_CONTENT",
        "max:2000",
    ),
    "incompatible_content_illegal": (
        "in:INCOMPATIBLE_CONTENT_ILLEGALS",
        "exclude_unless:decision_ground,DECISION_GROUND_INCOMPATIBLE_CONTENT",
    ),
    "content_type": ("array", "required", "in:CONTENT_TYPES"),
    "content_type_other": (
        "max:500",
        "required_if_contains:content_type,CONTENT_TYPE_OTHER",
        "exclude_unless_contains:content_type,CONTENT_TYPE_OTHER",
    ),
    "category": ("required", "in:STATEMENT_CATEGORIES"),
    "category_addition": ("array", "in:STATEMENT_CATEGORIES"),
    "territorial_scope": ("array", "nullable", "in:EUROPEAN_COUNTRY_CODES"),
    "content_language": ("in:ALL_LANGUAGES", "nullable"),
    "content_date": (
        "required",
        "date_format:Y-m-d",
        "after_or_equal:2000-01-01",
        "before_or_equal:2038-01-01",
    ),
    "application_date": (
        "required",
        "date_format:Y-m-d",
        "after_or_equal:2020-01-01",
        "before_or_equal:2038-01-01",
    ),
    "end_date_account_restriction": ("date_format:Y-m-d", "nullable", "before_or_equal:2038-01-01"),
    "end_date_monetary_restriction": ("date_format:Y-m-d", "nullable", "before_or_equal:2038-01-01"),
    "end_date_service_restriction": ("date_format:Y-m-d", "nullable", "before_or_equal:2038-01-01"),
    "end_date_visibility_restriction": ("date_format:Y-m-d", "nullable", "before_or_equal:2038-01-01"),
    "decision_facts": ("required", "max:5000"),
    "source_type": ("required", "in:SOURCE_TYPES"),
    "source_identity": ("max:500", "exclude_if_contains:source_type,SOURCE_VOLUNTARY"),
    "automated_detection": ("required", "in:AUTOMATED_DETECTIONS"),
    "automated_decision": ("required", "in:AUTOMATED_DECISIONS"),
    "puid": ("required", "max:500", "regex:^[a-zA-Z0-9-_]+$"),
}
END_DATES = (
    "end_date_account_restriction",
    "end_date_monetary_restriction",
    "end_date_service_restriction",
    "end_date_visibility_restriction",
)
PUID_PATTERN = re.compile(r"[a-zA-Z0-9_-]+")
URL_PATTERN = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)


def validate(record):
    """Every way the record breaks the database's rules: {field: [messages]}."""
    if not isinstance(record, dict):
        return {"": ["A statement must be a JSON object."]}
    errors = {}
    for name in record:
        if name not in RULES:
            errors.setdefault(name, []).append(f"The field {name} is not part of the schema.")
    for name, rules in RULES.items():
        if "." in name:
            continue
        found = _field_errors(record, name, rules)
        if found:
            errors[name] = errors.get(name, []) + found
    _check_content_id(record, errors)
    _check_end_dates(record, errors)
    return errors


def is_valid(record):
    return not validate(record)


def messages(errors):
    """{field: [messages]} as one line per problem, for people and logs."""
    return [
        message if field in message else f"{field}: {message}"
        for field, found in errors.items()
        for message in found
    ]


def _present(value):
    """Laravel's `required`: null, blank text and empty lists count as missing."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple, dict)):
        return bool(value)
    return True


def _contains(record, field, value):
    current = record.get(field)
    values = current if isinstance(current, list) else [current]
    return value in values


def _field_errors(record, name, rules):
    label = name.replace("_", " ")
    value = record.get(name)
    present = _present(value)
    for rule in rules:
        kind, _, argument = rule.partition(":")
        if kind == "exclude_unless" and record.get(argument.split(",")[0]) != argument.split(",")[1]:
            return []
        if kind == "exclude_unless_contains" and not _contains(record, *argument.split(",")):
            return []
        if kind == "exclude_if_contains" and _contains(record, *argument.split(",")):
            return []
    required = "required" in rules or any(
        _condition_holds(record, rule)
        for rule in rules
        if rule.startswith(("required_if", "required_without_all"))
    )
    if not present:
        if required:
            return [f"The {label} field is required."]
        if value is None and ("nullable" in rules or name not in record):
            return []
        if name not in record:
            return []
    return _value_errors(value, label, rules)


def _condition_holds(record, rule):
    kind, _, argument = rule.partition(":")
    if kind == "required_if":
        field, expected = argument.split(",")
        return record.get(field) == expected
    if kind == "required_if_contains":
        return _contains(record, *argument.split(","))
    if kind == "required_without_all":
        return not any(_present(record.get(field)) for field in argument.split(","))
    return False


def _value_errors(value, label, rules):
    found = []
    if "array" in rules and not isinstance(value, list):
        return [f"The {label} field must be an array."]
    items = value if isinstance(value, list) else [value]
    for rule in rules:
        kind, _, argument = rule.partition(":")
        if kind in ("in", "in_nullable"):
            allowed = set(ENUMS[argument])
            bad = [
                item for item in items if item not in allowed and not (kind == "in_nullable" and item is None)
            ]
            if bad:
                found.append(f"The selected {label} is invalid.")
        elif kind == "max" and isinstance(value, str) and len(value) > int(argument):
            found.append(f"The {label} field must not be greater than {argument} characters.")
        elif kind == "string" and not isinstance(value, str):
            found.append(f"The {label} field must be a string.")
        elif kind == "regex" and not (isinstance(value, str) and re.fullmatch(argument.strip("^$"), value)):
            found.append(f"The {label} format is invalid.")
        elif kind == "url" and not (isinstance(value, str) and URL_PATTERN.fullmatch(value)):
            found.append(f"The {label} field must be a valid URL.")
        elif kind == "date_format" and _parse_date(value) is None:
            found.append(f"The {label} does not match the format YYYY-MM-DD.")
        elif kind in ("after_or_equal", "before_or_equal"):
            day = _parse_date(value)
            bound = date.fromisoformat(argument)
            if day is not None and (day < bound if kind == "after_or_equal" else day > bound):
                word = "after or equal to" if kind == "after_or_equal" else "before or equal to"
                found.append(f"The {label} field must be a date {word} {argument}.")
    if any(rule.startswith("max:") for rule in rules) and not isinstance(value, str):
        found.append(f"The {label} field must be a string.")
    return found


def _parse_date(value):
    # PHP's Y-m-d as Laravel checks it: the text must be exactly the formatted date.
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _check_content_id(record, errors):
    content_id = record.get("content_id")
    if isinstance(content_id, dict) and "EAN-13" in content_id:
        found = _value_errors(content_id["EAN-13"], "content id.EAN-13", RULES["content_id.EAN-13"])
        if found:
            errors.setdefault("content_id.EAN-13", []).extend(found)


def _check_end_dates(record, errors):
    start = _parse_date(record.get("application_date"))
    for name in END_DATES:
        end = _parse_date(record.get(name))
        if start and end and end < start:
            errors.setdefault(name, []).append(
                f"The {name.replace('_', ' ')} must be after or equal to the application date."
            )
