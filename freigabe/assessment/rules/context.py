"""What a comment says about its hurtful words: negated, quoted to oppose them, or named.

"Ich hasse Frauen nicht", "Flüchtlinge sind kein Ungeziefer", "„Alle Juden raus“ –
so etwas ist Volksverhetzung" and "Wer Muslime als Terroristen bezeichnet, hat nichts
verstanden" contain the words of hate without saying it. A bag-of-words model
scores them like hate. The analysis finds such spans and blanks them (spaces, so
offsets survive) in two views of the normalised text:

- `quoted`: counter-speech (quotes and names of words that the comment opposes)
  blanked: what the comment itself says;
- `negated`: also the scopes of negations blanked: what it asserts.

A rejection can also follow the claim ("Roma stehlen, das ist ein Vorurteil").
Each blanked span becomes a mitigation `(start, end, why)` that the assessor shows
beside the lowered score.
"""

import re
from dataclasses import dataclass, field

from freigabe.assessment.prefilter import GuardedPattern
from freigabe.assessment.rules.groups import GROUP_NAME, IDENTITY_STEMS, TARGET

WHY_NEGATED = "verneint – nicht gewertet"
WHY_QUOTED = "Zitat in Gegenrede – nicht gewertet"
WHY_NAMED = "benennt Hassrede, um ihr zu widersprechen – nicht gewertet"
WHY_THING = "richtet sich gegen eine Sache – nicht gewertet"

_CLAUSE_END = re.compile(r"[.!?;:\n–]+|,| - |\b(?:aber|sondern|jedoch|trotzdem)\b")
_NEGATOR = re.compile(
    r"\b(nicht|kein|keine|keinen|keinem|keiner|keines|nie|niemals|niemand|niemanden|nichts|weder|"
    r"keineswegs|keinesfalls|mitnichten)\b"
)
# Negation words that do not negate what follows ("nicht nur", "kein Wunder", idioms of insult).
_NOT_A_NEGATION = re.compile(
    r"\b(nicht nur|nicht mal|nicht einmal|nicht mehr als|nicht weniger als|nichts als|nichts anderes als|"
    r"nichts weiter als|nie etwas anderes als|kein wunder|keine frage|nicht ganz dicht|nicht ganz richtig|"
    r"nicht alle tassen|nicht mehr zu helfen|nicht mehr zu retten|nicht ganz bei trost|nicht zu fassen|"
    r"keinen deut besser|nicht besser als|kein stueck besser|nichts wert|nicht wert|zu nichts|nichts taugen|taugen nichts|"
    r"taugt nichts|nichts verloren|nichts zu suchen)\b"
)
_CLAUSE_WIDE = frozenset(
    {
        "nie",
        "niemals",
        "niemand",
        "niemanden",
        "nichts",
        "weder",
        "keiner",
        "keineswegs",
        "keinesfalls",
        "mitnichten",
    }
)
_AFTER_FINAL_NOT = frozenset(
    {
        "mehr",
        "wirklich",
        "so",
        "gern",
        "gerne",
        "immer",
        "sein",
        "machen",
        "tun",
        "gut",
        "leiden",
        "ausstehen",
        "ab",
        "an",
        "zu",
        "im",
        "geringsten",
        "entferntesten",
        "ernsthaft",
        "besonders",
        "einmal",
        "mal",
    }
)
_SUBORDINATE = re.compile(r"^\s*(dass|ob|wenn|zu|so)\b")
# "Es ist falsch, ..." rejects the clause that follows.
_REJECTING = re.compile(
    r"\b(ist|waere|sind) (doch |einfach |total |voellig |schlicht |absolut |ganz )?(falsch|unsinn|quatsch|bloedsinn|"
    r"gelogen|eine luege|ein vorurteil|ein klischee|rassistisch|sexistisch|homophob|antisemitisch|unfair|"
    r"menschenverachtend|hetze|unwahr|widerlegt|ein (\w+ )?(mythos|maerchen|vorurteil|klischee|luege|verschwoerungsmythos))"
    r"( zu (sagen|behaupten|glauben|denken|meinen|schreiben))?\s*$|\b(ich widerspreche|ich verurteile|ich lehne es ab|"
    r"(es|das) stimmt (doch |einfach |schlicht |so |ueberhaupt |absolut )?nicht|"
    r"(ist|sind|waere) (doch |einfach |schlicht |ueberhaupt |absolut |halt )?nicht wahr|hoert auf|hoer auf|hoeren sie auf|lasst es|"
    r"schluss damit)\s*$"
)
# A clause that rejects the one before it: "Roma stehlen, das ist ein Vorurteil."
_REJECTING_BEFORE = re.compile(r"^\s*(das|dies|was|und das|beides)?\s*(ist|sind|waere)\b")

