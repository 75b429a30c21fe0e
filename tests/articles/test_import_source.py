"""import_source: files, bytes and text; decoding; HTML or dump; clear errors for bad input."""

from pathlib import Path

import pytest

from freigabe.articles.importers import ArticleImportError, import_source
from freigabe.articles.importers.agencies import (
    credit_line_agencies,
    dateline_agencies,
    split_trailing_credit,
)
from freigabe.articles.importers.dates import find_date
from freigabe.articles.importers.decoding import decode_page, is_html
from freigabe.articles.importers.language import detect_language

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
HTML_PAGE = FIXTURES / "html" / "opengraph-only.html"
TEXT_PAGE = FIXTURES / "text" / "rundschau-numeric-date.txt"


def test_it_reads_html_and_text_files_by_their_content():
    assert import_source(HTML_PAGE).source_format == "html"
    assert import_source(str(TEXT_PAGE)).source_format == "text"


def test_it_sniffs_html_without_a_file_name():
    record = import_source(HTML_PAGE.read_bytes())
    assert record.source_format == "html"
    assert record.publisher == "Allgäuer Rundblick"


def test_a_text_dump_with_an_html_suffix_is_still_read():
    record = import_source(TEXT_PAGE.read_bytes(), filename="seite.txt")
    assert record.title == "Stadtrat beschließt kostenlose Busse an Adventssamstagen"


def test_it_decodes_cp1252_pages_declared_in_a_meta_tag():
    page = HTML_PAGE.read_text("utf-8").replace('charset="utf-8"', 'charset="windows-1252"')
    record = import_source(page.encode("cp1252"))
    assert record.title == "Bäckerhandwerk sucht Nachwuchs – und setzt auf Quereinsteiger"
    assert "Allgäu" in record.body


def test_undeclared_legacy_encodings_fall_back_to_cp1252():
    page = TEXT_PAGE.read_text("utf-8").encode("cp1252")
    record = import_source(page)
    assert record.title == "Stadtrat beschließt kostenlose Busse an Adventssamstagen"


def test_a_charset_from_the_http_header_wins():
    text = "Straße über Brücke".encode("iso-8859-15")
    assert decode_page(text, "iso-8859-15") == "Straße über Brücke"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"\x00\x01binary\x00data" * 20, "binary file"),
        (bytes(range(1, 32)) * 40, "binary file"),
    ],
)
def test_it_rejects_what_is_not_a_page(data, message):
    with pytest.raises(ArticleImportError, match=message):
        import_source(data)


def test_it_rejects_a_page_without_an_article():
    with pytest.raises(ArticleImportError, match="No article found"):
        import_source(FIXTURES / "text" / "no-article.txt")
    with pytest.raises(ArticleImportError, match="No article found"):
        import_source(b"<html><body><nav><a href='/'>Start</a></nav><p>Kurz.</p></body></html>")


def test_it_rejects_a_missing_file(tmp_path):
    with pytest.raises(ArticleImportError, match="No such file"):
        import_source(tmp_path / "fehlt.html")


def test_it_rejects_files_over_the_size_limit(tmp_path):
    big = tmp_path / "gross.html"
    big.write_bytes(b"<p>x</p>" * 1000)
    with pytest.raises(ArticleImportError, match="larger than the limit"):
        import_source(big, max_bytes=1024)


@pytest.mark.parametrize(
    "text, content_type, filename, expected",
    [
        ("<p>a</p>", "text/html; charset=utf-8", None, True),
        ("<p>a</p>", "text/plain", None, False),
        ("Titel\n\nText", None, "seite.html", True),
        ("<!DOCTYPE html><title>x</title>", None, None, True),
        ("Titel\n\nEin Absatz mit a < b und c > d.", None, None, False),
    ],
)
def test_it_tells_html_from_text(text, content_type, filename, expected):
    assert is_html(text, filename=filename, content_type=content_type) is expected


@pytest.mark.parametrize(
    "credit, agencies",
    [
        ("Quelle: dpa", ["dpa"]),
        ("© Reuters", ["reuters"]),
        ("mit Material von dpa und AFP", ["dpa", "afp"]),
        ("AFP/dpa", ["afp", "dpa"]),
        ("Mit Material der Nachrichtenagenturen KNA und epd.", ["kna", "epd"]),
        ("Quelle: Süddeutsche Zeitung", []),
        ("Die AP-Schule", []),
    ],
)
def test_it_reads_agency_credit_lines(credit, agencies):
    assert credit_line_agencies(credit) == agencies


def test_it_splits_a_trailing_agency_credit_but_not_a_party_name():
    assert split_trailing_credit("Er trat zurück. (afp/dl)") == ("Er trat zurück.", ["afp"])
    assert split_trailing_credit("Er sprach mit Scholz (SPD)") == ("Er sprach mit Scholz (SPD)", [])
    assert dateline_agencies("Berlin (dpa/bb) - Der Senat hat") == ["dpa"]


@pytest.mark.parametrize(
    "text, iso",
    [
        ("Epoch Times4. November 2021", "2021-11-04"),
        ("am 3. März 2023", "2023-03-03"),
        ("04.11.21, 8:05 Uhr", "2021-11-04T08:05:00"),
        ("13:05 Uhr, 04.11.2021", "2021-11-04T13:05:00"),
        ("November 4, 2021 5:12 PM", "2021-11-04T17:12:00"),
        ("2021-11-04T13:05:00", "2021-11-04T13:05:00"),
    ],
)
def test_it_reads_dates(text, iso):
    assert find_date(text).iso() == iso


def test_impossible_dates_and_version_numbers_are_not_dates():
    assert find_date("31.02.2021") is None
    assert find_date("Version 1.2.3") is None


def test_language_comes_from_stop_words_with_a_hint_for_short_texts():
    assert (
        detect_language(
            "Der Rat hat die Vorlage mit den Stimmen der Koalition und "
            "auch der Opposition beschlossen, die nicht dagegen war."
        )
        == "de"
    )
    assert (
        detect_language(
            "The council said that it was not going to vote on the plan with the opposition this year."
        )
        == "en"
    )
    assert detect_language("Tor!", hint="de-DE") == "de"
