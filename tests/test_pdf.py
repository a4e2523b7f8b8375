"""Printing the PDF: Chromium's profile and temporary files are removed on every way out, a stop during printing included.

A fake Chromium (a Python script) stands in for the real one: it fills its profile and its TMPDIR as Chromium
does, and starts a helper that outlives it unless its process group is ended, as Chromium's renderers do.
Each test points the temporary folder at a folder of its own and checks it before and after.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from perfkit.core.errors import ConfigError, PerfkitError
from perfkit.publish import pdf

POSIX = pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups (POSIX)")

FAKE = '''#!{python}
import os, pathlib, subprocess, sys, time
args = dict(a.split("=", 1) for a in sys.argv[1:] if a.startswith("--") and "=" in a)
profile = pathlib.Path(args["--user-data-dir"])
(profile / "Default").mkdir(parents=True, exist_ok=True)
(profile / "Default" / "Preferences").write_text("{{}}")
scratch = pathlib.Path(os.environ.get("TMPDIR", "/tmp")) / ".org.chromium.Chromium.fake"
scratch.mkdir(exist_ok=True)
(scratch / "shm").write_bytes(b"x" * 1000)
helper = subprocess.Popen([sys.executable, "-c",
    "import pathlib, sys, time\\nwhile True:\\n    pathlib.Path(sys.argv[1], 'helper.log').write_text(str(time.time()))\\n    time.sleep(0.02)",
    str(profile)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
pathlib.Path(os.environ["FAKE_PIDS"]).write_text(f"{{os.getpid()}} {{helper.pid}}")
mode = os.environ.get("FAKE_MODE", "ok")
if mode == "ok":
    pathlib.Path(args["--print-to-pdf"]).write_bytes(b"%PDF-1.7 fake")
    sys.exit(0)
if mode == "fail":
    print("[0101/000000.000:FATAL:fake.cc(1)] Check failed: boom", file=sys.stderr)
    sys.exit(3)
time.sleep(600)
'''


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """(fake chromium path, the temporary folder everything must leave empty, the file the fake writes its pids to)."""
    binary = tmp_path / "fake-chromium"
    binary.write_text(FAKE.format(python=sys.executable), encoding="utf-8")
    binary.chmod(0o755)
    temp = _short_temp()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    pids = tmp_path / "pids"
    monkeypatch.setenv("FAKE_PIDS", str(pids))
    html = tmp_path / "briefing.html"
    html.write_text("<html><body><h1>Briefing</h1></body></html>", encoding="utf-8")
    yield binary, temp, pids, html
    shutil.rmtree(temp, ignore_errors=True)


def _short_temp() -> Path:
    """A temporary folder of a short path, as /tmp is: Chromium makes sockets there (pytest's are too long for one)."""
    return Path(tempfile.mkdtemp(prefix="pk", dir="/tmp" if os.path.isdir("/tmp") else None))


def _gone(pid: int) -> bool:
    """Whether a process has ended (a zombie awaiting its reaper has too)."""
    for _ in range(100):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.02)
    return False


def _clean(temp: Path, out: Path, pids: Path) -> None:
    assert list(temp.iterdir()) == [], list(temp.rglob("*"))
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no half-written PDF beside the target
    for pid in map(int, pids.read_text().split()):
        assert _gone(pid), f"process {pid} still runs"


@POSIX
def test_a_printed_pdf_leaves_no_profile_and_no_helper(fake, tmp_path):
    binary, temp, pids, html = fake
    out = tmp_path / "out"
    target = pdf.print_pdf(html, out / "briefing.pdf", chromium=str(binary))
    assert target.read_bytes().startswith(b"%PDF")
    _clean(temp, out, pids)


