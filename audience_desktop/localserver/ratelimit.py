"""The built-in server's create rate limit: a token bucket, as API gateways meter calls.

Beyond the limit a create is answered 429 *without* ``Retry-After``, as Adobe's gateway
usually answers: a client must find its own pace (the batch's adaptive pacing is measured
against this). The bucket holds one second's worth of calls, so a short burst passes.
"""

from __future__ import annotations

import threading
import time


class TokenBucket:
    """``rate`` calls per second on average, bursts of up to ``burst`` calls."""

    def __init__(self, rate: float, burst: float | None = None) -> None:
        self.rate = rate
        self.burst = max(1.0, burst if burst is not None else rate)
        self._tokens = self.burst
        self._stamp = time.monotonic()
        self._lock = threading.Lock()

    def take(self) -> bool:
        """One call: True when it is within the limit (and counted), False when over it."""
        with self._lock:
            now = time.monotonic()
            self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now
            if self._tokens >= 1.0:
                self._tokens -= 1.0
                return True
            return False
