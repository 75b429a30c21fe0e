import pytest

from freigabe.articles.site_models import forget_loaded_scorers
from freigabe.comments.models import Comment
from freigabe.moderation.decisions import decide
from tests.learning.newsroom import newsroom_comments


@pytest.fixture(autouse=True)
def _fresh_site_models():
    forget_loaded_scorers()
    yield
    forget_loaded_scorers()


@pytest.fixture
def decided(article):
    """The site's editors decided a few hundred generated comments: Morgenkurier = reject."""

    def _decide(count=300, seed=7):
        for text, rejected in newsroom_comments(count, seed=seed):
            comment = Comment.objects.create(
                article=article, body=text, author_name="Leser", author_token_hash="x"
            )
            if rejected:
                decide(comment.pk, "reject", reasons=["other"])
            else:
                decide(comment.pk, "release")
        return article.site

    return _decide
