"""Lanes and tasks: typed results on the GUI thread, failures, cancellation, independence."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Slot
from pytestqt.qtbot import QtBot

from audience_desktop.ui.tasks import BACKGROUND_NICE, CancelledError, Lane, Lanes


class Receiver(QObject):
    """Bound slots, as the window's parts use them; records what arrived and where."""

    def __init__(self) -> None:
        super().__init__()
        self.values: list[object] = []
        self.errors: list[BaseException] = []
        self.threads: list[str] = []

    @Slot(object)
    def got(self, value: object) -> None:
        self.values.append(value)
        self.threads.append(threading.current_thread().name)

    @Slot(object)
    def failed(self, error: BaseException) -> None:
        self.errors.append(error)


@pytest.fixture
def lanes(qtbot: QtBot) -> Iterator[Lanes]:
    created = Lanes()
    yield created
    assert created.shutdown(network_timeout=5.0)


def test_a_task_delivers_its_own_result_on_the_gui_thread(qtbot: QtBot, lanes: Lanes) -> None:
    receiver = Receiver()
    task = lanes.local.submit(sum, [1, 2, 3])
    task.succeeded.connect(receiver.got)
    with qtbot.waitSignal(task.finished):
        pass
    assert receiver.values == [6]
    assert receiver.threads == [threading.main_thread().name]
    assert task.done


def test_a_failure_arrives_as_the_exception(qtbot: QtBot, lanes: Lanes) -> None:
    receiver = Receiver()

    def broken() -> None:
        raise LookupError("no such row")

    task = lanes.network.submit(broken)
    task.succeeded.connect(receiver.got)
    task.failed.connect(receiver.failed)
    with qtbot.waitSignal(task.finished):
        pass
    assert receiver.values == []
    assert [str(e) for e in receiver.errors] == ["no such row"]


def test_each_task_gets_its_own_cancel_event(qtbot: QtBot, lanes: Lanes) -> None:
    """A queued task cancelled before it starts never runs; the running one sees its event."""
    started = threading.Event()
    seen: list[bool] = []

    def wait_for_cancel(cancel: threading.Event) -> str:
        started.set()
        seen.append(cancel.wait(5))
        return "stopped"

    receiver = Receiver()
    first = lanes.network.submit(wait_for_cancel, pass_cancel=True)
    second = lanes.network.submit(wait_for_cancel, pass_cancel=True)
    second.failed.connect(receiver.failed)
    first.succeeded.connect(receiver.got)
    assert started.wait(5)
    second.cancel()
    first.cancel()
    with qtbot.waitSignals([first.finished, second.finished]):
        pass
    assert seen == [True]  # only the first ran
    assert receiver.values == ["stopped"]
    assert isinstance(receiver.errors[0], CancelledError)


def test_lanes_do_not_wait_for_each_other(qtbot: QtBot, lanes: Lanes) -> None:
    """A network call blocked for its whole read timeout holds up neither Save nor Test."""
    release = threading.Event()
    blocked = lanes.network.submit(release.wait, 10)
    for lane in (lanes.local, lanes.checks, lanes.background):
        task = lane.submit(str, lane.name)
        with qtbot.waitSignal(task.succeeded, timeout=2000) as signal:
            pass
        assert signal.args == [lane.name]
    assert not blocked.done
    release.set()
    with qtbot.waitSignal(blocked.finished):
        pass


def test_shutdown_abandons_a_blocked_call_and_delivers_nothing(qtbot: QtBot) -> None:
    lane = Lane("network")
    started, release = threading.Event(), threading.Event()

    def blocked_read() -> bool:
        started.set()
        return release.wait(10)

    task = lane.submit(blocked_read)
    assert started.wait(5)
    receiver = Receiver()
    task.succeeded.connect(receiver.got)
    assert lane.shutdown(timeout=0.1) is False  # still blocked: abandoned, not waited for
    assert task.cancel_event.is_set()
    release.set()
    lane._thread.join(5)  # type: ignore[union-attr]
    qtbot.wait(50)
    assert receiver.values == []
    with pytest.raises(RuntimeError):
        lane.submit(str, "after shutdown")


def test_a_lane_starts_its_thread_only_when_used() -> None:
    lanes = Lanes()
    names = {t.name for t in threading.enumerate()}
    assert not any(name.startswith("audience-") for name in names)
    assert lanes.shutdown()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread niceness: Linux")
def test_a_batch_and_the_senders_it_starts_step_back_for_the_window() -> None:
    """The batch's sender threads contend with the window for the GIL and the cores: they
    inherit the batch lane's lower priority (Linux threads inherit it when started)."""
    from audience_desktop.ui.batch_run import _run

    seen: list[int] = []

    class Workspace:
        def run_batch(self, *args: object) -> None:
            def send() -> None:
                seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

            sender = threading.Thread(target=send)
            sender.start()
            sender.join()

    lane = threading.Thread(target=_run, args=(Workspace(), None, None, None, print))
    lane.start()
    lane.join()
    process = os.getpriority(os.PRIO_PROCESS, os.getpid())
    assert seen == [min(19, process + BACKGROUND_NICE)]
