"""X-Forwarded-For is believed only from the configured proxy's address (TRUSTED_PROXY_ADDRESSES)."""

from __future__ import annotations

from werkzeug.test import Client
from werkzeug.wrappers import Response

from facilitation import create_app
from facilitation.web.security import trust_proxies


def _address_echo(environ, start_response):
    return Response(environ["REMOTE_ADDR"])(environ, start_response)


def _seen_address(app, peer: str, forwarded: str) -> str:
    client = Client(app.wsgi_app)
    response = client.get("/", environ_base={"REMOTE_ADDR": peer}, headers={"X-Forwarded-For": forwarded})
    return response.get_data(as_text=True)


def _app(tmp_path, **config):
    app = create_app("test", instance_path=str(tmp_path), **config)
    # The innermost layer replaced by one that answers the client address the app would see, then wrapped again.
    app.wsgi_app = _address_echo
    trust_proxies(app)
    return app


def test_the_proxy_s_forwarded_address_is_believed(tmp_path):
    app = _app(tmp_path, TRUSTED_PROXIES=1, TRUSTED_PROXY_ADDRESSES=["127.0.0.1"])
    assert _seen_address(app, "127.0.0.1", "198.51.100.7") == "198.51.100.7"


def test_anyone_else_s_forwarded_address_is_ignored(tmp_path):
    app = _app(tmp_path, TRUSTED_PROXIES=1, TRUSTED_PROXY_ADDRESSES=["127.0.0.1", "10.0.0.0/8"])
    assert _seen_address(app, "192.0.2.44", "198.51.100.7") == "192.0.2.44"
    assert _seen_address(app, "10.1.2.3", "198.51.100.8") == "198.51.100.8"


def test_without_trusted_proxies_no_forwarded_address_is_believed(tmp_path):
    app = _app(tmp_path, TRUSTED_PROXY_ADDRESSES=["127.0.0.1"])
    assert _seen_address(app, "127.0.0.1", "198.51.100.7") == "127.0.0.1"
