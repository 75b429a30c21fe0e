"""Writes augment_groups.csv: our own German sentences about groups of people.

The public training data ties the names of groups (Flüchtlinge, Muslime, Juden, Frauen,
Schwule, …) to hate: nearly every sentence that names them is hateful, and negation,
counter-speech and reported speech never appear as negatives. These sentences, written
by us for training only (never for testing), give the models the missing negatives:
neutral and positive statements about groups, counter-speech, negated hate and news-like
reported speech, plus a few contrasting hateful sentences for the same groups so that the
group's name itself stays neutral.

    python -m freigabe.assessment.data.augment_generate    # rewrites augment_groups.csv

Columns: text, insult, aggression (1 breaks the rule, 0 does not), kind.
"""

import csv
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent / "augment_groups.csv"
SEED = 4711

# (nominative plural, dative plural)
GROUPS = [
    ("Flüchtlinge", "Flüchtlingen"),
    ("Geflüchtete", "Geflüchteten"),
    ("Muslime", "Muslimen"),
    ("Juden", "Juden"),
    ("Jüdinnen und Juden", "Jüdinnen und Juden"),
    ("Frauen", "Frauen"),
    ("Schwule", "Schwulen"),
    ("Lesben", "Lesben"),
    ("trans Menschen", "trans Menschen"),
    ("Migranten", "Migranten"),
    ("Ausländer", "Ausländern"),
    ("Türken", "Türken"),
    ("Araber", "Arabern"),
    ("Afrikaner", "Afrikanern"),
    ("Sinti und Roma", "Sinti und Roma"),
    ("Christen", "Christen"),
    ("Schwarze", "Schwarzen"),
    ("Asylbewerber", "Asylbewerbern"),
    ("Homosexuelle", "Homosexuellen"),
    ("Menschen mit Behinderung", "Menschen mit Behinderung"),
    ("Polen", "Polen"),
    ("Russen", "Russen"),
    ("Zuwanderer", "Zuwanderern"),
    ("Syrer", "Syrern"),
    ("Afghanen", "Afghanen"),
    ("Rentner", "Rentnern"),
]

NEUTRAL = [
    "{G} gehören genauso zu unserer Stadt wie alle anderen.",
    "In unserem Sportverein trainieren viele {G} mit, und das klappt wunderbar.",
    "Unsere Nachbarn sind {G}, wir helfen uns gegenseitig beim Einkaufen.",
    "Viele {G} engagieren sich ehrenamtlich, das sollte man öfter erwähnen.",
    "{G} haben dieselben Rechte und Pflichten wie alle anderen auch.",
    "Gut, dass die Stadt mit {D} über die neuen Wohnungen spricht.",
    "Wie viele {G} leben eigentlich im Landkreis? Gibt es dazu Zahlen?",
    "Die Umfrage zeigt, dass {G} sich um Mieten und Schulen sorgen wie alle anderen.",
    "Respekt vor allen {D}, die sich hier eine Existenz aufgebaut haben.",
    "Ich arbeite seit Jahren mit {D} zusammen und habe nur gute Erfahrungen gemacht.",
    "Der Bericht über {G} in unserem Viertel war differenziert und lesenswert.",
    "Auf dem Sommerfest haben {G} und Alteingesessene zusammen gekocht.",
    "{G} sind Menschen wie du und ich.",
    "Mein bester Freund gehört zu den {D}, und ich bin stolz auf ihn.",
    "Die Beratungsstelle für {G} braucht dringend mehr Geld.",
    "Ich wünsche mir mehr Artikel, in denen {G} selbst zu Wort kommen.",
    "Die Ausstellung zeigt, wie {G} seit Jahrzehnten das Stadtleben prägen.",
    "Danke an alle, die {D} beim Ankommen helfen.",
    "{G} verdienen denselben Schutz wie jeder andere Mensch.",
    "Es ist schön zu sehen, wie gut {G} hier aufgenommen werden.",
]

