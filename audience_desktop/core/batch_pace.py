"""The batch's pace: how fast and how many at once, adapted to throttling (AIMD).

Adobe's 429s usually carry no ``Retry-After``, so the pace is found, not told: it starts
modestly, doubles each second while nothing is refused (slow start), then grows by one
create per second; a refusal cuts it by a tenth (at most once a second, since one burst
brings several). Concurrency follows the pace: enough sends in flight to keep it with the
latency seen (``rate x latency``, with room), never more than the workers.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque

START_RATE = 5.0  # creates per second before anything is known
MIN_RATE = 0.5
DECREASE = 0.9  # a refusal keeps this share of the pace
HOLD = 1.0  # seconds between two decreases: one burst's refusals count once


class Pace:
    """Shared by the workers: ``acquire`` before a send, ``done`` after, ``throttled`` on 429."""

    def __init__(self, max_rate: float | None = None, max_workers: int = 16) -> None:
        self.max_rate = max_rate if max_rate and max_rate > 0 else 1000.0
        self.max_workers = max_workers
        self.rate = min(START_RATE, self.max_rate)
        self._slow_start = True
        self._latency = 0.2  # seconds a send takes (moving average)
        self._next = time.monotonic()
        self._in_flight = 0
        self._last_cut = 0.0
        self._cond = threading.Condition()
        self._finished: deque[float] = deque()  # times of recent completed sends

    @property
    def concurrency(self) -> int:
        """How many sends may be in flight: the pace times the latency, with room."""
        wanted = math.ceil(self.rate * self._latency * 1.5) + 1
        return max(1, min(self.max_workers, wanted))

    def acquire(self, stop: threading.Event, paused: threading.Event) -> float | None:
        """Wait for a slot (in flight and in time); its start time, or None when stopped."""
        with self._cond:
            while True:
                if stop.is_set():
                    return None
                now = time.monotonic()
                if paused.is_set() or self._in_flight >= self.concurrency:
                    self._cond.wait(0.1)
                    continue
                if now < self._next:
                    self._cond.wait(self._next - now)
                    continue
                self._next = max(self._next, now - 1.0 / self.rate) + 1.0 / self.rate
                self._in_flight += 1
                return now

    def done(self, started: float, sent: bool) -> None:
        """A send ended (``sent``: it reached the server); grow the pace while unrefused."""
        now = time.monotonic()
        with self._cond:
            self._in_flight -= 1
            if sent:
                self._latency = 0.8 * self._latency + 0.2 * (now - started)
                self._finished.append(now)
                increase = 1.0 if self._slow_start else 1.0 / max(self.rate, 1.0)
                self.rate = min(self.max_rate, self.rate + increase)
            self._cond.notify_all()

    def throttled(self) -> None:
        """A 429: slow down (once per burst), and leave slow start.

        The pace drops by a tenth, and at least to what the server accepted over the last
        two seconds: after a slow start's overshoot, that is the server's own limit.
        """
        now = time.monotonic()
        accepted = self.measured_rate(window=2.0)
        with self._cond:
            self._slow_start = False
            if now - self._last_cut >= HOLD:
                self._last_cut = now
                cut = self.rate * DECREASE
                if accepted > 0:
                    cut = min(cut, accepted)
                self.rate = max(MIN_RATE, cut)
                self._next = max(self._next, now + 1.0 / self.rate)

    def measured_rate(self, window: float = 10.0) -> float:
        """Sends completed per second over the last ``window`` seconds."""
        now = time.monotonic()
        with self._cond:
            while self._finished and self._finished[0] < now - window:
                self._finished.popleft()
            if len(self._finished) < 2:
                return 0.0
            span = max(now - self._finished[0], 1e-3)
            return len(self._finished) / span

    def wake(self) -> None:
        """Wake waiting workers (pause lifted, stop asked)."""
        with self._cond:
            self._cond.notify_all()