@POSIX
def test_chromium_failing_leaves_nothing_and_says_its_last_line(fake, tmp_path, monkeypatch):
    binary, temp, pids, html = fake
    monkeypatch.setenv("FAKE_MODE", "fail")
    out = tmp_path / "out"
    with pytest.raises(PerfkitError, match=r"Chromium did not write the PDF \(exit 3: .*Check failed: boom\)"):
        pdf.print_pdf(html, out / "briefing.pdf", chromium=str(binary))
    assert not (out / "briefing.pdf").exists()
    _clean(temp, out, pids)


@POSIX
def test_chromium_hanging_is_ended_whole_at_the_timeout(fake, tmp_path, monkeypatch):
    binary, temp, pids, html = fake
    monkeypatch.setenv("FAKE_MODE", "hang")
    monkeypatch.setattr(pdf, "TIMEOUT", 1)
    out = tmp_path / "out"
    with pytest.raises(PerfkitError, match="did not print briefing.html within 1 s"):
        pdf.print_pdf(html, out / "briefing.pdf", chromium=str(binary))
    _clean(temp, out, pids)


@POSIX
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_stop_during_printing_leaves_nothing(fake, tmp_path, stop):
    binary, temp, pids, html = fake
    out = tmp_path / "out"
    code = (f"from perfkit.publish.pdf import print_pdf\n"
            f"print_pdf({str(html)!r}, {str(out / 'briefing.pdf')!r}, chromium={str(binary)!r})")
    env = {**os.environ, "FAKE_MODE": "hang", "TMPDIR": str(temp), "FAKE_PIDS": str(pids)}
    run = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while not pids.exists() or not (temp.exists() and any(temp.iterdir()) and pids.read_text().strip()):
        assert time.monotonic() < deadline and run.poll() is None, run.communicate()
        time.sleep(0.05)
    time.sleep(0.2)  # the helper is writing into the profile
    run.send_signal(stop)
    _, err = run.communicate(timeout=20)
    assert run.returncode != 0
    assert "KeyboardInterrupt" in err or "Stopped" in err or run.returncode == -stop
    out.mkdir(exist_ok=True)
    _clean(temp, out, pids)


@POSIX
@pytest.mark.skipif(not (os.environ.get("PERFKIT_CHROMIUM") or any(shutil.which(n) for n in pdf.NAMES)), reason="no Chromium installed")
def test_the_real_chromium_leaves_nothing_in_the_temporary_folder(tmp_path, monkeypatch):
    temp = _short_temp()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    html = tmp_path / "briefing.html"
    html.write_text("<html><body><h1>Briefing</h1><p>Figures.</p></body></html>", encoding="utf-8")
    try:
        out = pdf.print_pdf(html, tmp_path / "out" / "briefing.pdf")
        assert out.read_bytes().startswith(b"%PDF")
        assert list(temp.iterdir()) == []
    finally:
        shutil.rmtree(temp, ignore_errors=True)


@POSIX
def test_a_temporary_folder_too_long_for_chromiums_sockets_gives_way_to_a_short_one(fake, tmp_path, monkeypatch):
    """With a TMPDIR too long for Chromium's sockets, the print's folder (Chromium's TMPDIR inside it) goes in a short
    folder instead; Chromium never makes its own files in either, and both are left as they were."""
    binary, temp, pids, html = fake
    long = temp / ("x" * 70)
    long.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(long))
    monkeypatch.setenv("TMPDIR", str(long))
    short = _short_temp()
    monkeypatch.setattr(pdf, "SHORT_FOLDERS", (str(short),))
    seen = []
    real = pdf._run_group
    monkeypatch.setattr(pdf, "_run_group", lambda cmd, env, *a: seen.append(env["TMPDIR"]) or real(cmd, env, *a))
    try:
        pdf.print_pdf(html, tmp_path / "out" / "briefing.pdf", chromium=str(binary))
        assert seen and seen[0].startswith(str(short)) and len(seen[0]) <= pdf.MAX_TMPDIR
        assert list(long.iterdir()) == [] and list(short.iterdir()) == []
    finally:
        shutil.rmtree(short, ignore_errors=True)


