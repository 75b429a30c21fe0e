"""HTML pages in the shapes German news sites use, written for these tests."""

from pathlib import Path

import pytest

from freigabe.articles.importers.html import extract_from_html

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles" / "html"

EXPECTED = {
    "jsonld-newsarticle.html": {
        "title": "Hochwasserschutz: Land gibt 40 Millionen für neue Deiche frei",
        "published_at": "2023-06-14T08:30:00+02:00",
        "publisher": "Mainzer Tagespost",
        "authors": ["Clara Weidmann", "Tobias Rehm"],
        "agencies": ["dpa"],
        "image_caption": "Arbeiter verstärken den Rheindeich bei Nierstein.",
        "image_credit": "Frank Lohr/dpa",
        "subheadings": ["Kommunen fordern schnellere Verfahren"],
        "language": "de",
        "url": "https://www.mainzer-tagespost.example/region/hochwasserschutz-deiche-40-millionen-100.html",
        "paragraphs": 6,
        "first": "Nach den Überflutungen der vergangenen Jahre",
        "last": "im Haushalt bereits vorgesehen.",
        "absent": [
            "Cookies",
            "Alle akzeptieren",
            "Netiquette",
            "Fenster",
            "Startseite",
            "(dpa/lrs)",
            "© 2023",
        ],
    },
    "opengraph-only.html": {
        "title": "Bäckerhandwerk sucht Nachwuchs – und setzt auf Quereinsteiger",
        "published_at": "2022-09-01T06:00:00+02:00",
        "publisher": "Allgäuer Rundblick",
        "authors": ["Sabine Köhler"],
        "agencies": ["afp"],
        "image_caption": None,
        "image_credit": None,
        "subheadings": [],
        "language": "de",
        "url": "https://rundblick.example/wirtschaft/baeckerhandwerk-nachwuchs",
        "paragraphs": 3,
        "first": "Zum Start des Ausbildungsjahres",
        "last": "weil ihnen das Personal fehlt.",
        "absent": ["Newsletter", "Postfach", "Quelle: AFP", "Von Sabine Köhler"],
    },
    "byline-time-element.html": {
        "title": "Volkssternwarte eröffnet mit dem größten Teleskop der Region",
        "published_at": "2024-03-08T19:00:00+01:00",
        "publisher": None,
        "authors": ["Henrik Olsen"],
        "agencies": ["dpa", "reuters"],
        "image_caption": None,
        "image_credit": None,
        "subheadings": ["Führungen jeden Freitag"],
        "language": "de",
        "url": None,
        "paragraphs": 4,
        "first": "Nach vier Jahren Bauzeit",
        "last": "mit einem speziellen Filter beobachtet wird.",
        "absent": ["Mehr zum Thema", "Sternschnuppen", "Mit Material", "Astronomie\n"],
    },
    "liveticker.html": {
        "title": "Warnstreik im Nahverkehr: Busse und Bahnen stehen still",
        "published_at": "2024-02-02T05:00:00+01:00",
        "publisher": "Westfalen-Blatt Online",
        "authors": [],
        "agencies": ["dpa"],
        "image_caption": None,
        "image_credit": None,
        "subheadings": [
            "11:30 Uhr: Arbeitgeber kritisieren Ausmaß des Streiks",
            "09:15 Uhr: Volle Straßen in den Innenstädten",
            "05:00 Uhr: Streik hat begonnen",
        ],
        "language": "de",
        "url": None,
        "paragraphs": 7,
        "first": "Die Gewerkschaft hat in mehreren Bundesländern",
        "last": "unter einen anderen Tarifvertrag fallen.",
        "absent": [],
    },
    "comments-cookie-newsletter.html": {
        "title": "Freibad Birkenau bleibt im Sommer geschlossen",
        "published_at": "2023-04-20",
        "publisher": "Lausitzer Anzeiger",
        "authors": ["Jana Lorenz"],
        "agencies": [],
        "image_caption": None,
        "image_credit": None,
        "subheadings": [],
        "language": "de",
        "url": None,
        "paragraphs": 3,
        "first": "Das Freibad im Ortsteil Birkenau",
        "last": "bis zum Ende der Ferien bezuschusst.",
        "absent": [
            "Privatsphäre",
            "Einwilligung",
            "Newsletter",
            "Lausitz am Morgen",
            "Kommentare",
            "kaputtgespart",
            "Rücklagen",
            "Von Jana Lorenz",
        ],
    },
    "mehr-zum-thema-inline.html": {
        "title": "Stadtmuseum zeigt Funde aus römischem Gutshof",
        "published_at": "2022-05-12T10:00:00+00:00",
        "publisher": "Trierer Abendzeitung",
        "authors": ["Marie Schwab"],
        "agencies": ["kna"],
        "image_caption": None,
        "image_credit": None,
        "subheadings": ["Ein Sieb für den Wein"],
        "language": "de",
        "url": None,
        "paragraphs": 5,
        "first": "Beim Bau eines Regenrückhaltebeckens",
        "last": "wird um eine Spende gebeten.",
        "absent": [
            "Mehr zum Thema",
            "Piesport",
            "Grabungssommer",
            "Lesen Sie auch",
            "Porta Nigra",
            "Quelle: KNA",
        ],
    },
    "paywall-teaser.html": {
        "title": "Wohnungsmarkt: Mieten steigen auch in kleinen Städten",
        "published_at": "2023-10-05",
        "publisher": "Ostsee-Kurier",
        "authors": ["Ole Petersen"],
        "agencies": [],
        "image_caption": None,
        "image_credit": None,
        "subheadings": [],
        "language": "de",
        "url": None,
        "paragraphs": 2,
        "first": "Lange galten Kleinstädte an der Küste",
        "last": "sagt der Vorsitzende des Mietervereins.",
        "absent": ["OK+", "Abo", "kündbar", "Jetzt testen"],
    },
    "figure-credit-variants.html": {
        "title": "Storchenpaar kehrt auf den Kirchturm zurück",
        "published_at": "2021-04-02",
        "publisher": "Oberpfalz-Echo",
        "authors": [],
        "agencies": [],
        "image_caption": "Seit Mittwoch brütet das Storchenpaar wieder auf dem Turm der Pfarrkirche.",
        "image_credit": "Lisa Baumgartner",
        "subheadings": [],
        "language": "de",
        "url": None,
        "paragraphs": 3,
        "first": "Zum sechsten Mal in Folge",
        "last": "rund um die Uhr im Internet übertragen.",
        "absent": ["Foto:", "Gemeinde Hohenwarth"],
    },
    "agency-dateline-epd.html": {
        "title": "Kirchen rufen zu Spenden für Erdbebenopfer auf",
        "published_at": "2023-02-08T14:20:00+01:00",
        "publisher": "Sonntagsblatt Online",
        "authors": [],
        "agencies": ["epd"],
        "image_caption": None,
        "image_credit": None,
        "subheadings": [],
        "language": "de",
        "url": "https://sonntagsblatt.example/erdbeben-spenden",
        "paragraphs": 3,
        "first": "Frankfurt a.M. (epd). Die evangelische",
        "last": "für die Erdbebenhilfe zu verwenden.",
        "absent": ["Facebook", "WhatsApp"],
    },
    "english-reuters.html": {
        "title": "Rail freight volumes fall as factories cut output",
        "published_at": "2023-11-21T16:45:00+00:00",
        "publisher": "Continental Ledger",
        "authors": [],
        "agencies": ["reuters"],
        "image_caption": None,
        "image_credit": None,
        "subheadings": [],
        "language": "en",
        "url": None,
        "paragraphs": 3,
        "first": "FRANKFURT, Nov 21 (Reuters) - Rail freight",
        "last": "more competitive with trucks.",
        "absent": ["Reporting by", "Editing by"],
    },
    "no-structured-data-plain.html": {
        "title": "Gemeinderat vertagt Entscheidung über Windpark",
        "published_at": "2022-08-17",
        "publisher": "Heimatbote Oberbach",
        "authors": [],
        "agencies": [],
        "image_caption": "Der Steinkopf oberhalb von Oberbach, auf dem die Anlagen entstehen sollen.",
        "image_credit": "Heimatbote",
        "subheadings": [],
        "language": "de",
        "url": None,
        "paragraphs": 3,
        "first": "Der Gemeinderat von Oberbach",
        "last": "einen Wertverlust der Häuser am Ortsrand.",
        "absent": ["Erschienen am", "Impressum", "Bild:", "Lokales"],
    },
}

