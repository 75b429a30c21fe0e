"""Readers signed in at the publisher comment under their publisher identity (JWT per site)."""

import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from freigabe.comments.models import Comment
from tests.conftest import comments_path
from tests.processes import Environment

pytestmark = pytest.mark.django_db
SECRET = "ein-sehr-langes-geheimnis-fuer-sso-1234567890"


def hs256_site(article):
    article.site.sso_algorithm, article.site.sso_key = "HS256", SECRET
    article.site.save()


def token(key=SECRET, algorithm="HS256", **claims):
    now = int(time.time())
    payload = {
        "sub": "leser-17",
        "name": "Lea Leserin",
        "email": "lea@example.org",
        "aud": "zeitung",
        "iat": now,
        "exp": now + 600,
        **claims,
    }
    return jwt.encode(payload, key, algorithm=algorithm)


def post(api, article, sso_token):
    return api.post(
        comments_path(article), {"body": "Radwege auf der Lindenallee: gut.", "sso_token": sso_token}
    )


def test_a_signed_in_reader_comments_under_the_publishers_identity(api, article):
    hs256_site(article)
    assert post(api, article, token()).status_code == 202
    comment = Comment.objects.get()
    assert (comment.author_name, comment.author_email, comment.author_external_id) == (
        "Lea Leserin",
        "lea@example.org",
        "leser-17",
    )


@pytest.mark.parametrize(
    "bad",
    [
        token(key="ein-anderes-geheimnis-das-nicht-passt-123456"),
        token(exp=int(time.time()) - 3600),
        token(aud="andere-zeitung"),
        token(name=""),
        "kein.jwt.token",
    ],
)
def test_an_invalid_sign_in_is_401_and_nothing_is_stored(api, article, bad):
    hs256_site(article)
    response = post(api, article, bad)
    assert response.status_code == 401
    assert response.json()["detail"]
    assert Comment.objects.count() == 0


def test_a_site_without_sso_refuses_tokens(api, article):
    assert post(api, article, token()).status_code == 401


def test_rs256_with_the_publishers_public_key(api, article):
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    article.site.sso_algorithm, article.site.sso_key = "RS256", public_pem
    article.site.save()
    assert post(api, article, token(key=private, algorithm="RS256")).status_code == 202
    # An HS256 token "signed" with the public key must not pass (algorithm confusion).
    assert post(api, article, token(key=public_pem[:60] * 2)).status_code == 401


def test_sso_is_configured_from_the_command_line(tmp_path):
    environment = Environment(tmp_path)
    try:
        environment.run("migrate", "--verbosity", "0")
        environment.run("create-site", "blatt")
        result = environment.run("configure-sso", "blatt", "--hs256-secret", SECRET)
        assert "HS256" in result.stdout
        short = environment.run("configure-sso", "blatt", "--hs256-secret", "kurz", check=False)
        assert short.returncode != 0 and "32" in short.stderr
    finally:
        environment.close()
