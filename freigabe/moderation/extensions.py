"""Extension points of moderation, filled by compliance in its AppConfig.ready().

moderation does not import compliance. A rejection or removal needs its statement of
reasons and a ban its restriction record (DSA Art. 17) in the same transaction as the
decision, so these are hooks moderation calls there, not signals one might forget to
connect: a hook nobody registered raises, and the decision is rolled back with it.
"""

from freigabe.comments.extensions import Hook

# The statement of reasons for a rejection or removal: compose_statement(comment, decision,
# notice=report group or None) -> dict  (compliance.statements)
compose_statement = Hook("compose_statement")
# Record a new ban as a restriction with its statement of reasons: record_ban(ban)
# (compliance.restrictions)
record_ban = Hook("record_ban")
# The workspace tabs compliance keeps: open_case_counts() -> {"reported": n, "appeals": n}
# (compliance.queues)
open_case_counts = Hook("open_case_counts")
