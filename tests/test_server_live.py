"""The real thing: ``brandvoice serve`` as its own process on a loopback port, reloaded by
SIGHUP while requests keep coming, and the review desk driven by Debian's Chromium through
its WebDriver (Selenium; nothing downloaded). Set BRANDVOICE_SCREENSHOTS=DIR to keep the
screenshots (docs/img/ holds the ones in docs/server.md)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT

pytest.importorskip("fastapi", reason="the server extra is not installed")

from test_server import BAD, PASSWORD, auth, write_config

HEADLESS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1280,1100"]
# Stiff on purpose: one highlighted word (Utilise) and one whole-reply finding (formality).
CRITICAL_REPLY = ("@sam We are sorry. Utilise the DM button and send us your order number "
                  "ASAP; furthermore, a senior member of our team shall investigate. -Jo")
LEGAL = "I'm going to sue you, my lawyer will be in touch about this disgrace"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def api(base: str, method: str, path: str, body=None, who: str = "jo"):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json", **auth(who)})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


class ServerProcess:
    def __init__(self, base: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(base / "server.log", "w+", encoding="utf-8")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "brandvoice", "serve", "--port", str(self.port),
             "--db", "sqlite:///reviews.db", "--voices", "voices", "--playbooks", "playbooks",
             "--config", "server.yaml"],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=base,
            env={**os.environ, "BRANDVOICE_FAST_EXIT": "0"})
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/v1/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
            if self.proc.poll() is not None:
                break
        self.log.seek(0)
        raise AssertionError("the server did not start:\n" + self.log.read()[-3000:])

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)
        self.log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    base = tmp_path_factory.mktemp("live")
    shutil.copytree(ROOT / "voices", base / "voices")
    shutil.copytree(ROOT / "playbooks", base / "playbooks")
    write_config(base / "server.yaml")
    proc = ServerProcess(base)
    yield proc, base
    proc.stop()


def test_sighup_reloads_without_dropping_requests(server):
    proc, base = server
    statuses: list[int] = []
    stop = threading.Event()

    def hammer() -> None:
        while not stop.is_set() and len(statuses) < 5000:
            statuses.append(api(proc.url, "POST", "/v1/check",
                                {"text": BAD, "voice": "crumbly"}, "viewer")[0])

    before = api(proc.url, "GET", "/v1/status", who="viewer")[1]["generation"]
    worker = threading.Thread(target=hammer)
    worker.start()
    voice = base / "voices" / "crumbly.yaml"
    good = voice.read_text(encoding="utf-8")
    try:
        voice.write_text(good.replace("voice:", "voice: [", 1), encoding="utf-8")
        proc.proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            status = api(proc.url, "GET", "/v1/status", who="viewer")[1]
            if status["generation"] > before:
                break
            time.sleep(0.2)
        assert status["generation"] > before
        # crumbly-uk.yaml extends crumbly.yaml: both keep their last good version.
        assert {p["file"] for p in status["problems"]} == \
            {"voices/crumbly.yaml", "voices/crumbly-uk.yaml"}
        assert all("serving the version loaded at" in p["message"]
                   for p in status["problems"])
    finally:
        voice.write_text(good, encoding="utf-8")
        proc.proc.send_signal(signal.SIGHUP)
        time.sleep(1)
        stop.set()
        worker.join()
    assert statuses and set(statuses) == {200}, statuses[-20:]
    deadline = time.monotonic() + 60
    while api(proc.url, "GET", "/v1/status", who="viewer")[1]["problems"]:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    proc.log.flush()
    assert "cannot load" in (base / "server.log").read_text(encoding="utf-8")


# The browser ----------------------------------------------------------------------------------


def _browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if chromium is None or driver is None:
        pytest.skip("no Chromium with its WebDriver here (.ci/run installs Debian's chromium "
                    "and chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in HEADLESS:
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(executable_path=driver))


def _shot(browser, tmp_path, name: str) -> Path:
    keep = os.environ.get("BRANDVOICE_SCREENSHOTS")
    folder = Path(keep) if keep else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    # The whole page: the window grows to the document's height first.
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, max(700, min(int(height) + 40, 2400)))
    browser.save_screenshot(str(path))
    browser.set_window_size(1280, 1100)
    assert path.stat().st_size > 10_000
    return path


def test_two_reviewers_in_a_real_browser(server, tmp_path):
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    proc, _base = server

    def replaced(element):
        """Wait until ``element``'s page has been replaced by the next one. Chromium reports
        a node of a page being torn down as stale, or as not in the document: both mean
        gone."""
        def gone(_driver) -> bool:
            try:
                element.is_enabled()
            except WebDriverException:
                return True
            return False

        WebDriverWait(browser, 60).until(gone)
    # The queue: a critical review (two approvals, legal and comms-lead) and a few others.
    status, review = api(proc.url, "POST", "/v1/reviews", {
        "text": CRITICAL_REPLY, "playbook": "crumbly-care", "message": LEGAL}, "jo")
    assert status == 201 and review["approvals_required"] == 2, review
    rid = review["id"]
    api(proc.url, "POST", "/v1/reviews", {"text": BAD, "playbook": "crumbly-care",
                                          "message": "my box never arrived"}, "priya")
    api(proc.url, "POST", "/v1/reviews", {"text": "@sam Thank you! That made our day. -Jo",
                                          "playbook": "crumbly-care",
                                          "message": "love the new flavour, thanks!"}, "jo")
    api(proc.url, "POST", "/v1/guard", {"playbook": "crumbly-care", "draft": "@sam Sorry "
                                        "to hear that! Let me check. -Bot",
                                        "message": "can I speak to a human please, the app "
                                        "charged me twice"}, "bot")
    browser = _browser()
    try:
        def sign_in(name: str) -> None:
            browser.delete_all_cookies()
            browser.get(proc.url + "/queue")
            assert "/login" in browser.current_url
            browser.find_element(By.ID, "username").send_keys(name)
            browser.find_element(By.ID, "password").send_keys(PASSWORD)
            button = browser.find_element(By.CSS_SELECTOR, "button.primary")
            button.click()
            replaced(button)
            WebDriverWait(browser, 60).until(ec.url_matches(r"/queue$"))
            assert f"Signed in as {name}" in browser.find_element(By.CLASS_NAME, "who").text

        def submit(element) -> None:
            """Submit a form and wait for the next page (clicks return before it loads)."""
            page = browser.find_element(By.TAG_NAME, "html")
            element.submit() if element.tag_name == "textarea" else element.click()
            replaced(page)

        def approve() -> str:
            submit(browser.find_element(By.ID, "approve-button"))
            notices = browser.find_elements(By.CSS_SELECTOR, ".notice")
            return " ".join(n.text for n in notices)

        # The author signs in and cannot approve their own reply.
        sign_in("jo")
        browser.get(f"{proc.url}/reviews/{rid}")
        assert "You wrote or edited this reply; someone else must approve it." in browser.page_source
        assert f"jo wrote or edited review {rid}" in approve()

        # First reviewer: finds it in the queue, sees the findings in place, approves.
        sign_in("ana")
        _shot(browser, tmp_path, "server-queue.png")
        submit(browser.find_element(By.CSS_SELECTOR, f'a[href="/reviews/{rid}"]'))
        marks = browser.find_elements(By.CSS_SELECTOR, "#reply-text mark")
        assert [m.text for m in marks] == ["Utilise"]
        assert "hl-warning" in marks[0].get_attribute("class")
        described = marks[0].get_attribute("aria-describedby").split()
        finding = browser.find_element(By.ID, described[0])
        assert "vocabulary.preferred" in finding.text and "Suggestion: Use" in finding.text
        # A whole-reply finding is listed with the YAML rule behind it, quoted from the file.
        formality = next(f for f in browser.find_elements(By.CSS_SELECTOR, "li.finding")
                         if "tone.formality" in f.text)
        assert "Rule: voices/crumbly.yaml:13" in formality.text
        assert "formality" in formality.find_element(By.CSS_SELECTOR, "pre.yaml").text
        _shot(browser, tmp_path, "server-review.png")
        assert "Approval recorded (1 of 2); it needs another approver." in approve()

        # Keyboard: the skip link is the first stop and lands on the main content.
        browser.get(f"{proc.url}/queue")
        from selenium.webdriver.common.keys import Keys

        browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        assert browser.switch_to.active_element.text == "Skip to main content"

        # Second reviewer approves: the playbook's two approvals are met. Then verify.
        sign_in("sol")
        browser.get(f"{proc.url}/reviews/{rid}")
        assert "Approved. The reply is ready to send." in approve()
        box = browser.find_element(By.ID, "verify-text")
        box.send_keys(CRITICAL_REPLY)
        submit(box)
        result = browser.find_element(By.ID, "verify-result").text
        assert result == "OK to send: approved by ana, sol"
        box = browser.find_element(By.ID, "verify-text")
        box.send_keys(CRITICAL_REPLY + " Thanks!")
        submit(box)
        assert browser.find_element(By.ID, "verify-result").text.startswith("Do not send")
    finally:
        browser.quit()
    final = api(proc.url, "GET", f"/v1/reviews/{rid}", who="jo")[1]
    assert final["state"] == "approved"
    assert [(a["approver"], a["role"]) for a in final["approvals"]] == \
        [("ana", "legal"), ("sol", "comms-lead")]
    assert api(proc.url, "GET", "/v1/audit/verify", who="priya")[1]["ok"] is True
