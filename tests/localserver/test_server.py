"""LocalAepServer's lifecycle: fast start, prompt and final stop, serve_forever, latency."""

from __future__ import annotations

import _thread
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from audience_desktop.localserver import Fault, LocalAepServer, ServerConfig
from tests.localserver.helpers import create, mint


def test_start_is_fast_and_serves_at_once() -> None:
    started = time.perf_counter()
    srv = LocalAepServer(ServerConfig.demo()).start()
    elapsed = time.perf_counter() - started
    try:
        assert elapsed < 0.2
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", srv.url)
        assert srv.ims_url == srv.url + "/ims/token/v3"
        assert (
            httpx.get(
                srv.url + "/__local__/faults", headers=srv.control_headers, timeout=5
            ).status_code
            == 200
        )
    finally:
        srv.stop()


def test_import_pulls_in_neither_httpx_nor_qt() -> None:
    code = (
        "import sys\n"
        "from audience_desktop.localserver.server import LocalAepServer, ServerConfig\n"
        "LocalAepServer(ServerConfig.demo()).start().stop()\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('httpx', 'PySide6', 'shiboken6')]\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert result.stdout.strip() == "[]"
    assert result.stderr == ""


def test_the_package_exports_what_the_server_module_exports() -> None:
    import audience_desktop.localserver as package
    from audience_desktop.localserver import server

    assert package.__all__ == server.__all__
    for name in server.__all__:
        assert getattr(package, name) is getattr(server, name)


def test_stop_is_idempotent_and_final() -> None:
    srv = LocalAepServer(ServerConfig.demo()).start()
    url = srv.url
    srv.stop()
    srv.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/__local__/faults", timeout=2)
    with pytest.raises(RuntimeError):
        srv.start()
    never_started = LocalAepServer(ServerConfig.demo())
    never_started.stop()
    never_started.stop()


def test_serve_forever_returns_on_stop() -> None:
    srv = LocalAepServer(ServerConfig.demo())
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    assert (
        httpx.get(srv.url + "/__local__/faults", headers=srv.control_headers, timeout=5).status_code
        == 200
    )
    started = time.perf_counter()
    srv.stop()
    thread.join(timeout=2)
    assert not thread.is_alive()
    assert time.perf_counter() - started < 1.0


def test_serve_forever_returns_on_keyboard_interrupt() -> None:
    # A shell's background job inherits SIGINT ignored, and interrupt_main() then does
    # nothing: install Python's own handler for the duration of the test.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        srv = LocalAepServer(ServerConfig.demo())
        timer = threading.Timer(0.2, _thread.interrupt_main)
        timer.start()
        started = time.perf_counter()
        srv.serve_forever()  # must return, not raise
        assert time.perf_counter() - started < 3
        timer.join()
    finally:
        signal.signal(signal.SIGINT, previous)
    with pytest.raises(httpx.ConnectError):
        httpx.get(srv.url + "/__local__/faults", timeout=2)


def test_latency_is_added_to_every_answer() -> None:
    with LocalAepServer(ServerConfig.demo(latency=0.2)) as srv:
        started = time.perf_counter()
        assert (
            httpx.get(
                srv.url + "/__local__/faults", headers=srv.control_headers, timeout=5
            ).status_code
            == 200
        )
        assert time.perf_counter() - started >= 0.2


def test_hang_times_out_the_client_and_stop_stays_prompt() -> None:
    srv = LocalAepServer(ServerConfig.demo()).start()
    try:
        with httpx.Client(base_url=srv.url, timeout=httpx.Timeout(5.0, read=0.3)) as api:
            token = mint(api).json()["access_token"]
            srv.inject(Fault.hang(5))
            with pytest.raises(httpx.ReadTimeout):
                create(api, token)
    finally:
        started = time.perf_counter()
        srv.stop()
        assert time.perf_counter() - started < 1.0
    assert srv.audiences("prod") == []
    assert srv.errors == []


def test_stop_cuts_a_request_that_is_still_hanging() -> None:
    srv = LocalAepServer(ServerConfig.demo()).start()
    outcome: list[BaseException | httpx.Response] = []
    with httpx.Client(base_url=srv.url, timeout=10) as api:
        token = mint(api).json()["access_token"]
        srv.inject(Fault.hang(30))

        def call() -> None:
            try:
                outcome.append(create(api, token))
            except httpx.HTTPError as exc:
                outcome.append(exc)

        caller = threading.Thread(target=call)
        caller.start()
        deadline = time.monotonic() + 5
        while not srv.create_requests() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.05)  # let the handler reach its sleep
        started = time.perf_counter()
        srv.stop()
        assert time.perf_counter() - started < 1.0
        caller.join(timeout=2)
    assert not caller.is_alive()
    [result] = outcome
    assert isinstance(result, (httpx.RemoteProtocolError, httpx.ReadError))
