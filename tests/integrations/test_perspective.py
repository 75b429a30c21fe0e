"""The Perspective-compatible API, called exactly as Coral and Comentario call Perspective."""

import json
import logging

import pytest
from django.db import connection

from freigabe.integrations.models import AssessorKey, SuggestedLabel
from freigabe.tokens import hash_secret
from tests.integrations.conftest import run_json

ANALYZE = "/perspective/v1alpha1/comments:analyze"
SUGGEST = "/perspective/v1alpha1/comments:suggestscore"
INSULT = "Du bist ein Idiot und ein Vollpfosten."
FRIENDLY = "Danke für den Artikel, die neuen Radwege gefallen mir."


@pytest.fixture
def key(publisher):
    return run_json("create_assessor_key", "zeitung", "--json")["key"]


def post(client, path, key, body):
    # Coral: axios POST to `${endpoint}/comments:analyze?key=...` with only this header.
    query = f"?key={key}" if key is not None else ""
    return client.post(path + query, json.dumps(body), content_type="application/json")


def coral_analyze(text, do_not_store=True, model="TOXICITY"):
    """The body of Coral's formatBody() for "comments:analyze" (services/perspective)."""
    return {
        "comment": {"text": text},
        "doNotStore": do_not_store,
        "requestedAttributes": {model: {}},
        "languages": ["de"],
    }


def coral_suggest(text, status, comment_id, model="TOXICITY"):
    """Coral's body for "comments:suggestscore": APPROVED -> 0, otherwise 1."""
    return {
        "comment": {"text": text},
        "context": {
            "entries": [
                {
                    "text": json.dumps(
                        {
                            "url": f"https://www.zeitung.example/radwege?commentID={comment_id}",
                            "reply_to_id_Coral_comment_id": None,
                            "Coral_comment_id": comment_id,
                        }
                    )
                }
            ]
        },
        "attributeScores": {model: {"summaryScore": {"value": 0 if status == "APPROVED" else 1}}},
        "languages": ["de"],
        "communityId": "Coral:https://www.zeitung.example",
        "clientToken": f"comment:{comment_id}",
    }


def test_create_assessor_key_prints_it_once_and_stores_a_hash(key):
    row = AssessorKey.objects.get()
    assert row.site.slug == "zeitung"
    assert row.key_hash == hash_secret(key) and key not in row.key_hash


def test_coral_analyze_request_gets_perspective_answer(client, key):
    toxic = post(client, ANALYZE, key, coral_analyze(INSULT))
    assert toxic.status_code == 200, toxic.content
    answer = toxic.json()
    score = answer["attributeScores"]["TOXICITY"]["summaryScore"]
    assert score["type"] == "PROBABILITY" and score["value"] > 0.8
    assert answer["languages"] == ["de"] and answer["detectedLanguages"] == ["de"]
    friendly = post(client, ANALYZE, key, coral_analyze(FRIENDLY)).json()
    assert friendly["attributeScores"]["TOXICITY"]["summaryScore"]["value"] < 0.3


def test_comentario_request_without_languages_and_six_attributes(client, key):
    names = ["TOXICITY", "SEVERE_TOXICITY", "IDENTITY_ATTACK", "INSULT", "PROFANITY", "THREAT"]
    body = {"comment": {"text": INSULT}, "requestedAttributes": {name: {} for name in names}}
    answer = post(client, ANALYZE, key, body).json()
    assert sorted(answer["attributeScores"]) == sorted(names)
    assert answer["attributeScores"]["INSULT"]["summaryScore"]["value"] > 0.8


def test_house_rules_as_extra_attributes_with_span_scores(client, key):
    text = "Mehr dazu auf www.billig-uhren-shop.example, jetzt bestellen! Du Idiot."
    body = {
        "comment": {"text": text},
        "spanAnnotations": True,
        "languages": ["de"],
        "requestedAttributes": {
            "FREIGABE_ADVERTISING": {},
            "INSULT": {},
            "FREIGABE_INSINUATION": {},
            "FREIGABE_OFF_TOPIC": {},
        },
    }
    answer = post(client, ANALYZE, key, body).json()["attributeScores"]
    spans = answer["INSULT"]["spanScores"]
    assert any(text[span["begin"] : span["end"]] == "Idiot" for span in spans)
    assert all(span["score"]["type"] == "PROBABILITY" for span in spans)
    assert answer["FREIGABE_ADVERTISING"]["summaryScore"]["value"] > 0.5
    assert "spanScores" in answer["FREIGABE_INSINUATION"]


def test_unknown_attribute_is_400_in_perspectives_error_shape(client, key):
    response = post(
        client, ANALYZE, key, {"comment": {"text": "Hallo"}, "requestedAttributes": {"FLIRTATION": {}}}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == 400 and error["status"] == "INVALID_ARGUMENT"
    assert "FLIRTATION" in error["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"requestedAttributes": {"TOXICITY": {}}},
        {"comment": {"text": ""}, "requestedAttributes": {"TOXICITY": {}}},
        {"comment": {"text": "Hallo"}},
        {"comment": {"text": "x" * 20481}, "requestedAttributes": {"TOXICITY": {}}},
    ],
)
def test_malformed_requests_are_400(client, key, body):
    response = post(client, ANALYZE, key, body)
    assert response.status_code == 400 and response.json()["error"]["status"] == "INVALID_ARGUMENT"


def test_not_json_is_400(client, key):
    response = client.post(f"{ANALYZE}?key={key}", "nicht json", content_type="application/json")
    assert response.status_code == 400 and "error" in response.json()


