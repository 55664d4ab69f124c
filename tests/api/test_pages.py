from __future__ import annotations


def test_page_is_self_contained_and_neutral(client, settings):
    page = client.get("/")
    assert page.status_code == 200
    assert "set-cookie" not in page.headers
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert f'data-exit-url="{settings.exit_url}"' in page.text
    for third_party in ("http://", "//cdn", "googleapis", "gstatic", "unpkg", "jsdelivr"):
        assert third_party not in page.text.replace(settings.exit_url, "")
    assert client.get("/static/chat.js").status_code == 200
    assert client.get("/static/chat.css").status_code == 200


def test_interactive_docs_that_load_cdn_scripts_are_off(client):
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").status_code == 200
