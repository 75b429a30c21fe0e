"""Insinuation: accusing people or institutions of bad faith without basis.

Weighted cues on normalised text (ä→ae, ß→ss), written as patterns so inflected and
compound forms match ("gekauften Journalisten", "Systemmedien", "gleichgeschaltete").
One cue is often harmless in isolation ("wem nützt es?"); several cues together are
combined with a noisy-OR so they reinforce each other. An accusation aimed at a
group ("die", "alle", "Journalisten", "Politiker") counts more than a single cue word.
"""

from freigabe.assessment.prefilter import GuardedPattern
from freigabe.assessment.result import RuleScore, evidence_at

_MEDIA = r"(presse|medien|journalist\w*|journaille|redaktion\w*|zeitung\w*|reporter\w*|schreiberling\w*|sender|rundfunk|oerr|msm)"
_POWER = r"(politiker\w*|regierung\w*|ausschuss\w*|kreistag|landrat\w*|landratsamt|buergermeister\w*|stadt|konzern\w*|\w*konzern\w*|investor\w*|betreiber\w*|geschaeftsfuehrung|kommission|institut\w*|wahlamt|wahlleiter\w*|polizei|\w*verwaltung|stadtrat|gemeinderat|rathaus|verein|vorstand|moderation|moderator\w*|admins?|gericht\w*|justiz|richter\w*|verband|gewerkschaft\w*|stadtwerke|ministerium|ministerien|sender|gutachter\w*|\w*amt|\w*aemter|eliten?|parteien|altparteien|bundesregierung|minister\w*|kanzler\w*|bruessel|eu|nato|konzerne?|lobby\w*|pharma\w*|wissenschaftler\w*|experten|behoerden?)"
_ACTORS = rf"({_MEDIA}|{_POWER}|die|alle|ihr|sie)"
_INSTITUTIONS = rf"({_MEDIA}|{_POWER})"  # named actors: "die Heizung wird gesteuert" accuses nobody

