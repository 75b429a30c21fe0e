"""The API documentation works without the internet: Swagger UI comes from our server."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_docs_page_loads_only_assets_from_our_own_server(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets)
    assert any(asset.endswith("swagger-ui.css") for asset in assets)
    for asset in assets:
        assert asset.startswith("/"), f"loaded from elsewhere: {asset}"
        response = client.get(asset)
        assert response.status_code == 200, asset
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert len(body) > 100, asset
    assert "cdn" not in html.lower()


def test_the_docs_page_reads_the_schema_from_our_server(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "/api/v1/openapi.json" in html
    assert client.get("/api/v1/openapi.json").status_code == 200
