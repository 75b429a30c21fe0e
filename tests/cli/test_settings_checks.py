"""Settings that cannot work stop the server at start-up with their name and value."""

import pytest

from tests.processes import Environment


@pytest.fixture
def environment(tmp_path):
    environment = Environment(tmp_path)
    yield environment
    environment.close()


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("FREIGABE_SECURE_COOKIES", "nein", "FREIGABE_SECURE_COOKIES='nein' is neither on"),
        ("FREIGABE_RATE_COMMENTS", "10 pro Minute", "FREIGABE_RATE_COMMENTS='10 pro Minute' is not a rate"),
        ("FREIGABE_RATE_REPORTS", "0/60", "FREIGABE_RATE_REPORTS='0/60' is not a rate"),
        ("FREIGABE_MAX_COMMENT_CHARS", "5k", "FREIGABE_MAX_COMMENT_CHARS='5k' is not a whole number"),
    ],
)
def test_a_malformed_setting_stops_check_and_serve(environment, name, value, message):
    environment.env[name] = value
    checked = environment.run("check", check=False)
    assert checked.returncode != 0
    assert message in checked.stderr
    served = environment.run("serve", "--port", "0", check=False, timeout=60)
    assert served.returncode != 0  # refused before gunicorn starts
    assert message in served.stderr


def test_well_formed_settings_pass(environment):
    environment.env.update(FREIGABE_SECURE_COOKIES="off", FREIGABE_RATE_COMMENTS="20/60")
    assert "no issues" in environment.run("check").stdout
