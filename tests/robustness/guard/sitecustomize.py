"""Loaded into every CLI run of the robustness tests (they put this folder on PYTHONPATH).

An audit hook (PEP 578) sees what the scan does at the operating-system
boundary, whatever library does it:

* every file and directory the process opens or lists is written to the log
  (BRL_GUARD_LOG), so a test can prove that nothing outside the scan root was read;
* network, process creation and command execution are refused (the hook raises)
  and logged as FORBIDDEN, so a scan that tried would both fail and be caught;
* paths listed in BRL_GUARD_DENY (os.pathsep-separated) fail with EACCES, which
  simulates a file with permission 000 when the tests run as root (root reads those).
"""

from __future__ import annotations

import errno
import os
import sys

_LOG = os.environ.get("BRL_GUARD_LOG")
_DENY = tuple(os.path.realpath(p) for p in os.environ.get("BRL_GUARD_DENY", "").split(os.pathsep) if p)
_FORBIDDEN = (
    "socket.",
    "subprocess.Popen",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.startfile",
    "pty.spawn",
    "urllib.Request",
    "http.client.",
    "ftplib.",
    "smtplib.",
    "poplib.",
    "imaplib.",
    "nntplib.",
    "telnetlib.",
    "webbrowser.open",
)
_SEEN = ("open", "os.scandir", "os.listdir", "os.fork")


def _install() -> None:
    fd = os.open(_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644) if _LOG else None

    def log(line: str) -> None:
        if fd is not None:
            os.write(fd, (line.replace("\n", "\\n") + "\n").encode("utf-8", "backslashreplace"))

    def denied(path: object) -> bool:
        if not _DENY or not isinstance(path, (str, bytes)):
            return False
        real = os.path.realpath(os.fsdecode(path))
        return any(real == d or real.startswith(d + os.sep) for d in _DENY)

    def hook(event: str, args: tuple[object, ...]) -> None:
        if event.startswith(_FORBIDDEN):
            log(f"FORBIDDEN\t{event}\t{args!r}")
            raise RuntimeError(f"robustness guard: {event} is forbidden during a scan")
        if event in _SEEN:
            path = args[0] if args else None
            shown = os.fsdecode(path) if isinstance(path, (str, bytes)) else repr(path)
            log(f"{event}\t{shown}")
            if event != "os.fork" and denied(path):
                log(f"DENIED\t{event}\t{os.fsdecode(path)}")  # type: ignore[arg-type]
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)

    sys.addaudithook(hook)


if _LOG or _DENY:
    _install()
