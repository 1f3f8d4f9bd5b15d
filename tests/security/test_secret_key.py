"""Production refuses a SECRET_KEY too short to sign sessions safely: at least 32 bytes, said clearly."""

from __future__ import annotations

import pytest

from facilitation import create_app


def production_app(tmp_path, monkeypatch, key: str):
    monkeypatch.setenv("SECRET_KEY", key)
    return create_app("production", instance_path=str(tmp_path / "instance"))


@pytest.mark.parametrize("key", ["x", "a" * 31, "é" * 15])  # 15 two-byte characters are 30 bytes
def test_production_refuses_a_secret_key_shorter_than_32_bytes(tmp_path, monkeypatch, key):
    with pytest.raises(RuntimeError, match=r"SECRET_KEY .*at least 32 bytes") as refused:
        production_app(tmp_path, monkeypatch, key)
    assert "secrets.token_urlsafe" in str(refused.value), "the message says how to make a good key"


def test_production_accepts_a_32_byte_secret_key(tmp_path, monkeypatch):
    app = production_app(tmp_path, monkeypatch, "k" * 32)
    assert app.config["SECRET_KEY"] == "k" * 32


def test_production_counts_the_key_in_bytes_not_characters(tmp_path, monkeypatch):
    app = production_app(tmp_path, monkeypatch, "é" * 16)
    assert len(app.config["SECRET_KEY"].encode()) == 32
