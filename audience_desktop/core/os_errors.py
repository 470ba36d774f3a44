"""What an operating-system error means, in the user's language.

``strerror`` is the C library's English ("No such file or directory", whatever the user's
language): the errors a person can act on get the app's own words, translated; the rest keep
the system's.
"""

from __future__ import annotations

import errno

from audience_desktop.core.messages import Message, msg

_REASONS = {
    errno.ENOENT: "os.not_found",
    errno.EACCES: "os.denied",
    errno.EPERM: "os.denied",
    errno.EISDIR: "os.is_folder",
    errno.ENOTDIR: "os.not_folder",
    errno.ENOSPC: "os.no_space",
    errno.EDQUOT: "os.no_space",
    errno.EROFS: "os.read_only",
    errno.ENAMETOOLONG: "os.name_too_long",
    errno.EEXIST: "os.exists",
}


def os_reason(error: BaseException) -> Message:
    """Why ``error`` happened, as a message (rendered in the language of the moment)."""
    if isinstance(error, OSError) and error.errno in _REASONS:
        return msg(_REASONS[error.errno])
    if isinstance(error, OSError) and error.strerror:
        return msg("os.other", reason=error.strerror)
    return msg("os.other", reason=str(error) or type(error).__name__)