COUNTER_SPEECH = [
    "Wer schreibt, {G} seien Ungeziefer, hat jeden Anstand verloren. So redet man nicht über Menschen.",
    "Ich widerspreche jedem, der behauptet, {G} seien weniger wert.",
    "Dass hier jemand fordert, {G} sollten verschwinden, finde ich beschämend.",
    "Hass gegen {G} darf in unserer Gesellschaft keinen Platz haben.",
    "Solche Sprüche über {G} sind menschenverachtend, bitte lasst das.",
    "Wer gegen {G} hetzt, spaltet unsere Gesellschaft.",
    "Ich stelle mich klar gegen jede Hetze gegen {G}.",
    "„{G} raus“ zu rufen ist keine Meinung, sondern Hetze.",
    "Der Kommentar oben, {G} seien kriminell, ist falsch und verletzend.",
    "Pauschale Urteile über {G} helfen niemandem, im Gegenteil.",
    "Es macht mich wütend, wie hier über {G} geschrieben wird. Das sind unsere Nachbarn.",
    "Wer {G} die Schuld an allem gibt, macht es sich viel zu einfach.",
    "Nein, {G} sind nicht das Problem, und wer das behauptet, sollte die Zahlen lesen.",
    "Gegen Gewalt an {D} müssen wir alle gemeinsam aufstehen.",
]

NEGATED = [
    "Ich hasse {G} nicht, ganz im Gegenteil.",
    "Niemand sollte {G} hassen.",
    "{G} sind keine Gefahr für unser Land.",
    "Ich habe nichts gegen {G}, und das meine ich ehrlich.",
    "{G} sind nicht kriminell, das zeigen auch die Statistiken.",
    "Es stimmt einfach nicht, dass {G} uns etwas wegnehmen.",
    "Ich würde {D} niemals etwas Böses wünschen.",
    "{G} sind keine Menschen zweiter Klasse.",
    "Man darf {G} nicht pauschal verurteilen.",
    "Ich finde {G} überhaupt nicht schlimm, warum auch?",
]

REPORTED = [
    "Laut dem Bericht wurden {G} in der Innenstadt beleidigt, das ist erschreckend.",
    "Die Polizei ermittelt, weil {G} auf einem Plakat bedroht wurden.",
    "Der Bürgermeister verurteilte die Angriffe auf {G} scharf.",
    "Im Prozess ging es um Hassbotschaften gegen {G}.",
    "Die Studie untersucht, wie oft {G} im Netz angefeindet werden.",
    "Das Gericht verurteilte den Mann, der {G} im Internet beschimpft hatte.",
    "Nach dem Anschlag auf {G} gab es eine Mahnwache auf dem Marktplatz.",
    "Der Verfassungsschutz warnt vor Gruppen, die Stimmung gegen {G} machen.",
]

# The same groups in hateful sentences, so that a group's name alone says nothing.
HATEFUL = [
    "Ich hasse {G}.",
    "{G} sind Abschaum und gehören aus dem Land gejagt.",
    "Diese {G} sind Parasiten, alle raus mit ihnen.",
    "{G} sollte man einsperren und nie wieder rauslassen.",
    "Mit {D} sollte man kurzen Prozess machen.",
    "{G} sind weniger wert als wir.",
]

# Harsh words about things, not people: not hate either.
THINGS = [
    ("Ich hasse Montage, vor allem im Winter.", 0, 0),
    ("Ich hasse diesen Regen, seit Tagen nur grau.", 0, 0),
    ("Diese Baustelle macht mich wahnsinnig, seit Monaten geht nichts voran.", 0, 0),
    ("Ich hasse es, wenn der Bus einfach ausfällt.", 0, 0),
    ("Das Konzept der Stadt ist schlecht durchdacht, finde ich.", 0, 0),
    ("Ich kann diese Debatte über Parkplätze nicht mehr hören.", 0, 0),
    ("Der neue Fahrplan ist eine Katastrophe für Pendler.", 0, 0),
    ("Diese Mücken bringen mich um, jeden Abend dasselbe.", 0, 0),
]


def rows():
    rng = random.Random(SEED)
    result = []
    for nominative, dative in GROUPS:
        for kind, templates, label in (
            ("neutral", NEUTRAL, 0),
            ("counter_speech", COUNTER_SPEECH, 0),
            ("negated", NEGATED, 0),
            ("reported", REPORTED, 0),
            ("hateful", HATEFUL, 1),
        ):
            # A sample per group keeps each template frequent enough to matter but not dominant.
            chosen = rng.sample(templates, k=min(len(templates), 4 if label else 6))
            for template in chosen:
                text = template.format(G=nominative, D=dative)
                result.append((text[0].upper() + text[1:], label, label, kind))
    result.extend((text, insult, aggression, "things") for text, insult, aggression in THINGS)
    return result


def main():
    with open(OUT, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "insult", "aggression", "kind"])
        writer.writerows(rows())
    print(f"{OUT}: {len(rows())} sentences")


if __name__ == "__main__":
    main()
