"""`make run CERT=... KEY=...` serves HTTPS itself, so phones get a secure context (service worker, offline)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import warnings

import pytest
import requests
import urllib3

from tests.support.live_server import ROOT, free_port

pytestmark = [pytest.mark.live]


def _self_signed(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_the_server_speaks_https_when_given_a_certificate_and_key(tmp_path):
    cert, key = _self_signed(tmp_path)
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SEED_DEMO": "0",
        "ASYNC_MODE": "eventlet",
        "CERT": str(cert),
        "KEY": str(key),
    }
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", urllib3.exceptions.InsecureRequestWarning)
            deadline, answer = time.monotonic() + 60, None
            while time.monotonic() < deadline and answer is None:
                assert process.poll() is None, (tmp_path / "server.log").read_text()
                try:
                    answer = requests.get(f"https://127.0.0.1:{port}/favicon.ico", verify=str(cert), timeout=2)
                except requests.ConnectionError:
                    time.sleep(0.2)
        assert answer is not None and answer.status_code == 200
        with pytest.raises(requests.ConnectionError):
            requests.get(f"http://127.0.0.1:{port}/", timeout=2)  # plain http is not spoken on that port
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
