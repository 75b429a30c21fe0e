"""Threats and calls to violence, scored under `aggression`.

Two reasons, as the editors name them:
- "Drohung": the writer threatens someone: directly ("Ich bringe dich um"), on a
  condition ("Noch ein Wort und du bist tot") or veiled, without a violent word
  ("Wir wissen, wo du wohnst", "Wir kommen und regeln das mit euch").
- "Gewaltaufruf": the writer wants others to use violence: imperatives ("Schlagt
  sie tot!"), norms ("X gehören aufgehängt", "Man sollte sie erschießen"), death
  wishes, and dehumanising words joined to violence ("Ratten vergiftet man").

Patterns run on the normalised text with counter-speech blanked (context.py). A
negation before the match in its clause ("Niemand sollte ...", "Ich würde dir nie
wehtun") cancels it, except for patterns whose threat is itself worded negatively.
"""

import re

from freigabe.assessment.prefilter import GuardedPattern
from freigabe.assessment.rules.groups import PROTECTED_GROUP, TARGET

THREAT, CALL = "Drohung", "Gewaltaufruf"

# Violent verbs in one word (infinitive, present, participle, zu-infinitive).
_VIOLENT_WORD = (
    r"(?:umbringen|umgebracht|umzubringen|toeten|toete|toetest|toetet|getoetet|zu toeten|ermorden|ermordet|"
    r"ermorde|erschiessen|erschiesse|erschiesst|erschossen|abknallen|abgeknallt|abzuknallen|abstechen|"
    r"abgestochen|abzustechen|erstechen|ersteche|ersticht|erstochen|totschlagen|totgeschlagen|"
    r"totzuschlagen|totpruegeln|totgepruegelt|verpruegeln|verpruegle|verpruegel|verpruegelt|"
    r"zusammenschlagen|zusammengeschlagen|zusammenzuschlagen|kaltmachen|kaltgemacht|aufschlitzen|"
    r"aufgeschlitzt|erwuergen|erwuergt|erhaengen|erhaengt|aufhaengen|aufgehaengt|aufzuhaengen|"
    r"aufknuepfen|aufgeknuepft|lynchen|gelyncht|hinrichten|hingerichtet|vergasen|vergast|abschlachten|"
    r"abgeschlachtet|massakrieren|massakriert|ausrotten|ausgerottet|auszurotten|ausloeschen|ausgeloescht|"
    r"niederstechen|niedergestochen|niederschlagen|niedergeschlagen|anzuenden|angezuendet|abfackeln|"
    r"abgefackelt|abzufackeln|verbrennen|verbrannt|vergiften|vergiftet|ertraenken|ertraenkt|steinigen|"
    r"gesteinigt|wehtun|wehzutun|weh tun|weh zu tun|abmurksen|abgemurkst|erschlagen|umlegen|umgelegt|"
    r"umzulegen|plattmachen|fertigmachen|zaehne einschlagen|kopf abreissen|kehle durchschneiden|zaehne ausschlagen|"
    r"fresse polieren|schaedel einschlagen|knochen brechen|eine kugel|ne kugel|kugel in den kopf|"
    r"in die luft sprengen|an die wand stellen|an die wand gestellt|aufs maul|auf die fresse|"
    r"eine reinhauen|eins reinhauen|krankenhausreif|verstuemmeln|verstuemmelt|foltern|gefoltert)"
)
# Separable verbs: the particle comes at the end ("Ich bringe dich um").
_SEPARABLE = (
    r"(?:\b(?:bring|bringe|bringen|bringt|bringst)\b[^.!?;,]{0,30}\bum\b(?! (?:\d|acht|neun|zehn|elf|zwoelf|halb|viertel|mitternacht))|"
    r"\b(?:stech|steche|stechen|stecht|stichst|sticht)\b[^.!?;,]{0,30}\bab\b|"
    r"\b(?:brech|breche|brechen|brecht|brichst|bricht)\b[^.!?;,]{0,30}\b(?:knochen|genick|beine|arme|kiefer|nase)\b|"
    r"\b(?:schlag|schlage|schlagen|schlagt|schlaegst|schlaegt)\b[^.!?;,]{0,30}\b(?:zaehne|schaedel|kopf|fresse|nase|birne|gesicht|maul|visage)\b[^.!?;,]{0,12}\b(?:aus|ein)\b|"
    r"\b(?:polier|poliere|polieren|poliert)\b[^.!?;,]{0,20}\b(?:fresse|schnauze|visage|maul)\b|"
    r"\b(?:schlag|schlage|schlagen|schlagt|schlaegst|schlaegt)\b[^.!?;,]{0,30}\b(?:tot|zusammen|krankenhausreif)\b|"
    r"\b(?:knall|knalle|knallen|knallt)\b[^.!?;,]{0,30}\bab\b|"
    r"\b(?:mach|mache|machen|macht)\b[^.!?;,]{0,30}\b(?:kalt|platt|fertig)\b|"
    r"\b(?:zuend|zuende|zuenden|zuendet)\b[^.!?;,]{0,40}\ban\b|"
    r"\b(?:leg|lege|legen|legt)\b[^.!?;,]{0,30}\bum\b(?! (?:\d|acht|neun|zehn|elf|zwoelf|halb|viertel))|"
    r"\b(?:haeng|haenge|haengen|haengt)\b[^.!?;,]{0,30}\bauf\b|"
    r"\b(?:tret|trete|treten|tretet|trittst|tritt)\b[^.!?;,]{0,30}\b(?:tot|zusammen)\b|"
    r"\b(?:rott|rotte|rotten|rottet)\b[^.!?;,]{0,30}\baus\b|"
    r"\b(?:fackel|fackeln|fackelt)\b[^.!?;,]{0,30}\bab\b|"
    r"\b(?:raeucher|raeuchere|raeuchern|raeuchert)\b[^.!?;,]{0,40}\baus\b|"
    r"\b(?:greif|greift|greifen)\b[^.!?;,]{0,30}\ban\b|"
    r"\b(?:jag|jage|jagen|jagt)\b[^.!?;,]{0,40}\b(?:aus dem land|aus der stadt|raus|aus deutschland|aus unserem land|zum teufel|in die luft)\b|"
    r"\b(?:hau|haue|hauen|haut)\b[^.!?;,]{0,30}\b(?:zusammen|eine rein|eins rein|um)\b)"
)
# What an arsonist threatens: a home, a place of worship, an office, a car.
PROPERTY = (
    r"(?:\w*unterkunft|\w*heim|\w*haus|haeuser|moschee|synagoge|kirche|redaktion|verlag|rathaus|"
    r"\w*buero|wohnung|bude|auto|autos|laden|geschaeft|praxis|zentrale|camp|zelte?|hof|scheune)"
)
_VIOLENT = GuardedPattern(rf"\b{_VIOLENT_WORD}\b|{_SEPARABLE}")
_TARGET = re.compile(rf"\b{TARGET}\b")
# The writer doing violence to someone's body: "Ich tret dir den Schädel ein", "Dem Autor
# polier ich die Visage", "dann brech ich dir jeden Finger". A violent verb stem, a body
# part, and the writer as subject, in one sentence; patterns above need exact verb forms.
_HARM_VERB = re.compile(
    r"\b(schlag|schlage|schlaeg\w*|erschlag\w*|tret|trete|tritt|stech|steche|stich\w*|brech|breche|brich\w*|"
    r"polier\w*|schneid\w*|knall\w*|schiess\w*|erschiess\w*|baller\w*|pruegel\w*|verpruegel\w*|box|boxe|hau|haue|"
    r"wuerg\w*|reiss|reisse|zertruemmer\w*|ramm\w*|ausschlag\w*|einschlag\w*|eintret\w*|abstech\w*|zersteche?)\b"
)
_BODY_PART = re.compile(
    r"\b(schaedel|schaedeldecke|kopf|koepfe|zaehne|zahn|finger|knochen|genick|visage|fresse|gesicht|nase|beine|"
    r"arme|kiefer|rippen|hals|kehle|augen|eier|birne|maul|schnauze|kniescheiben|haende)\b"
)
_WRITER = re.compile(r"\b(ich|wir)\b")
_STAB_THREAT = re.compile(
    r"\b(stech|steche) (ich|wir) (\w+ )?zu\b|\b(ich|wir) (stech|steche|stechen) (\w+ )?zu\b"
)
_ARSON = re.compile(r"\b(zuend|fackel|brenn)\w*\b")
_PROPERTY = re.compile(rf"\b{PROPERTY}\b")
_FIRST_PERSON = re.compile(r"\b(ich|wir|mir|uns)\b")
_REPORTED = re.compile(
    r"\b(habe|hatte|hat|haben|hatten|wurde|wurden|worden|gesehen|gelesen|gehoert|"
    r"berichtet|erzaehlt|film|buch|serie|roman|krimi|spiel|polizei ermittelt)\b"
)
_NORM = re.compile(
    r"\b(man|jemand|einer|wir|ihr|die polizei|der staat|die regierung|endlich jemand) "
    r"(sollte|sollten|muesste|muessten|muss|muessen|koennte|koennten|soll|sollen|darf|duerfen|"
    r"wuerde|wuerden)\b|\b(sollte|muesste|muss) man\b|\b(gehoer\w*|verdien\w*)\b|"
    r"\b(sollte|sollten|muesste|muessten|muessen|muss|soll|sollen)\b[^.!?;,]{0,60}\bwerden\b|"
    r"\bam besten\b[^.!?;,]{0,30}\bman\b"
)
_IMPERATIVE = re.compile(
    r"(?:^|[.!?;,:]\s*|\b(?:und|los|jetzt|endlich|leute|kommt|geht raus und|auf,?)\s+)"
    r"(toetet|schlagt|erschiesst|knallt|haengt|verpruegelt|jagt|verbrennt|zuendet|stecht|vergast|vernichtet|"
    r"erledigt|lyncht|macht|bringt|legt|pruegelt|greift|vertreibt|verjagt|erwuergt|ertraenkt|vergiftet|"
    r"schiesst|ballert|rottet|steinigt|fackelt|ermordet|tretet|haut|raeuchert|holt)\b"
)
_NEGATOR = re.compile(r"\b(nicht|kein|keine|keinen|keinem|keiner|nie|niemals|niemand|niemanden|nichts)\b")
_CLAUSE_START = re.compile(r"[.!?;\n]+")

