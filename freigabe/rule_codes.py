"""The house rules' reason codes, defined once.

Plain Python without Django: the assessor (freigabe/assessment) scores these, the
articles app labels them, the Comment model keeps a score column for each.
"""

INSINUATION = "insinuation"
INSULT = "insult"
AGGRESSION = "aggression"
ADVERTISING = "advertising"
OFF_TOPIC = "off_topic"
OTHER = "other"  # anything else, with a note: an editor's reason, never scored

# The rules the assessor scores, in the order it reports them.
ASSESSED_RULES = (INSINUATION, INSULT, AGGRESSION, ADVERTISING, OFF_TOPIC)
