"""Prefect API server processes that die with the process that started them.

Prefect starts its temporary ("ephemeral") server with a bare ``subprocess.Popen``
(``prefect.server.api.server.SubprocessASGIServer``) and stops it from ``atexit``: a
run killed with SIGKILL never gets there, and the server is left behind, adopted
by init. casewire therefore starts the server itself, with the same command,
and asks the kernel (``prctl(PR_SET_PDEATHSIG)``) to send it SIGTERM the moment its
parent dies, however it dies. ``make serve`` starts a full server (``prefect server
start``, scheduler included) the same way.

Stdlib only: the CLI uses this before it imports Prefect.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path

#: Seconds to wait for a server to answer when PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS
#: is unset. Prefect's 20 s is too short for a cold start (fresh PREFECT_HOME: database
#: created and migrated) on a loaded machine; README "Running on a schedule" has a figure.
DEFAULT_STARTUP_TIMEOUT = 180.0
STARTUP_TIMEOUT_ENV = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
_PR_SET_PDEATHSIG = 1


class ServerStartError(RuntimeError):
    """The Prefect API server exited or did not answer in time."""


def startup_timeout() -> float:
    """Seconds to wait for a server: the Prefect setting if set, else a generous default."""
    value = os.environ.get(STARTUP_TIMEOUT_ENV, "").strip()
    return float(value) if value else DEFAULT_STARTUP_TIMEOUT


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _die_with_parent(parent_pid: int) -> None:
    """Runs in the child between fork and exec: SIGTERM when the parent dies."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def spawn_child(
    args: list[str], env: Mapping[str, str], log: Path | None = None
) -> subprocess.Popen[bytes]:
    """Start ``args`` so that it gets SIGTERM when this process dies (Linux), in a
    session of its own so a terminal's Ctrl-C reaches only this process, which then
    stops the child in order."""
    parent = os.getpid()
    out = open(log, "ab") if log else None  # noqa: SIM115 - the child owns it from here
    try:
        return subprocess.Popen(
            args,
            env=dict(env),
            stdout=out,
            stderr=subprocess.STDOUT if out else None,
            stdin=subprocess.DEVNULL,
            preexec_fn=lambda: _die_with_parent(parent),
            start_new_session=True,
        )
    finally:
        if out:
            out.close()


def stop_child(
    proc: subprocess.Popen[bytes], grace: float = 15.0, sig: int = signal.SIGTERM
) -> None:
    """``sig`` (SIGTERM), then SIGKILL after ``grace`` seconds; always reaps the child.
    Then SIGKILL whatever is left of its process group (a child of :func:`spawn_child`
    leads its own), e.g. a flow run the runner started."""
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
    proc.wait()
    try:  # Linux never hands out a pid still in use as a process group id
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


class ApiServer:
    """A Prefect API server child process on 127.0.0.1; a context manager.

    ``full=False`` is what Prefect's ephemeral mode runs (no UI, no scheduler or other
    background services); ``full=True`` is ``prefect server start`` with its scheduler.
    """

    def __init__(
        self,
        *,
        full: bool,
        port: int | None = None,
        home: Path | None = None,
        log: Path | None = None,
        host: str = "127.0.0.1",
    ) -> None:
        self.full = full
        self.host = host
        self.port = port or free_port(host)
        self.home = home
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def api_url(self) -> str:
        return f"http://{self.host}:{self.port}/api"

    def _command(self) -> list[str]:
        if self.full:
            return [sys.executable, "-m", "prefect", "server", "start"] + [
                "--host",
                self.host,
                "--port",
                str(self.port),
            ]
        # The command SubprocessASGIServer._run_uvicorn_command runs (prefect 3.8.8).
        return [sys.executable, "-m", "uvicorn", "--factory"] + [
            "prefect.server.api.server:create_app",
            "--host",
            self.host,
            "--port",
            str(self.port),
            "--log-level",
            "error",
            "--lifespan",
            "on",
        ]

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("PREFECT_API_URL", None)  # the server must not think it is a client
        env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
        if self.home is not None:
            self.home.mkdir(parents=True, exist_ok=True)
            env["PREFECT_HOME"] = str(self.home)
        if not self.full:
            env.update(PREFECT_UI_ENABLED="0", PREFECT__SERVER_EPHEMERAL="1")
            env["PREFECT__SERVER_FINAL"] = "1"
        return env

    def start(self, timeout: float | None = None) -> ApiServer:
        """Start the server and wait until ``/api/health`` answers."""
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            if sock.connect_ex((self.host, self.port)) == 0:
                raise ServerStartError(
                    f"{self.host}:{self.port} is already in use (another `make serve`?); "
                    "choose another port (make serve PORT=...)"
                )
        self.proc = spawn_child(self._command(), self._env(), self.log)
        self.wait_healthy(startup_timeout() if timeout is None else timeout)
        return self

    def wait_healthy(self, timeout: float) -> float:
        """Seconds it took the server to answer; ServerStartError if it exits or
        does not answer within ``timeout`` (the server is stopped then)."""
        assert self.proc is not None, "start() first"
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.proc.poll() is not None:
                code = self.proc.returncode
                self.stop()
                where = f"; its output is in {self.log}" if self.log else ""
                raise ServerStartError(f"Prefect server exited with code {code}{where}")
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=5) as resp:
                    if resp.status == 200:
                        return time.monotonic() - started
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        self.stop()
        raise ServerStartError(
            f"Prefect server did not answer on {self.api_url} within {timeout:.0f} s; "
            f"a loaded machine may need more: set {STARTUP_TIMEOUT_ENV}"
        )

    def stop(self) -> None:
        if self.proc is not None:
            stop_child(self.proc)

    def __enter__(self) -> ApiServer:
        return self.start() if self.proc is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()
