"""Two editors deciding the same comment at the same moment: exactly one decision stands.

Runs on PostgreSQL (`make test` runs the suite there too), where the two decisions really
overlap in two connections; SQLite serialises every write, so there is nothing to race.
"""

import threading

import pytest
from django.db import connection, connections

from freigabe.comments.models import Comment
from freigabe.moderation.decisions import AlreadyDecided, decide

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs two real connections deciding at once (PostgreSQL run)",
    ),
]


def test_two_editors_deciding_at_once_decide_once(submit, editor, colleague):
    for _ in range(10):  # ten races, each with a fresh comment
        comment_id = submit()["id"]
        start = threading.Barrier(2)
        outcomes = []

        def editor_decides(action, actor, reasons=()):
            start.wait()
            try:
                decide(comment_id, action, actor=actor, reasons=reasons)
                outcomes.append(action)
            except AlreadyDecided:
                outcomes.append("refused")
            finally:
                connections.close_all()

        threads = [
            threading.Thread(target=editor_decides, args=("release", editor.user)),
            threading.Thread(target=editor_decides, args=("reject", colleague, ["insult"])),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert outcomes.count("refused") == 1
        comment = Comment.objects.get(pk=comment_id)
        assert comment.decisions.count() == 1
        assert (
            comment.status
            == {"release": "released", "reject": "rejected"}[next(o for o in outcomes if o != "refused")]
        )
