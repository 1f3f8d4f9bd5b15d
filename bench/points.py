"""The points of `make bench`: each one runs the same swarm (bench/swarm.mjs) against every server in turn.

A point is run RUNS times (default 3); within each run the servers alternate (product, flask, node), so a
busy spell on this shared machine hits all three alike and the ratios stay meaningful. Each server is
started fresh for each run of each point. The load average is noted at the start and end of each point.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from bench.servers import ORGANISER_EMAIL, ORGANISER_PASSWORD, ROOT, SERVERS, Running, started

RUNS = int(os.environ.get("BENCH_RUNS", "3"))
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')

# name -> what the swarm does. phones listen; posters post `rate` notes a second for `seconds`.
POINTS: dict[str, dict] = {
    "fanout-1000": {"scenario": "fanout", "phones": 1000, "posters": 5, "rate": 5, "seconds": 8},
    "fanout-2000": {"scenario": "fanout", "phones": 2000, "posters": 5, "rate": 5, "seconds": 8},
    "burst-200x200": {"scenario": "fanout", "phones": 200, "posters": 20, "rate": 200, "seconds": 5},
    "throughput-1000": {"scenario": "fanout", "phones": 10, "posters": 100, "rate": 1000, "seconds": 10},
    "connections-10000": {"scenario": "hold", "phones": 10000, "posters": 0},
    "reconnect-2000": {"scenario": "reconnect", "phones": 2000, "posters": 1},
    # The product only: the same fan-out with nobody exporting, then while a whole-workshop ZIP is built.
    "export-200": {"scenario": "fanout", "phones": 200, "posters": 5, "rate": 5, "seconds": 8, "servers": ["product"]},
}


def demo_of(server: Running) -> dict:
    engine = create_engine(f"sqlite:///{server.instance / 'facilitation.sqlite'}")
    try:
        with engine.connect() as con:
            workshop_id, code = con.execute(text("select id, join_code from workshops order by id limit 1")).one()
            board_id, section_id = con.execute(
                text(
                    "select b.id, s.id from boards b join sections s on s.board_id = b.id "
                    "where b.workshop_id = :w and b.open_to_attendees and b.mode = 'open' "
                    "order by b.position, s.position"
                ),
                {"w": workshop_id},
            ).first()
    finally:
        engine.dispose()
    return {"workshop_id": workshop_id, "code": code, "board_id": board_id, "section_id": section_id}


def join_tokens(server: Running, code: str, count: int) -> list[str]:
    with requests.Session() as http:
        return [
            http.post(f"{server.url}/api/v1/join", json={"code": code}, timeout=30).json()["token"]
            for _ in range(count)
        ]


def swarm_config(point: dict, server: Running) -> dict:
    phones, posters = point["phones"], point["posters"]
    config = {**point, "url": server.url, "pid": server.pid, "tag": uuid.uuid4().hex[:8]}
    if server.name != "product":
        return {**config, "phones": [None] * phones, "posters": [None] * posters, "board_id": 1, "section_id": 1}
    demo = demo_of(server)
    # Holding 10,000 sockets needs no 10,000 joins: a phone may hold several sockets with one token.
    distinct = min(phones, 200) if point["scenario"] == "hold" else phones
    tokens = join_tokens(server, demo["code"], distinct + posters)
    listeners = [{"token": tokens[n % distinct]} for n in range(phones)]
    return {
        **config,
        "phones": listeners,
        "posters": [{"token": token} for token in tokens[distinct:]],
        "board_id": demo["board_id"],
        "section_id": demo["section_id"],
        "workshop_id": demo["workshop_id"],
    }


def run_swarm(config: dict) -> dict:
    # The config travels in a file: 10,000 phones' tokens do not fit in a command line.
    with tempfile.NamedTemporaryFile("w", suffix=".json", prefix="swarm-") as handle:
        json.dump(config, handle)
        handle.flush()
        done = subprocess.run(
            ["node", str(ROOT / "bench" / "swarm.mjs"), handle.name],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=900,
        )
    if done.returncode != 0:
        return {"error": done.stderr.strip()[:1500]}  # the message and the top of its stack
    return json.loads(done.stdout.strip().splitlines()[-1])


class ExportLoop:
    """An organiser downloading the whole-workshop ZIP again and again while the room is live."""

    def __init__(self, server: Running, workshop_id: int):
        self.url = f"{server.url}/api/v1/workshops/{workshop_id}/exports/zip"
        self.http = requests.Session()
        login = f"{server.url}/organiser/login"
        token = CSRF_FIELD.search(self.http.get(login, timeout=30).text).group(1)
        form = {"email": ORGANISER_EMAIL, "password": ORGANISER_PASSWORD, "csrf_token": token}
        self.http.post(login, data=form, timeout=30).raise_for_status()
        self.stop = threading.Event()
        self.seconds: list[float] = []
        self.thread = threading.Thread(target=self.loop, daemon=True)

    def loop(self) -> None:
        while not self.stop.is_set():
            began = time.perf_counter()
            response = self.http.get(self.url, timeout=120)
            if response.status_code == 200 and response.content[:2] == b"PK":
                self.seconds.append(round(time.perf_counter() - began, 2))

    def __enter__(self):
        self.thread.start()
        time.sleep(0.5)
        return self

    def __exit__(self, *_exc):
        self.stop.set()
        self.thread.join(timeout=120)
        self.http.close()


def run_point(name: str) -> dict:
    point = dict(POINTS[name])
    servers = point.pop("servers", list(SERVERS))
    result: dict = {"point": name, "config": point, "load_before": os.getloadavg(), "runs": []}
    for run in range(RUNS):
        for server_name in servers:
            print(f"  {name} run {run + 1}/{RUNS}: {server_name}", flush=True)
            with started(server_name) as server:
                config = swarm_config(point, server)
                if name == "export-200":
                    idle = run_swarm(config)
                    with ExportLoop(server, config["workshop_id"]) as exports:
                        busy = run_swarm({**config, "tag": uuid.uuid4().hex[:8]})
                    outcome = {"idle": idle, "exporting": busy, "export_seconds": exports.seconds}
                else:
                    outcome = run_swarm(config)
            result["runs"].append({"run": run + 1, "server": server_name, **outcome})
    result["load_after"] = os.getloadavg()
    return result


def save(results: list[dict], directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{time.strftime('%Y-%m-%d', time.gmtime())}.json"
    previous = json.loads(path.read_text()) if path.exists() else {}
    previous.update({r["point"]: r for r in results})
    path.write_text(json.dumps(previous, indent=2) + "\n")
    return path