_QUOTE = re.compile(r"[„“\"»«‚‘]([^„“”\"»«‚‘’\n]{2,300})[“”\"«»‘’]|(?<!\w)'([^'\n]{2,200})'(?!\w)")
_OPPOSING = GuardedPattern(
    r"\b(rassist\w*|rechtsextrem\w*|rechtsradikal\w*|euphemismus|verharmlos\w*|menschenverachtend\w*|hetze\w*|hetzen|hetzt|gehetzt|hetzerisch\w*|hass\w*|inakzeptabel|"
    r"unertraeglich|geschmacklos|widerlich|ekelhaft|abscheulich|erschreckend|entsetz\w*|fassungslos|"
    r"traurig|schockier\w*|verurteil\w*|widersprech\w*|widerspreche|distanzier\w*|schaem\w*|schaemen|"
    r"anzeige\w*|anzeigen|angezeigt|zeige? \w+ an|staatsanwalt\w*|strafbar\w*|volksverhetzung|gemeldet|"
    r"melden|melde|sexist\w*|homophob\w*|antisemit\w*|diskriminier\w*|beleidigung\w*|beschimpfung\w*|"
    r"vorurteil\w*|klischee\w*|falsch|unsinn|quatsch|bloedsinn|luege|nichts (zu suchen|verloren)|"
    r"nichts (gelernt|begriffen|verstanden|kapiert)|"
    r"keinen platz|geht gar nicht|gehoert sich nicht|daneben|unterste schublade|nicht (ok|okay|in ordnung|akzeptabel|hinnehmbar)|"
    r"so etwas|sowas|solche (saetze|sprueche|kommentare|aussagen|worte|woerter|parolen|begriffe|posts)|"
    r"es leid|satt|hoert auf|hoer auf|aufhoeren|schluss damit|nie wieder|gegen (rassismus|hass|hetze)|"
    r"schlimm|furchtbar|schrecklich|beschaemend|empoerend|unwuerdig|entmenschlichend|herabwuerdigend|respektlos|"
    r"abstossend|nein|so reden wir nicht|nicht so (reden|schreiben|sprechen)|bitte loeschen|loescht das|loeschen sie|"
    r"sollten? (\w+ ){0,3}nachdenken|denk\w* (\w+ )?mal nach)"
)
# A reporting frame names words without using them: "als ... bezeichnen", "... zu nennen",
# "das Wort ...", "wer ... schreibt".
_NAMING_FRAMES = [
    GuardedPattern(
        r"\b(als|wie) (\w+ ){0,4}?(bezeichne\w*|bezeichnet|nenn\w*|genannt|beschimpf\w*|betitel\w*|"
        r"abgestempelt|abstempel\w*|hingestellt|hinstell\w*|dargestellt|darstell\w*|verunglimpf\w*|"
        r"diffamier\w*|beleidig\w*|verhoehn\w*|gebrandmarkt)\b"
    ),
    GuardedPattern(r"\b(\w+ ){1,4}(zu )?(nennen|bezeichnen|beschimpfen|beleidigen|verunglimpfen)\b"),
    GuardedPattern(
        r"\b(das wort|den begriff|der begriff|die bezeichnung|begriffe wie|woerter wie|worte wie|"
        r"ausdruecke wie|saetze wie|aussagen wie|parolen wie|sprueche wie|kommentare wie|"
        r"beschimpfungen wie|posts wie|rufe wie|schimpfwoerter wie)( \w+){1,4}"
    ),
    GuardedPattern(
        r"\bwer\b[^,.!?;]{0,90}\b(sagt|schreibt|behauptet|nennt|bezeichnet|ruft|fordert|wuenscht|"
        r"droht|hetzt|postet|kommentiert|verbreitet|brüllt|bruellt|grölt|groelt|verlangt|redet|spricht|faselt|"
        r"schwafelt|erzaehlt)\b"
    ),
    GuardedPattern(
        r"\b(dass|wenn|wie) (hier )?(jemand|leute|menschen|manche|einige|viele|andere|einer|ihr|user|"
        r"kommentatoren)\b[^.!?;]{0,90}"
    ),
]
# "Ich hasse Montage": hating a thing is no aggression; hating people is.
_HATE_VERB = GuardedPattern(r"\b(hasse|hassen|hasst|hass)\b((?: [\w-]+){0,4})")
_PERSON = re.compile(rf"\b{TARGET}\b|\b(mich|uns|man|leute|menschen|alle|jeden|jede|euch|dich)\b")
_TIME = re.compile(
    r"\bjede[nrs]? (morgen|tag|abend|mittag|nacht|woche|monat|jahr|mal|montag|dienstag|mittwoch|"
    r"donnerstag|freitag|samstag|sonntag|wochenende)\b"
)
_STEMS = tuple(IDENTITY_STEMS)
_WORDS = re.compile(r"[a-z]+")
_MAY_MATTER = re.compile(
    r"\b(nicht|kein\w*|nie\w*|nichts|weder|als|wie|zu|wort|begriff|wer|dass|wenn|hass\w*|vorurteil|mythos|"
    r"maerchen|klischee|unsinn|quatsch|bloedsinn|falsch|luege|gelogen|unwahr|widerlegt)\b|[„“\"»«‚‘']"
)


