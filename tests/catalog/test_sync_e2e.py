"""End to end: the real CLI syncs from a local Bedrock control-plane server on 127.0.0.1, then scans with it.

The server answers the REST paths botocore calls (GET /foundation-models, /foundation-models/{id},
/inference-profiles); the CLI reaches it through AWS_ENDPOINT_URL_BEDROCK with dummy credentials.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "fixtures" / "sync" / "app"


def epoch(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc).timestamp()


MODELS = [
    {
        "modelArn": "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0",
        "modelId": "amazon.nova-pro-v1:0",
        "modelName": "Nova Pro",
        "providerName": "Amazon",
        "modelLifecycle": {
            "status": "LEGACY",
            "legacyTime": epoch("2026-11-20"),
            "publicExtendedAccessTime": epoch("2027-02-20"),
            "endOfLifeTime": epoch("2027-05-20"),
        },
    },
    {
        "modelArn": "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0",
        "modelId": "amazon.titan-embed-text-v2:0",
        "modelName": "Titan Text Embeddings V2",
        "providerName": "Amazon",
        "modelLifecycle": {"status": "ACTIVE"},
    },
]
PROFILES = [
    [
        {
            "inferenceProfileName": "US Nova Pro",
            "inferenceProfileId": "us.amazon.nova-pro-v1:0",
            "status": "ACTIVE",
            "type": "SYSTEM_DEFINED",
            "inferenceProfileArn": "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.amazon.nova-pro-v1:0",
            "models": [{"modelArn": "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0"}],
        }
    ],
    [],
]


class Handler(BaseHTTPRequestHandler):
    calls: list[str] = []

    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        Handler.calls.append(url.path)
        if "Authorization" not in self.headers:
            return self._send(403, {"message": "unsigned request"})
        if url.path == "/foundation-models":
            return self._send(200, {"modelSummaries": MODELS})
        if url.path.startswith("/foundation-models/"):
            return self._send(404, {"message": "not found"})
        if url.path == "/inference-profiles":
            token = parse_qs(url.query).get("nextToken", [None])[0]
            page = 1 if token == "p2" else 0
            body = {"inferenceProfileSummaries": PROFILES[page]}
            if page == 0:
                body["nextToken"] = "p2"
            return self._send(200, body)
        return self._send(404, {"message": "no such path"})


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.calls = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _env(endpoint, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ENDPOINT_URL_BEDROCK=endpoint,
        AWS_ACCESS_KEY_ID="AKIDTEST",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_REGION="us-east-1",
        AWS_CONFIG_FILE=str(tmp_path / "none"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"),
        AWS_EC2_METADATA_DISABLED="true",
        AWS_MAX_ATTEMPTS="1",
    )
    return env


def _cli():
    exe = shutil.which("bedrock-lifecycle", path=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    assert exe, "console script not installed"
    return exe


def test_sync_from_local_server_then_scan(server, tmp_path):
    out = tmp_path / "synced.json"
    env = _env(server, tmp_path)
    proc = subprocess.run(
        [_cli(), "catalog", "sync", "--region", "us-east-1", "--output", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "wrote" in proc.stdout and "1 Region(s) (us-east-1)" in proc.stdout
    assert Handler.calls.count("/inference-profiles") == 2  # two pages
    doc = json.loads(out.read_text())
    assert doc["sync_regions"] == ["us-east-1"] and doc["botocore_version"]

    def failed(catalog_args):
        proc = subprocess.run(
            [_cli(), "scan", str(APP), "-o", "json", "--as-of", "2026-11-25", *catalog_args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        return {(r["check_id"], r["bedrock"]["model_id"]) for r in json.loads(proc.stdout)["results"]["failed_checks"]}

    assert failed([]) == set()  # the embedded catalog: Nova Pro is Active
    assert failed(["--catalog", str(out)]) == {("BRL_003", "amazon.nova-pro-v1:0")}  # newly Legacy per the API


def test_sync_failure_leaves_the_file_alone(server, tmp_path):
    out = tmp_path / "synced.json"
    embedded = ROOT / "src" / "bedrock_lifecycle" / "catalog" / "data" / "catalog.json"
    out.write_bytes(embedded.read_bytes())
    env = _env(server, tmp_path)
    env.pop("AWS_ACCESS_KEY_ID")
    env.pop("AWS_SECRET_ACCESS_KEY")
    proc = subprocess.run(
        [_cli(), "catalog", "sync", "--region", "us-east-1", "--output", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "us-east-1: no AWS credentials" in proc.stderr and "unchanged" in proc.stderr
    assert out.read_bytes() == embedded.read_bytes()
