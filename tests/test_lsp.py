"""The language server, through a real LSP exchange over stdio with ``brandvoice lsp``:
initialize, open a broken voice file, receive publishDiagnostics at the right positions; fix
it; check a Markdown reply draft; a quick fix; shutdown and exit."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT

pytest.importorskip("pygls", reason="the language server needs pygls (pip install '.[lsp]')")


class Client:
    """A minimal LSP client: Content-Length framed JSON-RPC over the server's pipes."""

    def __init__(self, cwd: Path) -> None:
        env = {**os.environ, "BRANDVOICE_CONFIG": ""}
        self.proc = subprocess.Popen([sys.executable, "-m", "brandvoice", "lsp", "--stdio"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd, env=env)
        self.inbox: queue.Queue[dict] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.inbox.put(json.loads(out.read(length)))

    def send(self, method: str, params: dict, *, request: bool = False) -> int | None:
        msg: dict = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            msg["id"] = self.next_id
        body = json.dumps(msg).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return msg.get("id")

    def wait(self, pred, timeout: float = 90) -> dict:
        while True:
            msg = self.inbox.get(timeout=timeout)
            if pred(msg):
                return msg

    def request(self, method: str, params: dict) -> dict:
        rid = self.send(method, params, request=True)
        return self.wait(lambda m: m.get("id") == rid and "method" not in m)

    def diagnostics(self, uri: str) -> list[dict]:
        msg = self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                        and m["params"]["uri"] == uri)
        return msg["params"]["diagnostics"]


@pytest.fixture
def client(tmp_path):
    c = Client(tmp_path)
    yield c
    if c.proc.poll() is None:
        c.proc.kill()
    c.proc.wait(timeout=30)


def _open(client: Client, path: Path, text: str, language: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.send("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": language, "version": version, "text": text}})
    return uri


BROKEN_VOICE = """\
voice:
  name: Acme
  version: "1.0"
channels:
  x:
    max_lenght: 280
    sign_off: yes
"""


def test_initialize_and_diagnostics_for_a_broken_voice(client, tmp_path):
    reply = client.request("initialize", {"processId": os.getpid(), "rootUri":
                                          tmp_path.as_uri(), "capabilities": {}})
    caps = reply["result"]["capabilities"]
    assert reply["result"]["serverInfo"]["name"] == "brandvoice"
    assert caps["textDocumentSync"]["openClose"] is True
    assert caps["codeActionProvider"]["codeActionKinds"] == ["quickfix"]
    client.send("initialized", {})

    path = tmp_path / "voices" / "acme.yaml"
    path.parent.mkdir()
    path.write_text("voice: {name: Acme}\n")  # the saved file differs: the buffer wins
    uri = _open(client, path, BROKEN_VOICE, "yaml")
    diags = client.diagnostics(uri)
    got = sorted((d["range"]["start"]["line"], d["range"]["start"]["character"],
                  d["range"]["end"]["character"], d["severity"], d["code"], d["message"])
                 for d in diags)
    assert got[0][:5] == (5, 4, 14, 1, "channels.x.max_lenght")
    assert got[0][5].startswith("channels.x.max_lenght: unknown key 'max_lenght'; did you mean "
                                "'max_length'?")
    assert got[1][:5] == (6, 14, 17, 1, "channels.x.sign_off")
    assert "'true' is not allowed; expected one of required, optional, forbidden" in got[1][5]
    assert len(got) == 2

    # Typing the fix: the diagnostics clear, though the file on disk was never saved.
    fixed = BROKEN_VOICE.replace("max_lenght", "max_length").replace("yes", "required")
    client.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                           "contentChanges": [{"text": fixed}]})
    assert client.diagnostics(uri) == []


def test_failing_examples_and_reply_drafts(client, tmp_path):
    client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    client.send("initialized", {})
    voice = tmp_path / "v.yaml"
    text = ('voice: {name: V, version: "1"}\nexamples:\n'
            '  - text: "We utilized a new courier, kindly be advised. You should have read it!!"\n'
            '    channel: x\n')
    uri = _open(client, voice, text, "yaml")
    [diag] = client.diagnostics(uri)
    assert (diag["range"]["start"], diag["code"]) == ({"line": 2, "character": 4}, "examples[0]")
    assert "tone.blame" in diag["message"]

    draft = tmp_path / "reply.md"
    body = "# Reply to Sam\n\n```\nYou should have read the FAQ!!\n```\n\nWe utilized a new courier.\n"
    uri = _open(client, draft, body, "markdown")
    diags = client.diagnostics(uri)
    rules = {(d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"])
             for d in diags}
    assert ("vocabulary.preferred", 6, 3) in rules
    assert not any(d["code"] == "tone.blame" for d in diags)  # code blocks are not prose
    [preferred] = [d for d in diags if d["code"] == "vocabulary.preferred"]
    assert preferred["range"]["end"] == {"line": 6, "character": 11}
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": preferred["range"],
        "context": {"diagnostics": [preferred]}})["result"]
    assert [a["edit"]["changes"][uri] for a in actions] == [[{
        "range": preferred["range"], "newText": "used"}]]

    # A playbook, edited in place but not saved: the buffer is linted under its real path, so
    # its voice (../voices/crumbly.yaml) and templates still resolve.
    playbook = ROOT / "playbooks" / "crumbly-care.yaml"
    edited = playbook.read_text("utf-8").replace("severity: critical", "severity: critcal", 1)
    line = edited.split("\n").index("    severity: critcal")
    uri = _open(client, playbook, edited, "yaml")
    [diag] = client.diagnostics(uri)
    assert diag["range"]["start"] == {"line": line, "character": 14}
    assert diag["message"] == ("scenarios.allergy.severity: unknown severity 'critcal'; "
                               "defined: critical, high, normal, low")

    client.request("shutdown", {})
    client.send("exit", {})
    assert client.proc.wait(timeout=30) == 0