# (pattern, weight, why)
_CUES = [
    (
        r"\b(luegen|luecken|system|staats|mainstream|propaganda|regierungs|pinocchio|zwangsgebuehren|einheits)(presse|medien|journaille|funk|sender|journalist\w*)",
        0.8,
        "Kampfbegriff gegen Medien",
    ),
    (r"\bluegenpack\b|\bluegenbaron\w*|\bvolksverdummung\b|\bhofberichterstatt\w*", 0.7, "Kampfbegriff"),
    (rf"\b(ge|er)kauft\w* {_ACTORS}", 0.8, "unterstellt Käuflichkeit"),
    (
        rf"\b{_ACTORS} (sind|ist|werden|wird) (doch |eh |ja |alle |alle samt |allesamt |laengst |nur )*(ge|er)kauft",
        0.8,
        "unterstellt Käuflichkeit",
    ),
    (
        r"\b(bezahlt\w*|gekauft\w*) (troll\w*|schreiberling\w*|hetzer|claqueur\w*|schergen|handlanger|kommentator\w*|agent\w*|shill\w*)",
        0.8,
        "unterstellt bezahlte Meinungsmache",
    ),
    (
        r"\b(werdet|werden|wirst|wird) (doch |ja |eh )?(dafuer |von \w+ )?(bezahlt|geschmiert|geschickt)\b",
        0.6,
        "unterstellt bezahlte Meinungsmache",
    ),
    (r"\b(gleichgeschaltet\w*|gleichschaltung)", 0.75, "Vorwurf der Gleichschaltung"),
    (
        r"\b(marionette\w*|handlanger\w*|schosshund\w*|steigbuegelhalter\w*|erfuellungsgehilfe\w*|vasall\w*|laufbursche\w*)",
        0.6,
        "unterstellt Fremdsteuerung",
    ),
    (
        r"\b(von oben|ferngesteuert\w*|fremdgesteuert\w*|gesteuert\w* (von|durch)|an der leine|am gaengelband|nach der pfeife)",
        0.55,
        "unterstellt Fremdsteuerung",
    ),
    (
        rf"\b{_ACTORS} (luegen|luegt|betruegen|beluegen|verarschen|manipulieren) (doch |uns |euch |eh |wie gedruckt|nur )",
        0.65,
        "pauschaler Lügenvorwurf",
    ),
    (
        r"\b(die|alle) luegen\b|\bluegen (doch )?alle\b|\bwie gedruckt\b|\bnur (noch )?luegen\b",
        0.6,
        "pauschaler Lügenvorwurf",
    ),
    (
        r"\b(die|sie|ihr|er) (wollen|will|wollt) (doch |eh |ja |halt )+(nur|bloss|blos)\b",
        0.5,
        "unterstellt verdeckte Absicht",
    ),
    (
        r"\b(es geht|geht es) (denen|ihnen|der regierung|den medien|doch|eh) (doch |eh |ja )?(nur|bloss|ausschliesslich) (um|darum)",
        0.4,
        "unterstellt verdeckte Absicht",
    ),
    (
        r"\b(das )?weiss (doch |ja |eh )?(mittlerweile )?(jeder|jedes kind)|\bjeder weiss(,? dass| doch| es| das| ja)|\bwie jeder weiss\b|\bdas merkt (doch )?jeder",
        0.4,
        "behauptet ohne Beleg",
    ),
    (
        r"\bman darf (?:(?:ja|doch|heute|heutzutage|eben|halt|leider|hier|wohl) )*(nichts|nix|gar nichts) (mehr )?(sagen|kritisieren)|\bdarf man (?:(?:ja|doch|heute|heutzutage|leider|hier) )*(nicht|nichts) (mehr )?(sagen|kritisieren)|\bwird man (?:(?:ja|doch|wohl) )*noch sagen duerfen|\bmeinungsdiktatur\b",
        0.5,
        "unterstellt Meinungsverbot",
    ),
    (r"\bwem nuetzt (es|das)|\bcui bono\b", 0.4, "raunende Frage nach Nutznießern"),
    (
        r"\bzufall\s*\?+\s*(wohl kaum|sicher nicht|ich glaube nicht|nein|niemals)|\b(alles |sicher |bestimmt )?kein zufall\b|\bzufaelle gibt es nicht\b",
        0.5,
        "raunt von Absicht",
    ),
    (
        rf"\b({_MEDIA}|{_POWER}|ihr|sie|die)\b.{{0,40}}\b(verschweig\w*|vertusch\w*|verheimlich\w*|unterschlag\w*|totgeschwiegen)",
        0.55,
        "unterstellt Vertuschung",
    ),
    (
        r"\b(wird|werden|wurde|wurden) (\w+ ){0,2}?(natuerlich |mal wieder |wieder |gerne |schoen |einfach |gezielt )*(verschwiegen|vertuscht|totgeschwiegen|unterschlagen|zensiert)",
        0.5,
        "unterstellt Vertuschung",
    ),
    (
        r"\bwas (uns )?(nicht gesagt|verschwiegen|verheimlicht) wird|\bdas (werden|wird) (sie|die|man) (euch|uns|ihnen) (nie|nicht) (sagen|erzaehlen)",
        0.55,
        "unterstellt Vertuschung",
    ),
    (
        r"\b(great reset|neue weltordnung|new world order|nwo|deep state|tiefer staat|umvolkung|bevoelkerungsaustausch|globalisten|schattenregierung|plandemie)\b",
        0.65,
        "Verschwörungserzählung",
    ),
    (
        r"\b(schlafschaf\w*|wacht (endlich |doch )?auf|aufwachen,? leute|macht die augen auf)",
        0.45,
        "Verschwörungsrhetorik",
    ),
    (
        rf"\b{_ACTORS} (sind|ist) (doch |eh |ja |alle |allesamt |durch und durch )*(korrupt|bestochen|geschmiert|verlogen|gelenkt|gesteuert)",
        0.65,
        "pauschaler Korruptionsvorwurf",
    ),
    (r"\b(korrupt\w*|verlogen\w*)", 0.3, "Korruptions-/Lügenvorwurf"),
    (r"\bpropaganda\w*|\bindoktrin\w*|\bgehirnwaesche\b|\bverdummung\b", 0.35, "Propaganda-Vorwurf"),
    (
        r"\b(im|auf) (auftrag|geheiss|befehl) (der|von|aus) (regierung|nato|usa|amerika|bruessel|washington|pharma\w*|soros|gates|merkel|berlin)",
        0.55,
        "unterstellt Auftragsarbeit",
    ),
    (r"\b(hier|eh|sowieso) (wird )?(alles )?zensiert|\bzensur\w*", 0.35, "Zensurvorwurf"),
    (r"\bdie da oben\b", 0.35, "raunt von „denen da oben“"),
    (
        r"\b(das|alles|der artikel|dieser artikel) (ist )?(doch |eh |ja |wieder |mal wieder )*(gelogen|erfunden|fake|inszeniert|bestellt)\b",
        0.5,
        "Fälschungsvorwurf",
    ),
    (
        r"\b(fake ?news|auftragsjournalismus|haltungsjournalismus|framing|agenda)\b",
        0.35,
        "Vorwurf der Manipulation",
    ),
    # bought, steered, fixed: an actor, maybe an agent ("von der Baulobby"), then the accusation
    (
        rf"\b{_INSTITUTIONS}\b[^.!?;]{{0,30}}\b(ist|sind|wird|werden|wurde|wurden|war|waren)\b(?: [\w-]+){{0,5}}? (gekauft|geschmiert|bestochen|ferngesteuert|gesteuert|kontrolliert|gelenkt|manipuliert|instrumentalisiert|diktiert|abgekartet|vorgeschoben|auf linie)\b",
        0.7,
        "unterstellt Käuflichkeit oder Steuerung",
    ),
    (
        rf"\b{_INSTITUTIONS}\b[^.!?;]{{0,30}}\b(wird|werden|wurde|wurden)\b (\w+ )?(von|vom) (der |den |dem )?(\w*lobby\w*|\w*konzern\w*|\w*industrie|investor\w*|regierung|partei\w*|wirtschaft|soros|gates|pharma\w*|russland|china|kreml|usa|nato|eu|bruessel) (\w+ )?(bezahlt|finanziert|gesponsert|geschmiert|geschickt)",
        0.7,
        "unterstellt Käuflichkeit",
    ),
    (
        r"\b(umfrage\w*|ergebnis\w*|wahl\w*|briefwahl|zahlen|studie\w*|gutachten|statistik\w*|bericht\w*|artikel|berichterstattung|abstimmung)\b[^.!?;]{0,30}\b(ist|sind|wird|werden|wurde|wurden|war|waren)\b(?: \w+){0,4}? (gefaelscht|manipuliert|bestellt|geschoent|frisiert|erfunden|gekauft|ausgemacht|abgesprochen|inszeniert|diktiert)\b",
        0.65,
        "unterstellt Manipulation",
    ),
    (
        r"\b(in der hand|in den haenden|am gaengelband|an der leine|auf linie|auf kurs gebracht)\b",
        0.55,
        "unterstellt Fremdsteuerung",
    ),
    (r"\b(steckt|stecken|steckten)\b[^.!?;]{0,40}\bunter einer decke", 0.65, "unterstellt Komplizenschaft"),
    (
        r"\b(war|ist|stand|standen|waren) (doch |eh |sowieso |natuerlich )*(von anfang an|vorher|laengst|schon vorher|schon laengst|vorab|vorher schon) (geplant|fest|klar|beschlossen|ausgemacht|entschieden|beschlossene sache)",
        0.55,
        "unterstellt ein abgekartetes Spiel",
    ),
    (
        r"\b(nur |doch nur |bloss |eine |reine |billige )?(ausrede|alibi|feigenblatt|nebelkerze)\b|\bvorgeschoben\w*",
        0.5,
        "unterstellt einen Vorwand",
    ),
    (
        r"\b(hochgeschrieben|schoengeschrieben|schoengeredet|stimmung (machen|gemacht|macht) (fuer|gegen)|kampagne (gegen|fuer))",
        0.5,
        "unterstellt Parteinahme",
    ),
    (
        r"\b(man (merkt|sieht|weiss)|klar),? wer (hier|euch|die|das|dafuer) bezahlt|\bwes brot ich ess",
        0.6,
        "unterstellt Käuflichkeit",
    ),
    (
        r"\b(artikel|bericht|text|meldung|beitrag)\w*\b[^.!?;]{0,40}\b(diktiert|in die feder diktiert|vorgegeben|bestellt)\b",
        0.6,
        "unterstellt Auftragsarbeit",
    ),
    (
        r"\bkommentare\b[^.!?;]{0,20}\b(werden|wird) (\w+ ){0,2}(sortiert|gefiltert|aussortiert|selektiert|geloescht|zensiert|unterdrueckt)|\b(nur )?(die )?(passenden|genehmen|erwuenschten) (meinungen|kommentare)",
        0.6,
        "unterstellt Zensur",
    ),
    (
        rf"\b{_INSTITUTIONS} (wollen|will|wollt) (\w+ ){{0,3}}?(doch |eh |ja |halt )+(nur|bloss)\b",
        0.5,
        "unterstellt verdeckte Absicht",
    ),
    (
        r"\b(ausgedacht|zusammengelogen|aus den fingern gesogen|schoengerechnet|kleingerechnet|zurechtgebogen)\b",
        0.55,
        "Fälschungsvorwurf",
    ),
    (
        rf"\b({_INSTITUTIONS}|zahlen|das|alles)\b[^.!?;]{{0,30}}\b(erfunden|frei erfunden|gefaelscht|geschoent)\b",
        0.55,
        "Fälschungsvorwurf",
    ),
    (
        r"\b(ruhig (zu )?halten|ruhigzustellen|ruhigstellen|fuer dumm (zu )?verkaufen|hinters licht)",
        0.5,
        "unterstellt Täuschung",
    ),
    (
        (
            r"\bglaubt (auch )?(noch )?an den weihnachtsmann|\bangeblich unabhaengig|\bunabhaengig,? (ha|haha|klar|sicher|na klar|ja klar)\b|"
            r"\b(ist|sind|war|waren) (doch |eh |ja |laengst )*(nicht|nie|keineswegs) (mehr )?unabhaengig"
        ),
        0.55,
        "spricht Unabhängigkeit ab",
    ),
    # controlled, deleting, distracting, pretexts, staged cover-ups
    (
        rf"\b{_ACTORS} (wird|werden|ist|sind) (doch |eh |ja |alle |laengst |komplett |total |sowieso |laengst |von \w+ )*(kontrolliert|gesteuert|gelenkt|gleichgeschaltet|auf linie gebracht)",
        0.7,
        "unterstellt Fremdsteuerung",
    ),
    (
        rf"\b{_ACTORS} (\w+ )?(kontrolliert|gesteuert|gelenkt|gekauft|bestochen|geschmiert) (wird|werden|ist|sind|wurde|wurden)\b",
        0.7,
        "unterstellt Fremdsteuerung",
    ),
    (
        r"\b(kontrollierte|gesteuerte|gelenkte) (presse|medien|redaktion|zeitung|justiz|polizei|wahl\w*|debatte)",
        0.7,
        "unterstellt Fremdsteuerung",
    ),
    (
        r"\b(wird|werden|wuerde) (hier |das |mein kommentar |dieser kommentar )?(doch |sowieso |eh |ohnehin |wieder |gleich |bestimmt |garantiert |natuerlich )+(geloescht|zensiert|nicht veroeffentlicht|nicht freigeschaltet|unterdrueckt)",
        0.6,
        "unterstellt Zensur",
    ),
    (
        r"\b(loeschen|zensieren|unterdruecken) (die |ihr )?(das |den kommentar |meinen kommentar )?(doch |sowieso |eh |ohnehin |wieder )+",
        0.5,
        "unterstellt Zensur",
    ),
    (
        r"\b(wollen|will|wollt|soll|sollen|sollte) (doch |nur |bloss |eh |ja |damit |halt |wieder |mal wieder |nur wieder )*(\w+ ){0,6}ablenken",
        0.65,
        "unterstellt Ablenkungsmanöver",
    ),
    (
        r"\b(reine |pure |nur |bloss |doch nur |alles nur |ein |das uebliche )*ablenkung\w*|\bablenkungsmanoever\w*",
        0.55,
        "unterstellt Ablenkungsmanöver",
    ),
    (r"\b(nur|bloss|doch nur|reiner|ein billiger|ein|der|als) vorwand\b", 0.55, "unterstellt einen Vorwand"),
    (
        r"\b(ist|war|wurde|wird|alles|sache) (\w+ )?(doch |nur |alles |komplett |total )*(inszeniert|gestellt|geplant|abgekartet|ein abgekartetes spiel|eine inszenierung|theater|show)\b",
        0.55,
        "unterstellt eine Inszenierung",
    ),
    (
        r"\b(abgekartet\w*|inszenierung|schmierentheater|kasperletheater)\b",
        0.5,
        "unterstellt eine Inszenierung",
    ),
    (
        r"\b(etwas|was|alles|das|die wahrheit|den skandal) (zu )?(vertuschen|verschleiern|unter den teppich kehren)",
        0.55,
        "unterstellt Vertuschung",
    ),
    (
        r"\b(bezahlte|gekaufte|gesteuerte) (trolle?|kommentatoren|kommentare|claqueure|schreiber|accounts|bots)|\btrollfabrik\w*|\b(hier|die) (schreiben|kommentieren) (doch )?(nur )?(bots|trolle)",
        0.75,
        "unterstellt bezahlte Meinungsmache",
    ),
    (
        r"\b(die|sie|ihr|er) (luegen|luegt|luegst) (uns |euch )?(doch |wieder |schon wieder |mal wieder |eh |ja |nur )*(an|was vor)\b",
        0.6,
        "pauschaler Lügenvorwurf",
    ),
    (
        rf"\b{_ACTORS} (luegt|luegen|belügt|beluegt|beluegen) (uns |euch )?(doch |wieder |schon wieder |mal wieder |eh |ja |wie immer )*",
        0.6,
        "pauschaler Lügenvorwurf",
    ),
    (r"\b(steckt|stecken) (doch )?(mit \w+ )?unter einer decke", 0.6, "unterstellt Komplizenschaft"),
    (
        r"\b(die wahrheit|die wahren gruende|was wirklich passiert) (wird|werden|darf|soll) (uns |euch )?(\w+ )?(nicht |nie )?(gesagt|erzaehlt|verschwiegen|berichtet|erfahren)",
        0.55,
        "unterstellt Vertuschung",
    ),
]
# A substring test skips a cue's regex scan for the many comments without its literals.
_COMPILED = [(GuardedPattern(pattern), weight, why) for pattern, weight, why in _CUES]


def score_insinuation(text, normalised):
    """RuleScore for the insinuation rule."""
    hits = []
    folded = normalised.text
    for pattern, weight, why in _COMPILED:
        for match in pattern.finditer(folded):
            hits.append((match.start(), match.end(), weight, why))
    hits = _drop_overlaps(hits)
    remaining = 1.0
    evidence = []
    for start, end, weight, why in hits:
        remaining *= 1.0 - weight
        orig_start, orig_end = normalised.original_span(start, end)
        evidence.append(evidence_at(text, orig_start, orig_end, why))
    return RuleScore(1.0 - remaining, evidence[:8])


def _drop_overlaps(hits):
    """Keep the strongest cue where cues overlap, so one phrase is counted once."""
    kept = []
    for hit in sorted(hits, key=lambda item: (-item[2], item[0])):
        if all(hit[1] <= other[0] or hit[0] >= other[1] for other in kept):
            kept.append(hit)
    return sorted(kept, key=lambda item: item[0])