FIELDS = (
    "title",
    "published_at",
    "publisher",
    "authors",
    "agencies",
    "image_caption",
    "image_credit",
    "subheadings",
    "language",
    "url",
)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_it_reads_news_pages(name):
    expected = EXPECTED[name]
    record = extract_from_html((FIXTURES / name).read_text(encoding="utf-8"))
    for field in FIELDS:
        assert getattr(record, field) == expected[field], field
    assert len(record.paragraphs) == expected["paragraphs"], record.paragraphs
    assert record.paragraphs[0].startswith(expected["first"])
    assert record.paragraphs[-1].endswith(expected["last"])
    for furniture in expected["absent"]:
        assert furniture not in record.body, furniture
    assert record.source_format == "html"


def test_every_fixture_page_has_expectations():
    assert {path.name for path in FIXTURES.glob("*.html")} == set(EXPECTED)


def test_the_record_serialises_to_the_documented_fields():
    record = extract_from_html((FIXTURES / "jsonld-newsarticle.html").read_text("utf-8"))
    data = record.to_dict()
    assert set(FIELDS) | {"body"} <= set(data)
    assert "\n\n" in data["body"]


def test_an_opinion_piece_marked_kommentar_is_not_taken_for_a_comment_box():
    paragraph = "<p>" + "Die Stadt sollte den Busverkehr am Wochenende ausbauen. " * 6 + "</p>"
    page = (
        f"<html><body><article class='kommentar'><h1>Mehr Busse, bitte</h1>"
        f"{paragraph}{paragraph.replace('Stadt', 'Gemeinde')}</article></body></html>"
    )
    record = extract_from_html(page)
    assert record.title == "Mehr Busse, bitte"
    assert len(record.paragraphs) == 2