# (pattern, weight, reason, allowed to contain a negation)
_PHRASES = [
    # veiled and conditional threats
    (
        (
            r"\b(ihr werdet|du wirst|die werden|sie werden|wirst du|werdet ihr) (schon |noch |bald |dann |alle |es )*"
            r"(sehen|merken|erleben|spueren),? (was|wie) (passiert|passieren wird|geschieht|euch|dir|dann|kommt|es ist)"
        ),
        0.9,
        THREAT,
        False,
    ),
    (
        (
            r"\b(man|wir|ich|jeder|die leute|einige|leute) (weiss|wissen|kennt|kennen|kenne)\b,? (ja |genau |schon |inzwischen |jetzt |uebrigens )*"
            r"(wo|wie) (du|ihr|sie|dein\w*(?: \w+)?|eure?\w*(?: \w+)?) (wohn\w*|arbeit\w*|lebst|lebt|zur schule|schlaeft|"
            r"schlaefst|parkst|parkt|einkaufen|joggen|spielen|spielt|aussieht|aussehen|heisst)"
        ),
        0.92,
        THREAT,
        False,
    ),
    (
        r"\b(wir|ich|man) (hab\w*|kenn\w*|weiss|wissen|kennt) (jetzt |schon |uebrigens )*(deine|eure|ihre|seine) (adresse|anschrift|wohnung)",
        0.9,
        THREAT,
        False,
    ),
    (
        r"\bwir (kommen|werden (bald |schon |noch |euch |dich )*kommen)\b[^.!?;]{0,40}\b(dich|euch|dir|vorbei)\b",
        0.88,
        THREAT,
        False,
    ),
    (
        r"\bwir kommen (bald |schon |noch |mal |dann |gleich |morgen |heute )*(und |zu dir|zu euch|vorbei)",
        0.85,
        THREAT,
        False,
    ),
    (
        r"\b(wir|ich) (kuemmern|kuemmere|werden|werde) (uns|mich) (bald |schon |noch |persoenlich |mal |gleich )*(um (dich|euch)|(dich|euch) kuemmern)",
        0.85,
        THREAT,
        False,
    ),
    (
        (
            r"\b(wir|ich) (werden|werde )?(regeln|klaeren|erledigen|regle|klaere|erledige|machen|mache) (das|es|die sache) "
            r"(mit (dir|euch|ihnen)|persoenlich|auf (unsere|meine) art|anders|auf der strasse|draussen|unter uns)"
        ),
        0.88,
        THREAT,
        False,
    ),
    # "Ich finde dich toll", "Wir holen dich ab": finding and fetching are no threats by themselves.
    (
        (
            r"\b(wir|ich) (werden |werde )?(kriegen|krieg|kriege|erwischen|erwische|schnappen|schnapp|schnappe|jagen) "
            r"(dich|euch|jeden von euch)\b"
        ),
        0.85,
        THREAT,
        False,
    ),
    (
        r"\b(wir|ich) (werden |werde )?(dich|euch) (\w+ )?(kriegen|erwischen|schnappen|heimsuchen|jagen)\b",
        0.85,
        THREAT,
        False,
    ),
    (r"\b(deine|eure|ihre|seine) tage sind gezaehlt", 0.9, THREAT, False),
    (
        r"\b(waere|waer|wuerde) (doch |echt |wirklich |ja )*schade (drum|darum|um (dein|deine|euer|eure|ihr|ihre)\w*)",
        0.75,
        THREAT,
        False,
    ),
    (
        (
            r"\b(wir|ich) (knoepfen|knoepfe|knoepf|nehmen|nehme|kaufen|kaufe) (uns|mir) (dich|euch|ihn|sie|den \w+|die \w+) (\w+ )?vor\b|"
            r"\b(dich|euch|ihn|den \w+|die \w+) (knoepfen|knoepfe|nehmen|nehme|kaufen|kaufe) (wir|ich) (uns|mir) (\w+ )?vor\b"
        ),
        0.8,
        THREAT,
        False,
    ),
    (
        r"\b(wir|ich) (werden |werde )?(dich|euch|dir|ihn|ihm) (\w+ )?(schon |noch |bald |mal )*(zur vernunft bringen|zum schweigen bringen|mundtot machen|zurechtstutzen|zeigen,? (was|wo es|wie es|wer))",
        0.8,
        THREAT,
        False,
    ),
    (
        r"\b(wir|ich) (zeigen|zeige|zeig) (dir|euch|ihm|ihnen) (\w+ )?(?:(?:schon|noch|bald|mal),? )*(was|wo es langgeht|wie es laeuft|wer hier|was passiert)",
        0.75,
        THREAT,
        False,
    ),
    (r"\bwir kommen\b[^.!?;]{0,30}\bzu (dir|euch|deine\w*|eure\w*|ihnen|ihre\w*)\b", 0.8, THREAT, False),
    (
        r"\b(klaeren|regeln|erledigen|machen) wir (das|es|die sache) (\w+ )?(unter uns|persoenlich|auf unsere art|anders|draussen|auf der strasse)",
        0.85,
        THREAT,
        False,
    ),
    (
        r"\b(wisst|weisst|wissen|kennt|kennst) (ihr|du|sie) (\w+)?,? ?wo (eure?|deine?|ihre?|seine?)\w* \w+ (nachts |abends |tagsueber )?(steh|park|wohn|schlaf|spiel|arbeit|sind|ist)\w*",
        0.85,
        THREAT,
        False,
    ),
    (
        r"\b(man|wir|ich|jeder|die leute|einige|leute) (weiss|wissen|kennt|kennen|kenne)\b,? (ja |genau |schon |inzwischen |jetzt |uebrigens )*wo (der|die|den|dem)\b[^.!?;]{0,40}\b(wohn\w*|arbeit\w*|lebt|schlaeft|parkt|einkauft)\b",
        0.88,
        THREAT,
        False,
    ),
    (
        r"\b(soll|sollte|sollen|sollten|muss|kann) sich (besser |lieber |schon mal |mal )*(warm anziehen|vorsehen|in acht nehmen)|\bzieh(t)? (dich|euch) (schon mal |besser |lieber )*warm an\b",
        0.75,
        THREAT,
        False,
    ),
    (
        r"\b(wir|ich) (kriegen|kriege|krieg|erwischen|erwische) (ihn|euch alle|jeden von euch|jeden)\b(?! (nicht|nie|kein))",
        0.8,
        THREAT,
        False,
    ),
    (
        r"\b(ihr|du) (werdet|wirst) (es |das )?(schon|noch|bald) (sehen|merken|erleben)\b(?!,? (es|das) (wird|ist) (gut|toll|schoen|super|besser))",
        0.72,
        THREAT,
        False,
    ),
    (
        r"\bbrenn(t|en)\b[^.!?;]{0,30}\b(ihr|sein|dein|euer|eure|deine|ihre)\w* (\w+ )?(haus|auto|autos|buero|wahlkreisbuero|wohnung|laden|hof|scheune|praxis|geschaeft)\b",
        0.85,
        THREAT,
        False,
    ),
    (
        r"\b(haus|haeuser|auto|autos|buero|wohnung|laden|bagger|anlage|anlagen|windraeder|windrad|zelte|geschaeft)\b[^.!?;]{0,30}\b(werden|wird) (bald |schon |noch |dann )?brennen\b",
        0.85,
        THREAT,
        False,
    ),
    (
        r"\b(wer|der|die|du|ihr)\b[^.!?;]{0,50}\b(sollte|solltest|solltet) (\w+ )?(nachts|abends|im dunkeln) (\w+ )?(besser|lieber) nicht (mehr )?(allein|alleine)\b",
        0.85,
        THREAT,
        True,
    ),
    (
        r"\b(ihr|du)( \w+)? (werdet|wirst) (das|es) (noch )?(bitter |schwer )?(bereuen|buessen)",
        0.8,
        THREAT,
        False,
    ),
    (r"\bwir vergessen (nichts|euch nicht|dich nicht|das nicht)\b", 0.6, THREAT, True),
    (
        r"\b(pass|passt|passen sie) (bloss|lieber|besser|nur|mal|ja) (gut |schoen |genau )?auf\b",
        0.7,
        THREAT,
        False,
    ),
    (
        (
            r"\b(bald|demnaechst|irgendwann|als naechstes|morgen|heute nacht) (bist du|seid ihr|sind sie|bist auch du|seid auch ihr|bist du auch) "
            r"(dran|faellig|geliefert|erledigt|tot)"
        ),
        0.88,
        THREAT,
        False,
    ),
    (
        r"\b(du bist|ihr seid|sie sind) (als naechste\w*|bald|schon bald|demnaechst|auch bald|so gut wie) (dran|faellig|geliefert|erledigt|tot)",
        0.88,
        THREAT,
        False,
    ),
    (
        r"\b(und|sonst|dann) (bist du|seid ihr|sind sie|du bist|ihr seid) (tot|dran|faellig|geliefert|erledigt|geschichte)\b",
        0.88,
        THREAT,
        False,
    ),
    (
        (
            r"\b(waere|waer|wuerde) (doch |echt |wirklich |ja )*schade,? wenn (dir|euch|deine\w*|eure\w*|ihr|ihm|ihnen|ihrer?\w*) "
            r"(\w+ )?(etwas|was|irgendwas|ein unfall) (passier|zustoess|geschieh|geschaeh)\w*"
        ),
        0.9,
        THREAT,
        False,
    ),
    (
        (
            r"\b(du wirst|ihr werdet|die werden|sie werden|das wirst du|das werdet ihr) (das |es |dafuer |noch )*(bitter |schwer |noch )*"
            r"(bereuen|buessen)"
        ),
        0.8,
        THREAT,
        False,
    ),
    (r"\b(warte|wartet|wart)( nur| mal| ab)*,? bis (wir|ich)\b", 0.8, THREAT, False),
    (
        r"\b(ihr|du|sie) (kommt|kommst|kommen|werdet|wirst|werden) (damit |so |hier )?(nicht|nie) (ungeschoren|ungestraft|einfach so|so einfach|lebend)",
        0.85,
        THREAT,
        True,
    ),
    (
        r"\b(wir|ich) (statten|statte|werden|werde) (dir|euch|ihnen) (bald |mal |demnaechst |noch )*(einen )?besuch",
        0.85,
        THREAT,
        False,
    ),
    (
        (
            r"\b(deine|eure|ihre) (familie|kinder|frau|tochter|sohn|eltern|mutter) (ist|sind|waere|waeren|wird|werden) "
            r"(\w+ )?(nicht mehr|nirgends|bald nicht mehr|nicht) (lange )?sicher"
        ),
        0.9,
        THREAT,
        True,
    ),
    (
        r"\b(nachts|abends|im dunkeln) (solltest du|solltet ihr|wuerde ich) (lieber |besser |an deiner stelle )?nicht (mehr )?(allein|alleine|rausgehen|unterwegs)",
        0.85,
        THREAT,
        True,
    ),
    (
        r"\b(du solltest|ihr solltet) (nachts|abends) (lieber |besser )?nicht (mehr )?(allein|alleine|rausgehen|unterwegs)",
        0.85,
        THREAT,
        True,
    ),
    (r"\b(es|das) wird (dir|euch|ihnen) (noch )?(leid tun|leidtun)", 0.7, THREAT, False),
    (
        r"\b(wir|ich) (kriegen|kriege|krieg|kriegt|erwischen) (dich|euch|jeden von euch|sie alle|euch alle)\b",
        0.85,
        THREAT,
        False,
    ),
    (r"\b(das|es) (ist|war) (deine|eure) letzte (warnung|chance)", 0.85, THREAT, False),
    (r"\b(wir|ich) (sehen|seh|sehe) uns (noch|bald|wieder),? (und dann|dann)\b", 0.8, THREAT, False),
    (
        r"\b(ich|wir) (weiss|wissen) (jetzt )?(wer|wo) (du|ihr) (bist|seid|steckst|steckt)",
        0.85,
        THREAT,
        False,
    ),
    (
        r"\b(eines tages|bald|irgendwann|nachts|heute nacht|demnaechst|naechste woche|morgen frueh|frueher oder spaeter) "
        r"(stehen wir|stehe ich|steh ich|wir stehen|ich stehe|warten wir|warte ich)\b[^.!?;]{0,30}"
        r"\bvor (deiner|eurer|ihrer|seiner|deinem|eurem|ihrem|seinem) (haus)?(tuer|haus|wohnung|schule|buero|arbeit)\b",
        0.85,
        THREAT,
        False,
    ),
    (
        r"\b(ich|wir) (warte|warten|lauere|lauern|stehe|stehen)\b[^.!?;]{0,40}\b(auf (dich|euch)|dir auf|euch auf)\b",
        0.72,
        THREAT,
        False,
    ),
    (
        r"\b(weiss|wissen|kenne|kennen|kennt)\b[^.!?;]{0,20}\b(wann|wo|welche\w*)\b[^.!?;]{0,20}"
        r"\b(deine|eure|ihre|seine) (kinder|tochter|sohn|frau|mann|familie|eltern|enkel)\b",
        0.88,
        THREAT,
        False,
    ),
    (
        r"\b(kenne|kennen|kennt)\b[^.!?;]{0,15}\b(die schule|den kindergarten|die kita|den schulweg) (deiner|eurer|ihrer|seiner) (kinder|tochter|sohn|enkel)\b",
        0.88,
        THREAT,
        False,
    ),
    (
        r"\b(hoffe|hoffentlich)\b[^.!?;]{0,25}\b(du hast|ihr habt|sie haben|hast du|habt ihr) (\w+ )?(gute |eine gute )?\w*versicherung\b",
        0.8,
        THREAT,
        False,
    ),
    (
        r"\b(schau|guck|dreh|achte|achtet|schaut|guckt) (\w+ ){0,3}(dich|euch) (\w+ ){0,2}um\b[^.!?;]{0,40}\b(wenn|nachts|abends|heim|nach hause|im dunkeln)|"
        r"\bwer hinter (dir|euch) (steht|laeuft|ist|geht)\b",
        0.75,
        THREAT,
        False,
    ),
    (
        r"\bnoch (so )?(ein|eine|einen|einmal|mal)\b[^.!?;]{0,40}\b(und|dann) (es knallt|knallt es|gibt es was|gibts was|"
        r"setzt es was|setzt es|passiert was|passiert etwas|ist schluss mit lustig|rappelt es)\b",
        0.8,
        THREAT,
        False,
    ),
    (
        r"\bwenn\b[^.!?;]{0,60},? (dann )?(bist du|seid ihr|ist er|ist sie|sind sie) (\w+ )?(erledigt|tot|geliefert|geschichte)\b",
        0.8,
        THREAT,
        False,
    ),
    (
        r"\b(ihr werdet|du wirst|sie werden|wirst du|werdet ihr) (schon |noch |bald |dann )*(sehen|merken|erleben),? "
        r"(was (du|ihr|sie) davon (hast|habt|haben)|was (dir|euch|ihnen) blueht)",
        0.85,
        THREAT,
        False,
    ),
    (
        r"\b(du wirst|ihr werdet|sie werden) (dir|euch|sich) (\w+ )?(noch |schon |bald )*wuenschen\b",
        0.8,
        THREAT,
        False,
    ),
    (
        r"\b(erwischt|kriegt|schnappt|findet) (dich|euch) (\w+ ){0,2}(einer von uns|einer|jemand|wer)\b|"
        r"\beiner von uns (\w+ )?(erwischt|kriegt|schnappt|findet) (dich|euch)\b",
        0.8,
        THREAT,
        False,
    ),
    (
        rf"\b(dein|deine|euer|eure|ihr|ihre|sein|seine)\w* (\w+ )?{PROPERTY}\b[^.!?;]{{0,30}}\b(brennt|brennen|wird brennen|"
        r"werden brennen|fliegt in die luft|fliegen in die luft)\b",
        0.85,
        THREAT,
        False,
    ),
    (
        r"\b(bald|demnaechst|als naechstes|irgendwann|heute nacht) (brennt|brennen|fliegt|fliegen)\b[^.!?;]{0,30}"
        rf"\b{PROPERTY}\b",
        0.85,
        THREAT,
        False,
    ),
    (
        r"\b(ins meer|ins wasser|in den fluss|ins feuer|ueber bord|aus dem fenster|von der bruecke|vor den zug|in die gaskammer|ins kz) "
        r"(\w+ )?(werfen|schmeissen|stossen|schubsen|jagen|treiben|stecken)\b",
        0.88,
        CALL,
        False,
    ),
    (
        r"\b(werft|schmeisst|stosst|schubst|jagt) (\w+ ){1,3}(ins meer|ins wasser|in den fluss|ins feuer|ueber bord|aus dem fenster|von der bruecke|vor den zug)\b",
        0.88,
        CALL,
        False,
    ),
    (
        r"(?:^|[.!?;,:]\s*|\b(?:und|los|jetzt|endlich|leute)\s+)(schmeisst|werft|wirf|schmeiss) (\w+ )?(steine|flaschen|brandsaetze|"
        r"brandsatz|molotow\w*|pflastersteine|boeller)\b[^.!?;]{0,30}\b(auf|gegen|nach|in)\b",
        0.85,
        CALL,
        False,
    ),
    (
        rf"(?:^|[.!?;,:]\s*|\b(?:und|los|jetzt|endlich|leute)\s+)(schlagt|pruegelt|tretet|haut|verhaut|boxt|jagt) {TARGET}\b",
        0.85,
        CALL,
        False,
    ),
    (
        r"\b(erschiesst|erschlaegt|erhaengt|verpruegelt|toetet|vergast|ertraenkt|steinigt|verbrennt|ersticht|erwuergt) man "
        r"(die|den|diese\w*|sie|solche|ihn|alle)\b",
        0.9,
        CALL,
        False,
    ),
    (
        r"\bhoffentlich\b[^.!?;]{0,30}\b(ueberfaehrt|ueberrollt|erschiesst|erschlaegt|ersticht|toetet|verpruegelt|erwuergt|vergiftet|"
        r"knallt) (den|die|dich|euch|ihn|sie|diese\w*)\b",
        0.88,
        CALL,
        False,
    ),
    # death wishes and norms without a modal of their own
    (
        r"\bhoffentlich (stirbt|sterben|stirbst|verreckt|verrecken|verreckst|krepiert|krepieren|ersaeuft|ersaufen|erwischt es|trifft es)",
        0.9,
        CALL,
        False,
    ),
    (
        r"\b(sollen|sollten|soll|sollte|muessen|muessten) (\w+ ){0,3}(verrecken|krepieren|sterben|ersaufen|absaufen|brennen|verbrennen|vergast werden)",
        0.9,
        CALL,
        False,
    ),
    (
        r"\b(ich )?(wuensche|wuenschen|wuensch) (dir|euch|ihnen|denen|ihm|ihr|allen \w+|den \w+|dem \w+|der \w+)\b[^.!?;]{0,20}"
        r"\b(den tod|die pest|krebs|(einen|einem) (\w+ )?tod|alles schlechte|die kraetze)",
        0.9,
        CALL,
        False,
    ),
    (r"\b(tod|tot) (allen|den|dem) \w+", 0.9, CALL, False),
    (r"(^|[.!?;,]\s*)(verreckt|krepiert|stirb|verreck|krepier)\b", 0.85, CALL, False),
    (
        r"\b(raus|weg) mit (den|dem|diesen|diesem|allen) (\w+ )?"
        + PROTECTED_GROUP
        + r"\b[^.!?;]{0,30}\b(egal wie|mit gewalt|mit allen mitteln|notfalls mit gewalt)",
        0.9,
        CALL,
        False,
    ),
    (
        r"\b"
        + PROTECTED_GROUP
        + r"\b[^.!?;]{0,40}\b(loswerden|beseitigen|entsorgen|vertreiben|verjagen|vernichten|ausmerzen|ausmisten|saeubern)\b[^.!?;]{0,30}"
        r"\b(egal wie|mit gewalt|mit allen mitteln|endgueltig|fuer immer|notfalls)",
        0.9,
        CALL,
        False,
    ),
    (
        r"\b(mit allen mitteln|mit gewalt|egal wie|endgueltig) (\w+ ){0,3}(loswerden|beseitigen|entsorgen|vertreiben|verjagen|vernichten|ausmerzen)",
        0.85,
        CALL,
        False,
    ),
    (
        (
            r"\b(ratten|ungeziefer|parasiten|schaedlinge|kakerlaken|pack|abschaum|gesindel|viecher|tiere|brut|pest|seuche|geschmeiss)\b[^.!?;]{0,60}"
            r"\b(vergift\w*|ausrott\w*|ausgerottet|vernicht\w*|zertret\w*|ausraeucher\w*|ausmerz\w*|ausgemerzt|beseitig\w*|entsorg\w*|"
            r"vertilg\w*|zerquetsch\w*|erschlag\w*|totschlag\w*|loswerden|wegmachen|ausloeschen|ausgeloescht|bekaempf\w*)"
        ),
        0.92,
        CALL,
        False,
    ),
    (
        r"\b(vergiften|ausrotten|vernichten|zertreten|ausraeuchern|ausmerzen|vertilgen|zerquetschen)\b[^.!?;]{0,30}\b(wie|die) (ratten|ungeziefer|parasiten|schaedlinge|kakerlaken)",
        0.92,
        CALL,
        False,
    ),
]
_COMPILED = [
    (GuardedPattern(pattern), weight, why, negation_ok) for pattern, weight, why, negation_ok in _PHRASES
]
# What could start any of the above: without one of these words there is nothing to find.
_MAY_MATTER = GuardedPattern(
    r"(bring|stech|stich|schlag|knall|mach|zuend|leg|haeng|tret|tritt|rott|fackel|greif|jag|hau|toet|mord|schies|schoss|"
    r"pruegel|kalt|schlitz|wuerg|haeng|knuepf|lynch|richt|gas|schlacht|massakr|loesch|brenn|gift|traenk|stein|weh|"
    r"murks|kugel|fresse|maul|kopf|kehle|zaehne|schaedel|knochen|spreng|wand|foltern|stuemmel|sehen|merken|wohn|arbeit|schule|"
    r"adresse|kommen|kuemmer|warm|knoepf|nehm|kauf|vernunft|schweigen|mundtot|zurecht|zeig|acht|vorseh|brenn|vergessen|wisst|weisst|kennt|kennst|regel|klaer|erledig|besuch|hol|krieg|find|erwisch|schnapp|such|tage|pass|dran|faellig|geliefert|"
    r"tot|schade|bereu|buess|warte|wart|ungeschoren|ungestraft|lebend|sicher|allein|leid|warnung|chance|uns|wer|stirb|sterb|"
    r"reck|krepier|sauf|wuensch|raus|weg|loswerd|beseitig|entsorg|vertreib|verjag|ausmerz|ausmist|saeuber|ratten|ungeziefer|"
    r"parasit|schaedling|kakerlak|pack|abschaum|gesindel|viecher|tiere|brut|pest|seuche|geschmeiss|"
    r"steh|versicher|schau|guck|dreh|achte|hinter|meer|wasser|fluss|feuer|bord|fenster|bruecke|zug|kz|"
    r"stein|flasch|brandsa|molotow|boeller|box|erschlaeg|ersticht|hoff|ueberfa|ueberroll|erwischt|wann|kinder|"
    r"polier|schneid|baller|reiss|ramm|truemmer|stich|brich|brech|pruegl|tritt|schlaeg)"
)