def test_no_folder_short_enough_for_chromium_is_said_with_what_to_do(monkeypatch, tmp_path):
    long = tmp_path / ("x" * 70)
    long.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(long))
    monkeypatch.setattr(pdf, "SHORT_FOLDERS", (str(long),))
    with pytest.raises(ConfigError, match="too long a path for Chromium") as caught:
        pdf.scratch_base()
    assert "TMPDIR" in caught.value.hint


@POSIX
def test_a_stop_as_chromium_starts_still_ends_it_and_removes_its_folder(fake, tmp_path, monkeypatch):
    """Ctrl+C arriving inside Popen, after Chromium has started but before perfkit knows its process: it is still ended."""
    binary, temp, pids, html = fake
    monkeypatch.setenv("FAKE_MODE", "hang")
    real = subprocess.Popen

    def interrupted(*args, **kwargs):
        process = real(*args, **kwargs)
        deadline = time.monotonic() + 20
        while not (pids.exists() and pids.read_text().strip()) and time.monotonic() < deadline:
            time.sleep(0.02)  # Chromium and its helper are running
        os.kill(os.getpid(), signal.SIGINT)
        return process

    monkeypatch.setattr(pdf.subprocess, "Popen", interrupted)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        pdf.print_pdf(html, out / "briefing.pdf", chromium=str(binary))
    out.mkdir(exist_ok=True)
    _clean(temp, out, pids)


@POSIX
@pytest.mark.skipif(not (os.environ.get("PERFKIT_CHROMIUM") or any(shutil.which(n) for n in pdf.NAMES)), reason="no Chromium installed")
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_a_stop_while_the_real_chromium_prints_leaves_nothing_in_a_long_temporary_folder(tmp_path, stop):
    """The trial's case: a TMPDIR of 34 characters, too long for Chromium's TMPDIR inside the print's folder before, so
    Chromium made its own org.chromium.Chromium.* folder there, which a stop left behind."""
    temp = _short_temp() / "work" / "stops_brief" / "tmp"
    temp.mkdir(parents=True)
    html = tmp_path / "briefing.html"
    html.write_text("<html><body><h1>Briefing</h1>" + "<p>Figures.</p>" * 2000 + "</body></html>", encoding="utf-8")
    code = f"from perfkit.publish.pdf import print_pdf\nprint_pdf({str(html)!r}, {str(tmp_path / 'briefing.pdf')!r})"
    run = subprocess.Popen([sys.executable, "-c", code], env={**os.environ, "TMPDIR": str(temp)}, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while not list(temp.glob("*/profile/*")) and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert run.poll() is None, run.communicate()
        time.sleep(0.3)  # Chromium is starting: its socket folder and shared memory are made meanwhile
        run.send_signal(stop)
        run.communicate(timeout=30)
        assert list(temp.iterdir()) == []
        chromium = subprocess.run(["pgrep", "-f", f"user-data-dir={temp}"], capture_output=True) if shutil.which("pgrep") else None
        assert chromium is None or chromium.returncode == 1, "Chromium still runs"
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
        shutil.rmtree(temp.parents[2], ignore_errors=True)


@POSIX
def test_chromium_failing_for_want_of_room_says_the_temporary_folder_is_full(fake, tmp_path, monkeypatch):
    """Chromium's own last line then names its disk cache or password store, not the cause."""
    binary, temp, pids, html = fake
    monkeypatch.setenv("FAKE_MODE", "fail")
    monkeypatch.setattr(pdf.shutil, "disk_usage", lambda path: shutil._ntuple_diskusage(1 << 20, 1 << 20, 100_000))
    with pytest.raises(ConfigError, match=f"cannot write in the temporary folder {temp}: the disk is full"):
        pdf.print_pdf(html, tmp_path / "out" / "briefing.pdf", chromium=str(binary))
    _clean(temp, tmp_path / "out", pids)