@dataclass
class Context:
    """Two blanked views of the normalised text and why spans were blanked."""

    text: str
    quoted: str
    negated: str
    mitigations: list = field(default_factory=list)  # (start, end, why), normalised offsets

    @property
    def changed(self):
        return self.negated != self.text

    @property
    def opposes_hate(self):
        """The comment quotes or names hate in order to oppose it."""
        return any(why in (WHY_QUOTED, WHY_NAMED) for _, _, why in self.mitigations)

    def is_blanked(self, start, end, view=None):
        """True when text[start:end] is blanked (in the negated view by default)."""
        view = self.negated if view is None else view
        return not view[start:end].strip()

    def with_negated(self, spans):
        """This context with `spans` also blanked as negated."""
        if not spans:
            return self
        mitigations = self.mitigations + [(start, end, WHY_NEGATED) for start, end in spans]
        return Context(self.text, self.quoted, _blank(self.negated, spans), mitigations)


def analyse(text, hurtful=()):
    """The Context of normalised `text`.

    hurtful: (start, end) spans of hurtful words (lexicon hits, demeaning predicates).
    A negation matters only where it covers one: blanking other words would change
    what the model reads for nothing ("Das fällt nicht unter die Zuständigkeit ...").
    """
    if not _MAY_MATTER.search(text):
        return Context(text, text, text)
    mitigations = []
    quoted = _blank_counter_speech(text, mitigations)
    negated = _blank_hate_of_things(_blank_negations(quoted, mitigations, hurtful), mitigations)
    return Context(text, quoted, negated, mitigations)


