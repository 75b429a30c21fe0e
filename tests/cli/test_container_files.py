"""The Containerfile and compose.yaml say what the image and the stack promise.

No container runtime works on our machines: the image's build steps themselves run in CI
(scripts/check-install.sh runs scripts/build-image-steps.sh in a fresh virtualenv, then the
server and deploy/healthcheck.py from it), and scripts/cluster.sh runs the compose layout
with the same nginx template. These tests keep the two files in step with those scripts.
"""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def instructions(path):
    text = re.sub(r"\\\n\s*", " ", (ROOT / path).read_text())
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_the_image_runs_the_tested_build_steps_as_a_non_root_user_with_a_health_check():
    lines = instructions("Containerfile")
    assert lines[0].startswith("FROM python:3.11-slim")
    assert any("scripts/build-image-steps.sh" in line for line in lines if line.startswith("RUN"))
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users and users[-1] not in {"root", "0"}
    health = next(line for line in lines if line.startswith("HEALTHCHECK"))
    assert "/opt/freigabe/healthcheck.py" in health
    assert any(line.startswith("COPY deploy/healthcheck.py /opt/freigabe/healthcheck.py") for line in lines)
    assert "/healthz" in (ROOT / "deploy/healthcheck.py").read_text()
    assert lines[-1].startswith('CMD ["freigabe", "serve"')


def test_compose_has_postgres_redis_two_app_servers_a_worker_and_nginx():
    stack = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = stack["services"]
    assert {"db", "redis", "app1", "app2", "worker", "nginx"} <= set(services)
    for name in ("app1", "app2", "worker", "migrate"):
        assert services[name]["build"]["dockerfile"] == "Containerfile"
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
        assert env["FREIGABE_CACHE_URL"] == "redis://redis:6379/0"
        assert env["FREIGABE_SECRET_KEY"].startswith("${FREIGABE_SECRET_KEY:?")
    assert services["worker"]["command"] == ["freigabe", "worker"]
    nginx = services["nginx"]
    template = "./deploy/nginx-freigabe.conf.template"
    assert any(volume.startswith(template + ":") for volume in nginx["volumes"])
    assert {nginx["environment"]["FREIGABE_APP_1"], nginx["environment"]["FREIGABE_APP_2"]} == {
        "app1:8000",
        "app2:8000",
    }
    # The servers believe X-Forwarded-For only from nginx's fixed address.
    proxy = nginx["networks"]["freigabe"]["ipv4_address"]
    assert services["app1"]["environment"]["FREIGABE_TRUSTED_PROXIES"] == proxy


def test_the_nginx_template_has_only_the_variables_compose_and_cluster_fill_in():
    text = (ROOT / "deploy/nginx-freigabe.conf.template").read_text()
    assert set(re.findall(r"\$\{(\w+)\}", text)) == {"FREIGABE_APP_1", "FREIGABE_APP_2", "NGINX_LISTEN"}
    cluster = (ROOT / "scripts/cluster.sh").read_text()
    assert "deploy/nginx-freigabe.conf.template" in cluster
