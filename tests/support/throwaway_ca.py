"""A throwaway certificate authority and a TLS-inspecting CONNECT proxy on 127.0.0.1.

The proxy does what a company's inspection box does: it answers CONNECT, then presents a
certificate for the requested host signed by its own CA, decrypts, and passes the plain
HTTP on (here to a server on 127.0.0.1). Host names are resolved by the proxy alone, from
its own table, so the client cannot reach them without it. Nothing leaves this computer.
"""

from __future__ import annotations

import contextlib
import datetime
import socket
import ssl
import threading
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests.support.acceptor import LoopbackAcceptor


@dataclass
class ThrowawayCA:
    """A CA made for one test: its PEM file can be trusted (or not) through SSL_CERT_FILE."""

    folder: Path
    name: str = "Throwaway Inspection CA"

    def __post_init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, self.name)])
        now = datetime.datetime.now(datetime.timezone.utc)
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True, content_commitment=False, key_encipherment=False,
                    data_encipherment=False, key_agreement=False, key_cert_sign=True,
                    crl_sign=True, encipher_only=False, decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()), critical=False
            )
            .sign(self.key, hashes.SHA256())
        )  # fmt: skip
        self.folder.mkdir(parents=True, exist_ok=True)
        self.pem = self.folder / "throwaway-ca.pem"
        self.pem.write_bytes(self.cert.public_bytes(serialization.Encoding.PEM))

    def server_context(self, host: str) -> ssl.SSLContext:
        """A server-side TLS context presenting a certificate for ``host`` signed by this CA."""
        key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.datetime.now(datetime.timezone.utc)
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)]))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                critical=False,
            )
            .sign(self.key, hashes.SHA256())
        )
        stem = self.folder / host
        cert_file, key_file = stem.with_suffix(".crt"), stem.with_suffix(".key")
        cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_file.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_file, key_file)
        return context


@dataclass
class InspectingProxy:
    """A CONNECT proxy on 127.0.0.1 that terminates TLS with the CA's certificates."""

    ca: ThrowawayCA
    names: dict[str, int]  # host name -> port on 127.0.0.1 that serves it in plain HTTP
    connects: list[str] = field(default_factory=list)  # "host:port" of every CONNECT
    stopped: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._contexts = {host: self.ca.server_context(host) for host in self.names}
        self._acceptor = LoopbackAcceptor(self._tunnel, self.stopped, backlog=16)
        self.url = f"http://127.0.0.1:{self._acceptor.port}"

    def __enter__(self) -> InspectingProxy:
        self._acceptor.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._acceptor.stop()

    def _tunnel(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        upstream: socket.socket | None = None
        try:
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 16384:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                head += chunk
            method, target, *_ = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
            self.connects.append(target)
            host = target.rsplit(":", 1)[0]
            if method != "CONNECT" or host not in self.names:
                conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                return
            conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            tls = self._contexts[host].wrap_socket(conn, server_side=True)
            conn = tls
            upstream = socket.create_connection(("127.0.0.1", self.names[host]), timeout=5)
            self._relay(tls, upstream)
        except (OSError, ValueError):
            pass  # a refused handshake (the untrusted case) ends here
        finally:
            for sock in (conn, upstream):
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.close()

    def _relay(self, tls: ssl.SSLSocket, upstream: socket.socket) -> None:
        """Pass bytes both ways until either side closes (bounded by stop and timeouts)."""

        def pump(source: socket.socket, sink: socket.socket) -> None:
            source.settimeout(0.5)
            while not self.stopped.is_set():
                try:
                    data = source.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    data = b""
                if not data:
                    with contextlib.suppress(OSError):
                        socket.socket.shutdown(sink, socket.SHUT_WR)
                    return
                try:
                    sink.sendall(data)
                except OSError:
                    return

        back = threading.Thread(target=pump, args=(upstream, tls), daemon=True)
        back.start()
        pump(tls, upstream)
        back.join(30)
