import pytest

from freigabe.assessment import assess


def advertising(comment, **options):
    return assess(comment, **options).rules["advertising"]


@pytest.mark.parametrize(
    "comment",
    [
        "Quelle: https://www.destatis.de/DE/Themen/Gesellschaft-Umwelt/Bevoelkerung/",
        "Siehe https://de.wikipedia.org/wiki/Straßenbahn und www.tagesschau.de/inland",
        "Der Beschluss steht auf bundestag.de nachzulesen.",
    ],
)
def test_a_reputable_source_is_not_advertising(comment):
    assert advertising(comment).score < 0.1


@pytest.mark.parametrize(
    "comment",
    [
        "Jetzt kaufen bei www.billig-uhren-shop.de mit 50 % Rabatt!",
        "Verdienen Sie 500 Euro am Tag von zu Hause aus, schreiben Sie mir auf WhatsApp.",
        "Mit Bitcoin habe ich in einer Woche 5000 Euro Gewinn gemacht, Infos auf krypto-reich(dot)com",
        "Tolle Angebote auf schnaeppchen-shop[punkt]de",
        "Günstige Uhren: www . uhren-outlet . de",
        "Gratis Tickets: hxxp://free-tickets.xyz",
        "Klick hier: bit.ly/3abcDE",
        "Rufen Sie an: +49 171 2345678 oder schreiben Sie an info@kredit-sofort.de",
    ],
)
def test_spam_is_advertising(comment):
    rule = advertising(comment)
    assert rule.score >= 0.5
    assert rule.evidence and all(comment[e.start : e.end] == e.text for e in rule.evidence)


def test_a_single_unknown_link_alone_only_asks_for_a_look():
    assert 0.2 < advertising("Mehr dazu hier: https://www.mein-heimatblog.de/radwege").score < 0.5


def test_sentence_ends_are_not_mistaken_for_hidden_links():
    assert (
        advertising("Das ist gut. Es ist aber teuer. Ein Punkt es gibt noch mehr. De facto nein.").score == 0
    )


def test_the_site_policy_allows_and_denies_domains():
    comment = "Mehr dazu: https://www.lokalblatt.example/artikel/1"
    assert advertising(comment, site_policy={"site_domains": ["lokalblatt.example"]}).score == 0
    assert advertising(comment, site_policy={"denied_domains": ["lokalblatt.example"]}).score > 0.9
    assert advertising(comment, site_policy={"allowed_domains": ["www.lokalblatt.example"]}).score == 0


def test_a_domain_the_article_itself_cites_is_not_advertising():
    article = "Die Studie ist auf www.klimastudie-nord.example veröffentlicht."
    comment = "Die Studie auf https://klimastudie-nord.example/pdf sagt etwas anderes."
    assert advertising(comment, article=article).score == 0


def test_the_same_link_posted_again_and_again_is_spam():
    comment = "Schaut mal: https://www.mein-heimatblog.de/radwege"
    history = ["https://mein-heimatblog.de/a", "www.mein-heimatblog.de/b"]
    assert advertising(comment, recent_links=history).score >= 0.9
    assert advertising(comment, recent_links=history[:1]).score < 0.5


def test_years_and_prices_are_not_phone_numbers():
    assert advertising("Im Jahr 2023 kostete das 1.250.000 Euro, 2024 schon 1.400.000.").score < 0.1