def find_violence(text):
    """[(start, end, weight, why)] of threats and calls to violence in normalised text."""
    if not _MAY_MATTER.search(text):
        return []
    hits = []
    for pattern, weight, why, negation_ok in _COMPILED:
        for match in pattern.finditer(text):
            if negation_ok or not _negated_before(text, match.start()):
                hits.append((match.start(), match.end(), weight, why))
    hits.extend(_violent_verb_hits(text))
    hits.extend(_bodily_harm_hits(text))
    return _strongest_per_span(hits)


def _bodily_harm_hits(text):
    """The writer threatening to hurt someone's body (see _HARM_VERB)."""
    hits = []
    for match in _HARM_VERB.finditer(text):
        start, end = _sentence(text, match.start(), match.end())
        sentence = text[start:end]
        if not _WRITER.search(sentence) or _REPORTED.search(sentence) or _negated_before(text, match.start()):
            continue
        if _BODY_PART.search(sentence) or _STAB_THREAT.search(sentence):
            hits.append((start, end, 0.88, THREAT))
    return hits


def _violent_verb_hits(text):
    """A violent verb with a target, said by the writer (threat) or asked of others (call)."""
    hits = []
    for match in _VIOLENT.finditer(text):
        start, end = _sentence(text, match.start(), match.end())
        sentence = text[start:end]
        targeted = _TARGET.search(sentence) or (_ARSON.search(match.group(0)) and _PROPERTY.search(sentence))
        if not targeted or _negated_before(text, match.start()):
            continue
        before = text[start : match.start()]
        if _IMPERATIVE.search(text[start : match.end()]) or _NORM.search(sentence):
            hits.append((start, end, 0.9, CALL))
        elif _FIRST_PERSON.search(sentence) and not _REPORTED.search(sentence):
            hits.append((start, end, 0.9, THREAT))
        elif re.search(r"\b(du|ihr)\b", before) and re.search(
            r"\bwenn\b|\bsonst\b|\bnoch (ein|einmal)\b", sentence
        ):
            hits.append((start, end, 0.85, THREAT))
    return hits


def _sentence(text, start, end):
    """The sentence around [start, end) (from the last . ! ? ; before to the next one)."""
    sentence_start = 0
    for found in _CLAUSE_START.finditer(text, 0, start):
        sentence_start = found.end()
    following = _CLAUSE_START.search(text, end)
    return sentence_start, following.start() if following else len(text)


def _negated_before(text, position):
    """A negation between the start of the clause and `position`."""
    clause_start = max(text.rfind(mark, 0, position) for mark in ".!?;,\n") + 1
    return _NEGATOR.search(text, clause_start, position) is not None


def _strongest_per_span(hits):
    kept = []
    for hit in sorted(hits, key=lambda item: (-item[2], item[0])):
        if all(hit[1] <= other[0] or hit[0] >= other[1] for other in kept):
            kept.append(hit)
    return sorted(kept)
