"""A built-in AEP-compatible server on 127.0.0.1: the demo's backend and the tests' real HTTP peer.

Layers, each its own module: ``httpd`` (HTTP plumbing, knows nothing about AEP),
``shapes`` (AEP and IMS answers, served paths), ``config`` (what is accepted, the demo
credential), ``faults`` (failures to inject), ``fake_aep`` (state and routes) and
``server`` (``LocalAepServer``: the lifecycle composing them).

The public API is re-exported here, so callers write ``from audience_desktop.localserver
import LocalAepServer``; ``server.__all__`` is the one list of it.
"""

from audience_desktop.localserver import server
from audience_desktop.localserver.server import *  # noqa: F403

__all__ = server.__all__