def negated_group_statements(text):
    """[(start, end, affirmed)] for each clause that says a group does not do or is not
    something ("Polen klauen keine Autos", "Araber sind nicht gewalttätiger als ..."): its
    span and how it would read without the negation. Whether the negation rejects a
    prejudice or denies the group something good ("Muslime sind keine Menschen") is what
    the affirmed clause says (toxicity.py asks the derogation detector). Not when a
    "sondern" follows: "X sind nicht A, sondern B" goes on to say what X are."""
    found = []
    for start, end in _clauses(text):
        clause = text[start:end]
        match = _PREDICATE_NEGATOR.search(clause)
        if match is None or _NOT_A_NEGATION.match(clause, match.start()):
            continue
        if text[end : end + 1] == "?" or _SONDERN.match(text, end):
            continue
        if not _names_group_as_subject(clause[: match.start()]):
            continue
        affirmed = clause[: match.start()] + _AFFIRMED[match.group(1)] + clause[match.end() :]
        found.append((start, end, " ".join(affirmed.split())))
    return found


_PREDICATE_NEGATOR = re.compile(r"\b(nicht|kein|keine|keinen|keinem|keiner|keines)\b")
_AFFIRMED = {"nicht": "", "kein": "ein", "keine": "", "keinen": "einen", "keinem": "einem"}
_AFFIRMED.update({"keiner": "einer", "keines": "eines"})
# What the subject of a statement about a group may not contain: the speaker, a reported or
# conditional clause ("Ich sage nicht, dass ...", "Wer ... nicht").
_NOT_A_GROUP_SUBJECT = re.compile(r"\b(ich|wir|du|ihr|man|wer|dass|ob|wenn|weil|es|das|dies)\b")
_SUBJECT_WORDS = 5
_SONDERN = re.compile(r"\s*,?\s*sondern\b")


def _names_group_as_subject(before):
    """The words before a negation are a group and its verb ("viele Roma betteln")."""
    words = before.split()
    if not 2 <= len(words) <= _SUBJECT_WORDS or _NOT_A_GROUP_SUBJECT.search(before):
        return False
    return any(_group_names(word) for word in words[:-1])


def speaks_well_of_group(text):
    """The comment names a group only to say something good of it, or who the writer is,
    and negates nothing ("Juden gehören zu Deutschland", "Ich bin eine schwarze Frau und
    stolz darauf"), in one clause. A model that learnt group names as signs of hate flags them."""
    clauses = [span for span in _clauses(text) if _WORDS.search(text[span[0] : span[1]])]
    if _NEGATOR.search(text) or len(clauses) > _GOOD_CLAUSES or not _group_names(text):
        return False
    return _GOOD_OF_GROUP.search(text) is not None or _SELF_DESCRIPTION.search(text) is not None


_GOOD_CLAUSES = 1  # "Muslime sind toll, solange sie weit weg bleiben": only a plain statement
_GOOD_OF_GROUP = re.compile(
    r"\b(respekt\w*|stolz\w*|toll\w*|wunderbar\w*|grossartig\w*|bereicher\w*|liebe|lieben|liebt|mag|moegen|"
    r"schaetze|schaetzen|willkommen\w*|gehoer\w* (\w+ )?zu|teil (von|unserer|unseres|der|des|dieser)|"
    r"sind (\w+ )?(frauen|maenner|menschen|deutsche|buerger\w*|nachbarn|freunde|kollegen)|hilfsbereit\w*|"
    r"freundlich\w*|herzlich\w*|fleissig\w*|gleichberechtigt\w*|gleiche rechte|verdien\w* (\w+ )?(respekt|schutz|"
    r"anerkennung|gleiche\w*)|dank\w*|bewunder\w*|mubarak|gratulier\w*|weltreligion\w*|freue|freuen|froh)\b"
)
_SELF_DESCRIPTION = GuardedPattern(r"\b(ich bin|wir sind|ich als|als (\w+ )?(frau|mann))\b")


def without_identity_terms(text):
    """`text` with each identity word and group name blanked (offsets survive)."""
    return _blank(text, _group_names(text))


def _group_names(text):
    """(start, end) of the identity words and group names in `text` (the names catch what the
    stems leave out: "behinderte", since "behindert" is also an insult)."""
    spans = [match.span() for match in _WORDS.finditer(text) if match.group().startswith(_STEMS)]
    return spans + [match.span() for match in GROUP_NAME.finditer(text)]


