"""Reading a sandbox's audiences off the GUI thread, a page at a time, cached per sandbox.

Its own lane ("sandbox"), not the window's network lane: a 5,000-audience listing takes 50
requests, and a create queued behind it would wait for all of them (and a listing behind a
create stuck for its read timeout would show nothing for a minute). Reading changes nothing,
so it needs no ordering with creates; deletes, which write, stay on the network lane.

One task per listing reports each page as it arrives (``progress``); the GUI thread appends
it to the listing it belongs to, so a page that arrives after the user moved on (another
search, another profile) lands in its own cache entry, never in the rows shown.

The reader reads the next page only once the window has shown this one (``Listing.shown``,
which the receiver of ``page_added`` sets after the repaint the page caused: ``PaintTurns``).
Reading a page is Python work (the HTTP answer, its JSON, 100 audiences checked and masked:
7-10 ms holding the GIL), and so is painting it (the model's ``data()`` for each visible cell,
hundreds of calls). Done at the same time, the GUI thread waits for the GIL at every call and
a paint stalls for as long as the reading: 30-130 ms at 5,000 audiences (a fixed 8 ms pause
after each page, before this, left 15-30 ms). In turns, the window paints while the reader
waits and the reader reads while the window is idle; nor can pages pile up in the event queue.

On Linux the reader's thread also runs at a lower priority (``tasks.yield_cores``): on a laptop's
few busy cores, the window's thread then gets a core first (10-11 ms stalls instead of 16).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QAbstractScrollArea

from audience_desktop.ui.tasks import Lane, Task, yield_cores

if TYPE_CHECKING:  # the sandbox's model loads with the first listing, not at start-up
    from audience_desktop.application import AudiencePage, Profile, SandboxAudience, Workspace

Key = tuple[str, str]  # (profile name, sandbox)

# How long the reader waits for the window to show a page before reading on regardless: a
# turn that never comes (a shut-down lane drops pages) costs this much, never a hang.
SHOWN_WAIT = 1.0
# How long the window waits for the repaint a page asked for before handing the turn back
# anyway: a page added below the visible rows may repaint nothing at all.
PAINT_WAIT_MS = 100


def key_of(profile: Profile) -> Key:
    return (profile.name, profile.sandbox)


@dataclass(eq=False)
class Listing:
    """One sandbox's audiences as last read, for one search text."""

    key: Key
    search: str
    audiences: list[SandboxAudience] = field(default_factory=list)
    as_of: datetime | None = None  # when the reading started (local time)
    total: int | None = None  # the server's count, once the first page said it
    done: bool = False
    incomplete: bool = False  # cut short by the server, or stopped before the end
    problem: BaseException | None = None
    task: Task[int] | None = None
    # Set once the window has shown the last page handed over: the reader's turn again.
    shown: threading.Event = field(default_factory=threading.Event)

    def loading(self) -> bool:
        return self.task is not None and not self.done


class SandboxListings(QObject):
    """The cache of listings, and the lane that fills them.

    Signals:
        page_added(Listing, list): a page of audiences was added to the listing; the
            receiver sets the listing's ``shown`` once it is on screen (or at once).
        changed(Listing): a listing started, ended, failed or stopped.
    """

    page_added = Signal(object, object)
    changed = Signal(object)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.lane = Lane("sandbox", self)
        self._cache: dict[Key, Listing] = {}

    def cached(self, profile: Profile) -> Listing | None:
        return self._cache.get(key_of(profile))

    def load(self, profile: Profile, search: str) -> Listing:
        """Read the sandbox again (every page); loads of other sandboxes are stopped, as
        the lane runs one at a time: they keep what they had, marked incomplete."""
        for listing in self._cache.values():
            if listing.loading():
                self.stop(listing)
        listing = self._cache[key_of(profile)] = Listing(
            key_of(profile), search.strip(), as_of=datetime.now().astimezone()
        )
        task = self.lane.submit(partial(_read, self._workspace.list_audiences, profile,
                                        listing.search or None, listing.shown),
                                pass_cancel=True, pass_progress=True)  # fmt: skip
        listing.task = task
        task.progress.connect(partial(self._on_page, listing))
        task.succeeded.connect(partial(self._on_done, listing))
        task.failed.connect(partial(self._on_failed, listing))
        self.changed.emit(listing)
        return listing

    def stop(self, listing: Listing) -> None:
        if listing.loading() and listing.task is not None:
            listing.task.cancel()
            listing.shown.set()  # the reader waiting for its turn sees the cancel now
            listing.done = listing.incomplete = True
            self.changed.emit(listing)

    def forget(self, listing: Listing, audience_id: str | None) -> None:
        """A deleted audience leaves the cached listing."""
        listing.audiences = [a for a in listing.audiences if a.id != audience_id]

    def shutdown(self) -> None:
        for listing in self._cache.values():
            listing.shown.set()
        self.lane.shutdown(timeout=0.5)

    def _on_page(self, listing: Listing, page: AudiencePage) -> None:
        if listing.done:  # stopped: what arrives after that is not shown
            listing.shown.set()
            return
        listing.audiences.extend(page.audiences)
        listing.total = page.total if page.total is not None else listing.total
        listing.incomplete = listing.incomplete or page.cut_short
        self.page_added.emit(listing, page.audiences)

    def _on_done(self, listing: Listing, _count: object) -> None:
        if not listing.done:
            listing.done = True
            self.changed.emit(listing)

    def _on_failed(self, listing: Listing, error: BaseException) -> None:
        if not listing.done:
            listing.done = True
            listing.problem = error
            self.changed.emit(listing)


class PaintTurns(QObject):
    """Gives the reader its turn back once ``view`` has painted the page just added: after the
    viewport's next paint, at once when it will not paint (hidden, minimised), and after
    ``PAINT_WAIT_MS`` at the latest. Watches the viewport only while a turn is waiting."""

    def __init__(self, view: QAbstractScrollArea) -> None:
        super().__init__(view)
        self._view = view
        self._waiting: list[threading.Event] = []
        self._latest = QTimer(self)
        self._latest.setSingleShot(True)
        self._latest.setInterval(PAINT_WAIT_MS)
        self._latest.timeout.connect(self._release)

    def after_paint(self, turn: threading.Event) -> None:
        handle = self._view.window().windowHandle()
        if not (self._view.isVisible() and handle is not None and handle.isExposed()):
            turn.set()
            return
        if not self._waiting:
            self._view.viewport().installEventFilter(self)
            self._latest.start()
        self._waiting.append(turn)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._waiting:
            QTimer.singleShot(0, self, self._release)  # queued: once this paint is done
        return False

    def _release(self) -> None:
        if self._waiting:
            self._view.viewport().removeEventFilter(self)
            self._latest.stop()
            for turn in self._waiting:
                turn.set()
            self._waiting.clear()


def _read(
    list_audiences: Callable[..., Any],
    profile: Profile,
    name: str | None,
    shown: threading.Event,
    cancel: threading.Event,
    progress: Callable[[AudiencePage], None],
) -> int:
    """On the lane: hand each page over as it arrives, and read the next once it is shown
    (see the module's docstring); the number read."""
    yield_cores()
    count = 0
    for page in list_audiences(profile, name, cancel=cancel):
        shown.clear()
        progress(page)
        count += len(page.audiences)
        shown.wait(SHOWN_WAIT)
    return count
