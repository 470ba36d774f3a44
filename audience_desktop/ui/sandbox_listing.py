"""Reading a sandbox's audiences off the GUI thread, a page at a time, cached per sandbox.

Its own lane ("sandbox"), not the window's network lane: a 5,000-audience listing takes 50
requests, and a create queued behind it would wait for all of them (and a listing behind a
create stuck for its read timeout would show nothing for a minute). Reading changes nothing,
so it needs no ordering with creates; deletes, which write, stay on the network lane.

One task per listing reports each page as it arrives (``progress``); the GUI thread appends
it to the listing it belongs to, so a page that arrives after the user moved on (another
search, another profile) lands in its own cache entry, never in the rows shown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from audience_desktop.ui.tasks import Lane, Task

if TYPE_CHECKING:  # the sandbox's model loads with the first listing, not at start-up
    from audience_desktop.application import AudiencePage, Profile, SandboxAudience, Workspace

Key = tuple[str, str]  # (profile name, sandbox)

# After each page the reader pauses, so the GUI thread appends and paints it with the GIL to
# itself. Without it, the reader (parsing the next page) and the GUI thread (calling the
# model's Python methods for every cell it paints) hand the GIL back and forth, each hand-over
# waiting up to the switch interval (5 ms): 50-100 ms stalls at 5,000 audiences. 50 pages
# cost 0.4 s more against the built-in server; against Adobe's round trips, little.
PAGE_PAUSE = 0.008


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

    def loading(self) -> bool:
        return self.task is not None and not self.done


class SandboxListings(QObject):
    """The cache of listings, and the lane that fills them.

    Signals:
        page_added(Listing, list): a page of audiences was added to the listing.
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
                                        listing.search or None),
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
            listing.done = listing.incomplete = True
            self.changed.emit(listing)

    def forget(self, listing: Listing, audience_id: str | None) -> None:
        """A deleted audience leaves the cached listing."""
        listing.audiences = [a for a in listing.audiences if a.id != audience_id]

    def shutdown(self) -> None:
        self.lane.shutdown(timeout=0.5)

    def _on_page(self, listing: Listing, page: AudiencePage) -> None:
        if listing.done:  # stopped: what arrives after that is not shown
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


def _read(
    list_audiences: Callable[..., Any],
    profile: Profile,
    name: str | None,
    cancel: threading.Event,
    progress: Callable[[AudiencePage], None],
) -> int:
    """On the lane: hand each page over as it arrives; the number read."""
    count = 0
    for page in list_audiences(profile, name, cancel=cancel):
        progress(page)
        count += len(page.audiences)
        cancel.wait(PAGE_PAUSE)  # the GUI thread shows the page without competing for the GIL
    return count