def _blank_hate_of_things(text, mitigations):
    spans = []
    for match in _HATE_VERB.finditer(text):
        aimed_at = _TIME.sub(" ", match.group(2))
        if not _PERSON.search(aimed_at) and not has_identity_terms(aimed_at):
            spans.append(match.span(1))
            mitigations.append((*match.span(1), WHY_THING))
    return _blank(text, spans)


def has_identity_terms(text):
    return any(word.startswith(_STEMS) for word in _WORDS.findall(text))


def _blank(text, spans):
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for index in range(start, end):
            if chars[index] != " ":
                chars[index] = " "
    return "".join(chars)


def _blank_counter_speech(text, mitigations):
    """Blank quotes and named words when the comment opposes what it quotes or names."""
    spans = []
    opposed = _OPPOSING.search(_QUOTE.sub(" ", text)) is not None
    if opposed:
        for match in _QUOTE.finditer(text):
            spans.append((match.start(), match.end()))
            mitigations.append((match.start(), match.end(), WHY_QUOTED))
    stop = opposed or "wer " in text
    for number, frame in enumerate(_NAMING_FRAMES):
        if number >= 3 and not opposed:
            continue  # "wer ... sagt" and "dass jemand ..." name hate only beside an objection
        for match in frame.finditer(text):
            if number < 3 and not (stop or _negated_clause(text, match.start())):
                continue
            if number == 1 and _first_person_clause(text, match.start()):
                continue  # "Ich werde dich Idiot nennen" says it
            spans.append(match.span())
            mitigations.append((*match.span(), WHY_NAMED))
    return _blank(text, spans)


def _first_person_clause(text, position):
    start = _clause_start(text, position)
    return re.search(r"\b(ich|wir)\b", text[start:position]) is not None


def _negated_clause(text, position):
    """A negation earlier in the sentence ("Niemand hat das Recht, X als Y zu beschimpfen")."""
    start = max(text.rfind(mark, 0, position) for mark in ".!?;\n") + 1
    return _NEGATOR.search(text[start:position]) is not None


def _clause_start(text, position):
    start = 0
    for match in _CLAUSE_END.finditer(text, 0, position):
        start = match.end()
    return start


def _clauses(text):
    """(start, end) of each clause."""
    spans, start = [], 0
    for match in _CLAUSE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _blank_negations(text, mitigations, hurtful=()):
    spans = []
    inherit, rejected, previous = False, False, None
    for start, end in _clauses(text):
        clause = text[start:end]
        is_question = text[end : end + 1] == "?"
        rejecting = _REJECTING.search(clause) is not None  # "Es ist nicht wahr, dass ..."
        scope = None if is_question or rejecting else _negation_scope(clause)
        claim = False  # the clause is a claim that the clause before it rejects
        if scope is None and inherit and _SUBORDINATE.match(clause):
            scope, claim = (0, len(clause)), rejected
        inherit = rejected = False
        if scope is None:
            if rejecting:
                inherit = rejected = True
                if previous is not None and _REJECTING_BEFORE.match(clause):
                    _blank_if_hurtful(text, previous, hurtful, spans, mitigations, claim=True)
            previous = (start, end)
            continue
        _blank_if_hurtful(text, (start + scope[0], start + scope[1]), hurtful, spans, mitigations, claim)
        inherit = scope[1] == len(clause) and scope[0] == 0 or _ends_negated(clause)
        previous = (start, end)
    return _blank_keeping_vocatives(text, spans)


def _blank_if_hurtful(text, scope, hurtful, spans, mitigations, claim=False):
    """Blank the negated or rejected `scope` when it covers a hurtful span, or when it is a
    claim about a group that the comment rejects ("Es ist Unsinn, dass Juden alle reich
    sind") and not one that grants the group something ("Es stimmt nicht, dass Frauen
    gleich viel leisten" rejects that, which is hate)."""
    scope_start, scope_end = scope
    covers_hurt = any(start < scope_end and scope_start < end for start, end in hurtful)
    words = text[scope_start:scope_end]
    if claim and not covers_hurt:
        covers_hurt = has_identity_terms(words) and not _GRANTING.search(words)
    if covers_hurt and words.strip():
        spans.append((scope_start, scope_end))
        mitigations.append((scope_start, scope_end, WHY_NEGATED))


