"""Plain-text page dumps: one example page from the wild, and dumps in other outlets' styles."""

from pathlib import Path

import pytest

from freigabe.articles.importers.textdump import (
    BODY,
    COMMENTS,
    DATE,
    extract_from_text,
    line_features,
    score_line,
    split_lines,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles" / "text"
REPO = Path(__file__).resolve().parents[2]
SEED_PAGE = REPO.parent / "shared" / "seed" / "article-page.txt"


def read_dump(name):
    return extract_from_text((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture
def seed_page():
    if not SEED_PAGE.exists():
        pytest.skip(f"example page not available ({SEED_PAGE}); CI has ../shared")
    return SEED_PAGE.read_text(encoding="utf-8")


def filled_lines(page):
    return [line for line in page.splitlines() if line.strip()]


# The expectations come from the page's own lines (title, "Titelbild", caption with credit,
# publisher and date, then the article), so no sentence of it is copied into the project.
def test_it_reads_every_field_of_the_example_page(seed_page):
    record = extract_from_text(seed_page)
    title, _, caption_line, _, *article = filled_lines(seed_page)
    assert record.title == title
    assert record.published_at == "2021-11-04"
    assert record.publisher == "Epoch Times"
    assert record.agencies == ["afp"]
    caption, credit = caption_line.split("Foto: ")
    assert record.image_caption == caption and record.image_credit == credit
    assert record.subheadings == [article[2]]
    assert record.language == "de"
    assert record.authors == []


def test_the_example_body_has_the_article_and_nothing_else(seed_page):
    record = extract_from_text(seed_page)
    paragraphs = record.paragraphs
    article = filled_lines(seed_page)[4:]
    assert len(paragraphs) == 8  # seven paragraphs and the subheading
    assert paragraphs[:7] == article[:7]
    assert article[7] == paragraphs[7] + " (afp/dl)"  # the agency credit is cut off
    for furniture in (
        "Titelbild",
        "Epoch TV",
        "Kommentare",
        "Liebe Leser",
        "Redaktion",
        "Foto:",
        "Kommentar-Bereich",
        "Epoch Times4",
    ):
        assert furniture not in record.body


EXPECTED = {
    "rundschau-numeric-date.txt": {
        "title": "Stadtrat beschließt kostenlose Busse an Adventssamstagen",
        "published_at": "2021-11-04T13:05:00",
        "publisher": "Süddeutsche Rundschau",
        "authors": ["Anna Beispiel", "Jörg Muster"],
        "agencies": ["dpa", "afp"],
        "image_caption": "Ein Linienbus der Stadtwerke Weißenbach an der Haltestelle Marktplatz.",
        "image_credit": "Max Muster/dpa",
        "subheadings": ["Kritik an der Finanzierung"],
        "language": "de",
        "paragraphs": 7,
        "first": "Die Innenstadt soll voller werden",
        "last": "im kommenden Jahr entschieden wird.",
        "absent": [
            "Mehr zum Thema",
            "Parkgebühren in der Altstadt",
            "Newsletter",
            "Lesedauer",
            "Kommentare",
            "Facebook",
            "Foto:",
            "Verkehrswende",
            "Startseite",
        ],
    },
    "tagesblick-stand.txt": {
        "title": "Forstämter melden trockensten Herbst seit Beginn der Messungen",
        "published_at": "2021-11-04T17:20:00",
        "publisher": None,
        "authors": ["Lea Sommerfeld"],
        "agencies": ["reuters"],
        "image_caption": None,
        "image_credit": None,
        "subheadings": ["Wie entsteht die Trockenheit?", "Was Waldbesitzer jetzt tun können"],
        "language": "de",
        "paragraphs": 8,
        "first": "In vielen Regionen hat es seit Wochen",
        "last": "kostenlos beraten lassen.",
        "absent": [
            "Stand:",
            "Über dieses Thema berichtete",
            "Dürremonitor",
            "Mit Material",
            "Waldbrandgefahr",
            "Drucken",
        ],
    },
    "nordkurier-dateline-paywall.txt": {
        "title": "Feuerwehr rettet Kletterer aus Steilwand am Hohen Fels",
        "published_at": "2023-03-12T09:30:00",
        "publisher": "Nordkurier Aktuell",
        "authors": [],
        "agencies": ["dpa"],
        "image_caption": "Einsatzkräfte der Höhenrettung sichern die Wand unterhalb des Gipfelkreuzes.",
        "image_credit": "picture alliance/dpa | Uwe Zimmermann",
        "subheadings": [],
        "language": "de",
        "paragraphs": 2,
        "first": "Kassel (dpa/lhe) - Ein 34 Jahre alter Kletterer",
        "last": "bis zum Abend gesperrt.",
        "absent": ["NK+", "Abo", "0,99", "Spielplatz", "Bild vergrößern", "Lesedauer"],
    },
    "liveticker.txt": {
        "title": "Sturmtief über Norddeutschland: Bahn stellt Fernverkehr ein",
        "published_at": "2022-02-18T15:40:00",
        "publisher": None,
        "authors": [],
        "agencies": ["dpa", "afp"],
        "image_caption": None,
        "image_credit": None,
        "subheadings": [
            "15:40 Uhr: Sturmflut in Hamburg erwartet",
            "14:55 Uhr: Keine Fernzüge mehr im Norden",
            "14:20 Uhr: Baum stürzt auf Auto",
            "13:45 Uhr: Schulen schicken Kinder früher nach Hause",
        ],
        "language": "de",
        "paragraphs": 9,
        "first": "Das Sturmtief bringt Orkanböen",
        "last": "über offene Felder führt.",
        "absent": ["Liveblog\n", "Link kopieren", "(dpa)", "(AFP)"],
    },
    "wire-english.txt": {
        "title": "Wind farm operator halts North Sea expansion over cable delays",
        "published_at": "2021-11-04T17:12:00",
        "publisher": None,
        "authors": ["Jane Doe", "Tom Miller"],
        "agencies": ["reuters"],
        "image_caption": None,
        "image_credit": None,
        "subheadings": [],
        "language": "en",
        "paragraphs": 3,
        "first": "HAMBURG, Nov 4 (Reuters) - A North Sea",
        "last": "are fully booked.",
        "absent": ["Reporting by", "Our Standards", "Sign up", "Markets"],
    },
    "magazin-kommentar.txt": {
        "title": "Das Ehrenamt verdient mehr als warme Worte",
        "published_at": "2021-11-05T18:45:00",
        "publisher": None,
        "authors": ["Jörg Muster"],
        "agencies": [],
        "image_caption": "Freiwillige Helfer bei der Ausgabe von Lebensmitteln in einer Tafel.",
        "image_credit": "IMAGO/Future Image",
        "subheadings": ["Warum wartet die Politik?"],
        "language": "de",
        "paragraphs": 4,
        "first": "Jedes Jahr im Dezember",
        "last": "nächste Generation von Vorsitzenden ausbleibt.",
        "absent": ["Helga", "Netiquette", "Diskutieren", "Vereinssterben", "Merkliste", "Ein Kommentar von"],
    },
    "lynx-hardwrapped.txt": {
        "title": "Stadttheater zeigt Uraufführung über die Hafenstreiks von 1896",
        "published_at": "2024-01-21T10:15:00",
        "publisher": None,
        "authors": ["Miriam Albers"],
        "agencies": [],
        "image_caption": None,
        "image_credit": None,
        "subheadings": ["Bühne aus Containern"],
        "language": "de",
        "paragraphs": 5,
        "first": "Mit einem Stück über die große Arbeitsniederlegung im Hafen eröffnet das Stadttheater",
        "last": "ermäßigten Eintritt.",
        "absent": ["[1]", "Zum Inhalt springen", "References", "https://", "Teilen"],
    },
    "kirchenbote-epd.txt": {
        "title": "Diakonie eröffnet Wärmestube im ehemaligen Gemeindehaus",
        "published_at": "2022-12-02",
        "publisher": "Kirchenbote Online",
        "authors": [],
        "agencies": ["epd"],
        "image_caption": None,
        "image_credit": None,
        "subheadings": [],
        "language": "de",
        "paragraphs": 2,
        "first": "Die Diakonie in Hannover hat",
        "last": "im Büro der Diakonie angenommen.",
        "absent": ["Quelle: epd", "Newsletter", "Spenden\n", "Kirche und Gesellschaft"],
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_it_reads_dumps_in_other_outlets_styles(name):
    expected = EXPECTED[name]
    record = read_dump(name)
    for field in (
        "title",
        "published_at",
        "publisher",
        "authors",
        "agencies",
        "image_caption",
        "image_credit",
        "subheadings",
        "language",
    ):
        assert getattr(record, field) == expected[field], field
    assert len(record.paragraphs) == expected["paragraphs"]
    assert record.paragraphs[0].startswith(expected["first"])
    assert record.paragraphs[-1].endswith(expected["last"])
    for furniture in expected["absent"]:
        assert furniture not in record.body, furniture


def test_a_page_without_an_article_yields_no_body():
    assert read_dump("no-article.txt").body == ""


def test_a_comment_link_under_the_headline_does_not_end_the_article():
    first = "Die neue Brücke über den Kanal ist seit Montag für Radfahrer geöffnet. " * 4
    second = "Die Stadt hat dafür drei Jahre gebaut und zwölf Millionen Euro ausgegeben. " * 3
    dump = f"Neue Brücke für Radfahrer freigegeben\n\n12 Kommentare\n\n{first}\n\n{second}"
    record = extract_from_text(dump)
    assert record.title == "Neue Brücke für Radfahrer freigegeben"
    assert len(record.paragraphs) == 2


@pytest.mark.parametrize(
    "line, outlet, published",
    [
        ("Epoch Times4. November 2021", "Epoch Times", "2021-11-04"),
        ("Süddeutsche Zeitung, 04.11.2021, 13:05 Uhr", "Süddeutsche Zeitung", "2021-11-04T13:05:00"),
        ("Stand: 4.11.2021", None, "2021-11-04"),
        ("Hannover, 02.12.2022", None, "2022-12-02"),
        ("Veröffentlicht am 3. März 2023 um 9.30 Uhr", None, "2023-03-03T09:30:00"),
        ("tagesblick.de, 1. Dez. 2022", "tagesblick.de", "2022-12-01"),
    ],
)
def test_it_reads_outlet_and_date_lines(line, outlet, published):
    dump = f"Neue Brücke für Radfahrer freigegeben\n\n{line}\n\n" + (
        "Die neue Brücke über den Kanal ist seit Montag für Radfahrer geöffnet. " * 5
    )
    record = extract_from_text(dump)
    assert record.published_at == published
    assert record.publisher == outlet


def classify(text):
    lines = split_lines(text)
    labels = []
    for position, line in enumerate(lines):
        following = lines[position + 1] if position + 1 < len(lines) else None
        line.features = line_features(line, lines[position - 1] if position else None, following)
        labels.append(max(score_line(line.features).items(), key=lambda item: item[1])[0])
    return labels


def test_the_classifier_scores_shape_and_cues_not_page_specific_strings():
    labels = classify(
        "Kommentare\n\n"
        "Da wir für jeden Kommentar verantwortlich sind, schalten wir Kommentare erst nach "
        "einer Prüfung frei.\n\n"
        "Der Kreistag hat am Montag den Haushalt für das kommende Jahr beschlossen. Die "
        "Kreisumlage steigt um zwei Prozentpunkte.\n\n"
        "Freitag, 7. Juli 2023\n"
    )
    assert labels == [COMMENTS, COMMENTS, BODY, DATE]