@pytest.mark.parametrize("wrong", [None, "", "fgp_falsch"])
def test_missing_or_wrong_key_is_403_in_perspectives_error_shape(client, key, wrong):
    response = post(client, ANALYZE, wrong, coral_analyze(FRIENDLY))
    assert response.status_code == 403
    assert response.json()["error"] == {
        "code": 403,
        "status": "PERMISSION_DENIED",
        "message": response.json()["error"]["message"],
    }


def test_each_key_is_rate_limited(client, key, publisher, settings):
    settings.FREIGABE_RATE_PERSPECTIVE = "3/60"
    codes = [post(client, ANALYZE, key, coral_analyze(FRIENDLY)).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = post(client, ANALYZE, key, coral_analyze(FRIENDLY))
    assert limited.json()["error"]["status"] == "RESOURCE_EXHAUSTED"
    assert int(limited["Retry-After"]) >= 1
    other_key = run_json("create_assessor_key", "zeitung", "--json")["key"]
    assert post(client, ANALYZE, other_key, coral_analyze(FRIENDLY)).status_code == 200


def test_do_not_store_keeps_and_logs_nothing(client, key, caplog):
    secret_text = "Vertraulicher Kommentartext Idiot 4711"

    def row_counts():
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
            return {
                table: cursor.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                # The rate limit counts requests per key (no content): the only write.
                for table in tables
                if table not in ("freigabe_cache", "freigabe_rate_counter")
            }

    before = row_counts()
    with caplog.at_level(logging.DEBUG):
        response = post(client, ANALYZE, key, coral_analyze(secret_text, do_not_store=True))
    assert response.status_code == 200
    assert row_counts() == before
    assert "4711" not in caplog.text and key not in caplog.text


def test_coral_suggestscore_stores_the_label_for_the_keys_site(client, key):
    response = post(client, SUGGEST, key, coral_suggest("Gekaufte Presse!", "DELETED", "c-9"))
    assert response.status_code == 200, response.content
    assert response.json() == {"clientToken": "comment:c-9"}
    label = SuggestedLabel.objects.get()
    assert (label.site.slug, label.attribute, label.value, label.rejected) == (
        "zeitung",
        "TOXICITY",
        1.0,
        True,
    )
    assert label.community_id == "Coral:https://www.zeitung.example"
    # A later decision on the same comment replaces the label.
    post(client, SUGGEST, key, coral_suggest("Gekaufte Presse!", "APPROVED", "c-9"))
    assert SuggestedLabel.objects.get().value == 0.0


def test_suggestscore_checks_key_and_attributes(client, key):
    assert post(client, SUGGEST, "falsch", coral_suggest("x", "APPROVED", "1")).status_code == 403
    bad = coral_suggest("x", "APPROVED", "1", model="LIKELY_TO_REJECT")
    assert post(client, SUGGEST, key, bad).status_code == 400
    assert SuggestedLabel.objects.count() == 0


def test_learn_from_decisions_learns_from_coral_labels_and_imported_history(client, key, tmp_path):
    """One real training run (about ten seconds) over both kinds of history a newsroom
    brings: its Coral moderators' labels and the decisions in its imported archive."""
    import csv

    from tests.integrations.conftest import run_command

    rejected = [
        "Ihr seid alle gekauft, Lügenpresse {}!",
        "Halt die Klappe, du Idiot {}.",
        "Verpiss dich, Schwachkopf {}.",
    ]
    released = [
        "Die Radwege in Straße {} sind eine gute Idee.",
        "Ich fahre täglich mit dem Rad über Kreuzung {} zur Arbeit.",
        "Wann beginnen die Bauarbeiten am Abschnitt {}?",
    ]
    for n in range(50):
        template, status = (rejected[n % 3], "DELETED") if n % 2 else (released[n % 3], "APPROVED")
        response = post(client, SUGGEST, key, coral_suggest(template.format(n), status, f"c{n}"))
        assert response.status_code == 200
    history = tmp_path / "history.csv"
    with history.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "article_url", "body", "status", "created_at"])
        for n in range(50, 100):
            template, status = (rejected[n % 3], "rejected") if n % 2 else (released[n % 3], "released")
            writer.writerow(
                [
                    f"h{n}",
                    "https://www.zeitung.example/radwege",
                    template.format(n),
                    status,
                    f"2020-01-01T00:{n - 50:02d}:00Z",
                ]
            )
    imported = run_json("import_comments", str(history), "--site", "zeitung", "--format", "csv", "--json")
    assert imported["comments_imported"] == 50
    out, err = run_command(
        "learn_from_decisions", "--site", "zeitung", "--activate", "no", "--json", "--jobs", "1"
    )
    result = json.loads(out)
    assert result["n_train"] + result["n_test"] == 100
    assert "50 labels from comments:suggestscore" in err


def test_score_threshold_leaves_out_lower_scores_as_perspective_does(client, key):
    body = {
        "comment": {"text": FRIENDLY},
        "requestedAttributes": {"TOXICITY": {"scoreThreshold": 0.5}, "INSULT": {}},
    }
    answer = post(client, ANALYZE, key, body).json()
    assert list(answer["attributeScores"]) == ["INSULT"]


def test_an_assessor_failure_is_answered_in_perspectives_shape_without_the_text(
    client, key, monkeypatch, caplog
):
    from freigabe.integrations import perspective

    def broken(site, text, article=None):
        raise RuntimeError(f"model missing while reading {text}")

    monkeypatch.setattr(perspective, "assess_for_site", broken)
    response = post(client, ANALYZE, key, coral_analyze("Geheimer Text 0815"))
    assert response.status_code == 500
    assert response.json()["error"]["status"] == "INTERNAL"
    assert "0815" not in caplog.text