# What a claim grants a group: rejected, it denies them that.
_GRANTING = re.compile(
    r"\b(menschen|mensch|gleich\w*|rechte?|recht haben|intelligent\w*|klug\w*|schlau\w*|faehig\w*|"
    r"willkommen|teil|dazu ?gehoer\w*|gehoeren|gehoert|normal\w*|wert|gut\w*|friedlich\w*|ehrlich\w*|"
    r"fleissig\w*|integriert|bereicherung|respekt|wuerde|schutz|verdienen|verdient|duerfen|darf|"
    r"koennen|kann|leisten|besser|hilfe|sicher|unschuldig|harmlos|freundlich|nett|liebenswert)\b"
)


def _negation_scope(clause):
    """(start, end) within the clause that a negation covers, or None."""
    if not _NEGATOR.search(clause):
        return None
    exceptions = [match.span() for match in _NOT_A_NEGATION.finditer(clause)]
    for match in _NEGATOR.finditer(clause):
        if any(start <= match.start() < end for start, end in exceptions):
            continue
        word = match.group(1)
        if _ends_negated(clause, match):  # "Ich hasse Frauen nicht": the words before it
            return (_before_words(clause, match.start(), _WORDS_BEFORE_FINAL), len(clause))
        if word in _CLAUSE_WIDE:
            return (
                _before_words(clause, match.start(), 2),
                _after_words(clause, match.end(), _WORDS_AFTER_WIDE),
            )
        if word.startswith("kein"):
            return (match.start(), _after_words(clause, match.end(), 3))
        if word == "nicht" and _ALL.match(clause, match.end()):  # "Nicht alle X sind Y"
            return (match.start(), len(clause))
        return (match.start(), _after_words(clause, match.end(), _WORDS_AFTER_NOT))
    return None


# How far a negation reaches: comments without punctuation ("... nicht wählbar dieses
# üble Pack fordert ...") must not lose everything after a "nicht".
_WORDS_AFTER_NOT, _WORDS_AFTER_WIDE, _WORDS_BEFORE_FINAL = 3, 6, 6
_ALL = re.compile(r" (alle|jeder|jede|jeden|jedes)\b")  # not "nicht immer": a hedged generalisation


def _before_words(clause, position, count):
    starts = [match.start() for match in re.finditer(r"\S+", clause[:position])]
    return starts[-count] if len(starts) >= count else 0


def _ends_negated(clause, match=None):
    """True when the clause's negation comes last ("Ich hasse Frauen nicht (mehr)")."""
    words = clause.split()
    while words and words[-1] in _AFTER_FINAL_NOT:
        words.pop()
    if not words:
        return False
    last = words[-1].strip(".,!?\"'")
    if match is not None and last != match.group(1):
        return False
    return last in ("nicht", "nie", "niemals")


def _after_words(clause, position, count):
    for match in re.finditer(r"\S+", clause[position:]):
        count -= 1
        if count == 0:
            return position + match.end()
    return len(clause)


def _blank_keeping_vocatives(text, spans):
    """Blank the spans, except a word addressed to someone ("keiner mag euch Idioten")."""
    if not spans:
        return text
    kept = []
    for start, end in spans:
        for match in re.finditer(r"\b(du|ihr|euch|dich|dir) (\w+)", text[start:end]):
            if match.group(2) not in ("nicht", "nie", "kein", "keine", "keinen", "nichts"):
                kept.append((start + match.start(2), start + match.end(2)))
    blanked = []
    for start, end in spans:
        cursor = start
        for keep_start, keep_end in sorted(kept):
            if start <= keep_start < end:
                blanked.append((cursor, keep_start))
                cursor = keep_end
        blanked.append((cursor, end))
    return _blank(text, blanked)
