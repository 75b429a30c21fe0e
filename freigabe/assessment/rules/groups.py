"""Words for people: protected groups, other people, and personal targets.

Shared by the context analysis (identity terms are not evidence of hate), the
threat detector (who is threatened) and the derogation detector (who is
generalised about). Patterns are fragments for normalised text (ä→ae, ß→ss).
"""

from freigabe.assessment.prefilter import GuardedPattern

# Protected groups, by religion, origin, gender, sexual orientation, disability and colour.
PROTECTED_GROUP = (
    r"(?:frauen|weiber|maedchen|muslim(?:e|en|innen)?|moslems?|islamisten|juden|juedinnen|christen|"
    r"fluechtling(?:e|en)?|gefluechtete[n]?|migrant(?:en|innen)?|auslaender(?:n|innen)?|asylant(?:en)?|"
    r"asylbewerber(?:n|innen)?|asylsuchende[n]?|zuwanderer[n]?|einwanderer[n]?|schwule[n]?|lesben|"
    r"homosexuelle[n]?|homos|bisexuelle[n]?|queere[n]?|transmenschen|transpersonen|"
    r"trans (?:menschen|personen|frauen|maenner|leute|leuten)|behinderte[n]?|"
    r"menschen mit behinderung(?:en)?|schwarze[n]?|farbige[n]?|roma|sinti(?: und roma)?|"
    r"tuerk(?:en|innen)|araber[n]?|afrikaner[n]?|syrer[n]?|afghanen|polen|russen|rumaenen|kurden|"
    r"jesiden|hindus|buddhisten|atheisten|ossis|obdachlose[n]?|zigeuner[n]?|kanaken|neger[n]?|"
    r"asiat(?:en|innen)|chines(?:en|innen)|inder(?:n|innen)?|pakistaner(?:n|innen)?|vietnames(?:en|innen)|"
    r"italiener(?:n|innen)?|griechen|albaner(?:n|innen)?|serben|bulgaren|tschetschenen|ukrainer(?:n|innen)?|"
    r"marokkaner(?:n|innen)?|nordafrikaner(?:n|innen)?|algerier(?:n|innen)?|tunesier(?:n|innen)?|"
    r"nigerianer(?:n|innen)?|iraker(?:n|innen)?|iraner(?:n|innen)?|libanesen|palaestinenser(?:n|innen)?|"
    r"israelis|latinos|mexikaner(?:n|innen)?|indianer(?:n|innen)?|uiguren|rohingya|tamilen|"
    r"transsexuelle[n]?|intersexuelle[n]?|transgender|nicht ?binaere[n]?|katholiken|sikhs|aleviten|"
    r"gehoerlose[n]?|autisten|rollstuhlfahrer(?:n|innen)?|"
    r"(?:juedische|muslimische|schwarze|weisse|gelbe|indische|asiatische|homosexuelle|behinderte|arabische|"
    r"tuerkische|afrikanische) (?:menschen|leute|leuten|maenner|frauen|kinder|familien|mitbuerger))"
)
# A protected group named anywhere in a text (the derogation detector, the context analysis).
GROUP_NAME = GuardedPattern(rf"\b{PROTECTED_GROUP}\b")

# Words for people in general, or for people one can threaten.
PEOPLE = (
    r"(?:leute[n]?|typen|kerle|menschen|politiker\w*|journalist\w*|redakteur\w*|reporter\w*|"
    r"buergermeister\w*|kanzler\w*|minister\w*|richter\w*|polizist\w*|bullen|nachbar\w*|"
    r"kommentator\w*|schreiberling\w*|abgeordnete\w*|verraeter\w*|hetzer\w*|autor\w*|moderator\w*|"
    r"gruene[n]?|linke[n]?|rechte[n]?|nazis?|afdler\w*|kinder[n]?|familie|frau|mann|tochter|sohn|"
    r"schweine[n]?|pack|gesindel|abschaum|ratten|ungeziefer|brut|viecher[n]?|bande|sippe|"
    r"schmarotzer\w*|verbrecher\w*|taeter\w*|idioten|spinner\w*|ketzer\w*|kritiker\w*|fans?)"
)
# Who a threat or a call to violence can be aimed at.
# A definite noun phrase whose noun has an ending typical of people ("die Aktivisten",
# "den Betreiber", "die Verantwortlichen", "den Ausschussmitgliedern").
PERSON_NOUN_PHRASE = (
    r"(?:die|den|der|dem|diese[nmrs]?|solche[nr]?|alle|jeden|jede|eure[nrm]?|deine[nrm]?|ihre[nrm]?)"
    r"(?: \w+)? \w{3,}(?:er|ern|en|in|innen|ist|isten|ent|enten|ende|enden|ierte|ierten|chef|chefs|rat|raete|raeten)"
)
TARGET = (
    rf"(?:dich|dir|euch|ihn|ihm|ihnen|sie|jeden|jede[nm]?|dein\w*|eure?\w*|"
    rf"(?:die|den|der|diese[nmrs]?|alle|solche|jeden|dem)(?: \w+)? {PEOPLE}|"
    rf"(?:die |den |diese[nmr]? |alle |solche |jeden )?(?:\w+e[nr]? )?{PROTECTED_GROUP}|{PEOPLE}|{PERSON_NOUN_PHRASE})"
)

# Stems of identity words: the model learnt them as signs of hate (a bias of the
# training data); the assessor does not let them count as evidence.
IDENTITY_STEMS = (
    "fluechtling",
    "gefluechtet",
    "migrant",
    "migration",
    "auslaend",
    "asyl",
    "zuwander",
    "einwander",
    "muslim",
    "moslem",
    "islam",
    "jude",
    "juden",
    "juedi",
    "christ",
    "kirche",
    "moschee",
    "synagog",
    "tuerk",
    "araber",
    "arabisch",
    "afrikan",
    "syrer",
    "syrisch",
    "afghan",
    "roma",
    "sinti",
    "kurd",
    "jesid",
    "hindu",
    "buddhist",
    "atheist",
    "schwul",
    "lesb",
    "homosex",
    "bisex",
    "queer",
    "trans",
    "frau",
    "maedchen",
    "weib",
    "maenner",
    "behinderung",
    "rollstuhl",
    "schwarz",
    "farbig",
    "dunkelhaeutig",
    "kopftuch",
    "hijab",
    "burka",
    "koran",
    "imam",
    "ramadan",
    "polen",
    "polnisch",
    "russ",
    "rumaen",
    "ukrain",
    "deutsch",
    "ossi",
    "obdachlos",
    "lgbt",
)
