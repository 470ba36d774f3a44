"""The HTTP plumbing over raw sockets: keep-alive, malformed requests, clients that leave."""

from __future__ import annotations

import http.client
import json
import re

import httpx
import pytest

from audience_desktop.core import aep
from audience_desktop.localserver import LocalAepServer
from tests.localserver.helpers import BODY, CREATE_PATH, port_of, raw_exchange


def test_keep_alive_reuses_the_connection_after_a_refused_body(server: LocalAepServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port_of(server), timeout=5)
    try:
        # Refused before the body matters (no token): the body must still be consumed.
        conn.request(
            "POST",
            CREATE_PATH + "?createAudienceMetaOnly=true",
            body=json.dumps(BODY),
            headers={"Content-Type": "application/json"},
        )
        first = conn.getresponse()
        assert json.loads(first.read())["error_code"] == aep.GW_TOKEN_MISSING
        assert first.getheader("Content-Length")
        sock = conn.sock
        conn.request("GET", "/__local__/audiences", headers=server.control_headers)
        second = conn.getresponse()
        assert second.status == 200
        assert json.loads(second.read()) == {"audiences": []}
        assert conn.sock is sock
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        pytest.param(b"HELLO THERE HTTP/1.1 X\r\n\r\n", 400, id="garbage-request-line"),
        pytest.param(
            b"POST /core/ais/audiences HTTP/1.1\r\nHost: HOST\r\nContent-Length: abc\r\n\r\n",
            400,
            id="bad-content-length",
        ),
        pytest.param(
            b"POST /core/ais/audiences HTTP/1.1\r\nHost: HOST\r\nContent-Length: 99999999\r\n\r\n",
            413,
            id="huge-content-length",
        ),
        pytest.param(
            b"POST /core/ais/audiences HTTP/1.1\r\nHost: HOST\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"2\r\n{}\r\n0\r\n\r\n",
            411,
            id="chunked",
        ),
    ],
)
def test_malformed_requests_are_answered_and_the_connection_closed(
    server: LocalAepServer, capfd: pytest.CaptureFixture[str], payload: bytes, status: int
) -> None:
    answer = raw_exchange(server, payload)
    assert re.match(rb"HTTP/1\.[01] %d " % status, answer)
    assert (
        httpx.get(
            server.url + "/__local__/faults", headers=server.control_headers, timeout=5
        ).status_code
        == 200
    )
    assert capfd.readouterr().err == ""


def test_a_client_leaving_mid_body_does_not_hurt_the_server(
    server: LocalAepServer, capfd: pytest.CaptureFixture[str]
) -> None:
    payload = b"POST /core/ais/audiences HTTP/1.1\r\nHost: HOST\r\nContent-Length: 100\r\n\r\n{"
    assert raw_exchange(server, payload, half_close=True) == b""
    assert (
        httpx.get(
            server.url + "/__local__/faults", headers=server.control_headers, timeout=5
        ).status_code
        == 200
    )
    assert capfd.readouterr().err == ""
