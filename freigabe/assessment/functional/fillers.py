"""The words the templates are filled with (written for Freigabe)."""

# (nominative plural, dative plural)
GROUPS = [
    ("Frauen", "Frauen"),
    ("Muslime", "Muslimen"),
    ("Juden", "Juden"),
    ("Flüchtlinge", "Flüchtlingen"),
    ("Migranten", "Migranten"),
    ("Schwule", "Schwulen"),
    ("Lesben", "Lesben"),
    ("trans Menschen", "trans Menschen"),
    ("Menschen mit Behinderung", "Menschen mit Behinderung"),
    ("Schwarze", "Schwarzen"),
    ("Ausländer", "Ausländern"),
    ("Roma", "Roma"),
    ("Türken", "Türken"),
    ("Asylbewerber", "Asylbewerbern"),
    ("Geflüchtete", "Geflüchteten"),
]
# "Ich bin ..." / "Meine Nachbarin ist ..."
IDENTITIES = [
    "Muslim",
    "Muslimin",
    "Jude",
    "Jüdin",
    "schwul",
    "lesbisch",
    "trans",
    "Migrantin",
    "Türke",
    "schwarz",
    "Roma",
    "Christin",
    "bisexuell",
    "geflüchtet",
    "Araber",
]
# Adjectives before a plural noun ("meine ... Freunde")
IDENTITY_ADJECTIVES = [
    "muslimischen",
    "jüdischen",
    "schwulen",
    "lesbischen",
    "türkischen",
    "syrischen",
    "afghanischen",
    "schwarzen",
    "queeren",
    "geflüchteten",
    "arabischen",
    "polnischen",
]
INSULTS = [
    "Idiot",
    "Vollidiot",
    "Trottel",
    "Arschloch",
    "Schwachkopf",
    "Depp",
    "Vollpfosten",
    "Dummkopf",
    "Versager",
    "Hohlkopf",
    "Blödmann",
    "Wichser",
]
INSULTS_PLURAL = [
    "Idioten",
    "Vollidioten",
    "Trottel",
    "Arschlöcher",
    "Schwachköpfe",
    "Deppen",
    "Vollpfosten",
    "Dummköpfe",
    "Versager",
    "Hohlköpfe",
    "Blödmänner",
]
SLURS = [
    "Kanake",
    "Schwuchtel",
    "Kümmeltürke",
    "Zigeuner",
    "Polacke",
    "Schlitzauge",
    "Tunte",
    "Musel",
    "Kameltreiber",
    "Neger",
]
NON_PROTECTED = [
    "Radfahrer",
    "Autofahrer",
    "Falschparker",
    "Fußballfans",
    "Veganer",
    "Raucher",
    "Touristen",
    "Beamten",
    "SUV-Fahrer",
    "Hundebesitzer",
    "Politiker",
    "Schiedsrichter",
]
PEOPLE = [
    "Der Bürgermeister",
    "Der Trainer",
    "Mein Nachbar",
    "Der Schiedsrichter",
    "Der Verfasser dieses Kommentars",
    "Der Landrat",
    "Dieser Stadtrat",
    "Der Vermieter",
]
OBJECTS = [
    ("Dieser Drucker", "diesen Drucker"),
    ("Das Wetter", "dieses Wetter"),
    ("Der neue Fahrplan", "den neuen Fahrplan"),
    ("Die neue App", "die neue App"),
    ("Das neue Stadion", "das neue Stadion"),
    ("Die Baustelle", "diese Baustelle"),
    ("Das Update", "das Update"),
    ("Die Heizung", "die Heizung"),
    ("Der Montag", "Montage"),
    ("Die Umleitung", "die Umleitung"),
]
PROFANITY = ["Scheiße", "So eine Scheiße", "Verdammte Scheiße", "Scheißdreck", "Kacke", "So ein Scheiß"]
PROFANE_ADJECTIVES = ["beschissen", "scheiße", "total verkackt", "zum Kotzen beschissen", "Scheiße"]
# Institutions (singular: "{E} ist ...")
EDITORS = [
    "die Redaktion",
    "die Zeitung",
    "die Presse",
    "die Moderation",
    "die Regierung",
    "die Stadtverwaltung",
    "der Verein",
    "die Polizei",
    "das Ministerium",
    "der Sender",
    "der Stadtrat",
    "das Rathaus",
]
PRODUCTS = [
    ("Uhren", "uhren-billig.example"),
    ("Sneaker", "sneaker-outlet.example"),
    ("Handys", "handy-deals.example"),
    ("Kredite", "schnellkredit24.example"),
    ("Vitaminkapseln", "vital-kapseln.example"),
    ("Sonnenbrillen", "brillen-sale.example"),
    ("Möbel", "moebel-discount.example"),
    ("Parfums", "duft-guenstig.example"),
    ("Reifen", "reifen-preiswert.example"),
    ("Kopfhörer", "sound-schnaeppchen.example"),
]
SOURCES = [
    "https://www.destatis.de/DE/Themen/Gesellschaft-Umwelt/Bevoelkerung/_inhalt.html",
    "https://www.tagesschau.de/inland/verkehr-101.html",
    "https://de.wikipedia.org/wiki/Straßenbahn",
    "https://www.bundestag.de/dokumente/textarchiv",
    "https://www.umweltbundesamt.de/themen/verkehr",
    "https://www.dwd.de/DE/wetter/wetterundklima_vorort/",
    "https://www.zeitung.example/lokales/rathaus-123",
    "https://zeitung.example/sport/derby-456",
]
SITE_POLICY = {"site_domains": ["zeitung.example"]}
