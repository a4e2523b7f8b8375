"""Publishing: papermill runs the briefing notebook, nbconvert writes one self-contained HTML file.

The page has no code cells or prompts, a real title and date, a contents list,
images embedded, and no external scripts or styles, so it opens correctly offline
on a council intranet. Cells tagged ``remove-cell`` and any text the kernel
printed (warnings, logs) are left out; an error in the notebook becomes one
clear message, never a traceback.

Beside the briefing, publishing writes the officer's checks (``…-checks.html``:
warnings, disagreements and gaps to clear before the briefing goes out) and, when
asked, the same briefing as Word (:mod:`perfkit.publish.word`) and PDF (:mod:`perfkit.publish.pdf`),
both built from the HTML so that every output quotes the same figures.

Examples
--------
>>> from perfkit.publish.notebook import publish_briefing
>>> out = publish_briefing("data/raw/sample_council_2023-24.xlsx", "2023/24 Q2",
...                        council="Northbrook District Council", docx=True)  # doctest: +SKIP
>>> out.html.name, out.checks.name  # doctest: +SKIP
('northbrook-district-council-briefing-2023-24-q2.html', 'northbrook-district-council-briefing-2023-24-q2-checks.html')
"""

from __future__ import annotations

import ast
import datetime as dt
import gc
import html as _html
import json
import os
import pickle
import re
import shutil
import signal
import sys
import threading
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from perfkit.core.errors import ConfigError, PerfkitError, PeriodError, Problem
from perfkit.core.paths import PACKAGE, install_set, project_root, reports_dir
from perfkit.core.schema import CONTENTS_MARK
import perfkit
from perfkit.publish.pdf import find_chromium
from perfkit.publish.pdf import print_pdf
from perfkit.publish.written import record_written, refuse_existing
from perfkit.publish.stops import handlers_kept, scratch_folder, stop_requested, stops_deferred, stops_unwind, temp_folder_error
from perfkit.core.paths import as_text

NOTEBOOK = "quarterly_briefing.ipynb"
KERNEL = "python3"
CHECKS_MIME = "application/vnd.perfkit.checks+json"
CHECKS_TAG = "perfkit-checks"
FRAMES_PARAMETER = "frames_file"


# Optional modules jsonschema's format checkers import when it is imported, and nothing else in a briefing's run uses:
# rfc3987_syntax builds a grammar (about 3 s), rfc3986_validator compiles its patterns, isoduration brings arrow with it.
# (idna is left alone: requests, which papermill imports, needs it.)
FORMAT_CHECKER_MODULES = ("rfc3987_syntax", "rfc3986_validator", "rfc3339_validator", "isoduration", "webcolors", "jsonpointer",
                          "uri_template", "fqdn")


def _fast_imports() -> None:
    """Skip optional imports that cost time and that publishing never uses.

    nbformat validates notebooks with jsonschema, whose format checkers import the
    modules of :data:`FORMAT_CHECKER_MODULES` where they are installed (rfc3987_syntax
    alone takes about 3 s to build its grammar). nbformat's schemas check no formats and
    nbformat asks for no format checking, so jsonschema is told those modules are absent,
    which it handles as ordinary optional dependencies.
    """
    if "jsonschema" not in sys.modules:
        for name in FORMAT_CHECKER_MODULES:
            sys.modules.setdefault(name, None)


@contextmanager
def _this_environment_kernel():
    """Make the ``python3`` kernel the one of the Python running perfkit.

    A user-level kernelspec of the same name (in ~/.local/share/jupyter) would
    otherwise win, and may be a Python without perfkit installed.
    """
    saved = os.environ.get("JUPYTER_PATH")
    here = str(Path(sys.prefix) / "share" / "jupyter")
    os.environ["JUPYTER_PATH"] = os.pathsep.join([here, *([saved] if saved else [])])
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = saved


@contextmanager
def _quiet_stderr():
    """Keep the kernel's own start-up chatter (it inherits our stderr) off the user's terminal."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


class _Kernel:
    """The notebook's kernel, started as soon as the arguments are checked.

    It boots (a second or so: a Python process importing ipykernel) while perfkit
    imports papermill, prepares the notebook and reads the workbook for the warnings
    gate, rather than after all that. papermill is handed the running kernel; once the
    notebook has run it is stopped at once, since nothing it holds is still wanted.
    """

    def __init__(self, cwd: Path, utf8: bool = False, tmp: Path | None = None, warm: list[str] | None = None):
        from jupyter_client.manager import AsyncKernelManager  # deferred: `perfkit brief` launches its kernel before this loads
        from jupyter_core.utils import run_sync  # deferred: `perfkit brief` launches its kernel before this loads

        self._run = run_sync
        self._clients: list = []
        with _this_environment_kernel():
            self.km = AsyncKernelManager(kernel_name=KERNEL)
            make_client = self.km.client
            # nbclient makes its client from this manager and, not owning the kernel, leaves its channels
            # open: they are kept here to close when the kernel stops.
            self.km.client = lambda **kw: self._clients.append(make_client(**kw)) or self._clients[-1]
            with _quiet_stderr():  # the kernel inherits our stderr: keep its start-up chatter off the terminal
                # The history file as nbclient gives it: in memory, not a SQLite file that parallel runs contend for.
                # utf8: paths reach the kernel as UTF-8 text, which under a locale that is not UTF-8 (LC_ALL=C) it reads back only in UTF-8 mode.
                # tmp: the kernel's own TMPDIR, inside the run's folder, so that what it leaves there (openpyxl's part files,
                # a kernel stopped half-way) goes with the folder.
                env = {**os.environ, **({"PYTHONUTF8": "1"} if utf8 else {}), **({"TMPDIR": str(tmp)} if tmp else {})} if utf8 or tmp else None
                # warm: the notebook's own imports, run as the kernel starts (warm_kernel), alongside this process's work.
                extra = [f"--IPKernelApp.exec_lines=__import__('perfkit.publish.notebook', fromlist=['warm_kernel']).warm_kernel({warm!r})"] if warm else []
                run_sync(self.km.start_kernel)(cwd=str(cwd), extra_arguments=["--HistoryManager.hist_file=:memory:", *extra],
                                               **({"env": env} if env else {}))

    def stop(self) -> None:
        _cancel_pending()  # a run stopped by a signal leaves nbclient's cell task waiting on the kernel
        for client in self._clients:
            client.stop_channels()
        process = getattr(self.km.provisioner, "process", None)
        if process is not None and process.poll() is None:
            # Killed here and waited for directly: jupyter_client polls a killed kernel every 0.1 s.
            try:
                os.killpg(process.pid, signal.SIGKILL)  # the kernel leads its own process group (POSIX)
            except (AttributeError, OSError):  # Windows has neither killpg nor SIGKILL
                process.kill()
            process.wait(timeout=10)
        try:
            self._run(self.km.shutdown_kernel)(now=True)
        except RuntimeError:  # already gone (it died, or a signal stopped it)
            pass
        finally:
            self._run(self.km.cleanup_resources)()


def notebook_imports(nb_path: Path) -> list[str]:
    """The import statements at the top level of a notebook's code cells, in order: what its kernel can import as it
    starts (:func:`warm_kernel`). A cell that is not plain Python (a magic) is passed over."""
    found = []
    try:
        cells = json.loads(Path(nb_path).read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):  # a notebook check_arguments let through but this cannot read: nothing
        return []
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        try:
            tree = ast.parse("".join(source) if isinstance(source, list) else str(source))
        except (SyntaxError, ValueError):
            continue
        found += [ast.unparse(node) for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    return list(dict.fromkeys(found))


def warm_kernel(statements: list[str]) -> None:
    """Run by the briefing's kernel as it starts (ipykernel's ``exec_lines``), before its first cell.

    The notebook's own imports (:func:`notebook_imports`: pandas, matplotlib and perfkit's layers, about half a second)
    are done while ``brief`` reads the workbook and prepares the notebook, on the other core, rather than in the
    notebook's first cell after all that. Each is run in a namespace of its own, so the notebook's names are its own
    cells'; one that fails is left for its cell to raise as it always did. The garbage collector waits meanwhile (imports
    make objects that live as long as the kernel, and its full passes over them were a fifth of the imports' time), and
    what they loaded is then set aside from its full passes (``gc.freeze``) for the rest of the run, which ends the kernel.
    """
    gc.disable()
    try:
        for statement in statements:
            try:
                exec(compile(statement, "<perfkit: the notebook's imports>", "exec"), {})  # noqa: S102 - the notebook's own lines
            except Exception:  # noqa: BLE001 - raised again, where it belongs, by the notebook's own cell
                pass
    finally:
        gc.enable()
        gc.freeze()


def _cancel_pending() -> None:
    """Cancel what is left in this thread's event loop (the one papermill ran the notebook in).

    When Ctrl+C or SIGTERM ends a run mid-cell, nbclient's cell task is still waiting on
    the kernel; run again to stop the kernel, the loop would resume it, and it would fail
    ("Kernel died") and be reported on the terminal as an unretrieved task exception.
    """
    import asyncio  # deferred: `perfkit brief` launches its kernel before this loads

    from jupyter_core.utils import ensure_event_loop  # deferred: `perfkit brief` launches its kernel before this loads

    loop = ensure_event_loop()
    if loop.is_running():
        return
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))


class Background:
    """A call run in a daemon thread while the main thread does other work.

    ``result()`` waits for it, still answering a stop, and gives its value or raises its
    error. Publishing warms nbconvert's exporter this way while the kernel runs; ``brief``
    reads the workbook for its warnings gate (``start=False``: begun once the kernel is
    launched, so the two do not contend).
    """

    def __init__(self, fn, *args, start: bool = True):
        self._box: dict = {}
        self._thread = threading.Thread(target=self._run, args=(fn, args), daemon=True)
        if start:
            self.start()

    def start(self) -> None:
        if self._thread.ident is None:
            self._thread.start()

    def _run(self, fn, args):
        try:
            self._box["value"] = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread, which raises it
            self._box["error"] = exc

    def result(self):
        self.start()
        _wait_for(self._thread)
        if "error" in self._box:
            raise self._box["error"]
        return self._box["value"]


def _warm_exporter():
    """nbconvert's HTML exporter, imported and its template compiled (about 0.3 s, done while the kernel runs)."""
    import nbformat  # deferred: `perfkit brief` launches its kernel before this loads

    exporter = _html_exporter()
    exporter.from_notebook_node(nbformat.v4.new_notebook(), resources={"perfkit": {"title": "", "css": "", "footer": ""}})
    return exporter


def _wait_for(thread: threading.Thread) -> None:
    """Join a helper thread while still answering a stop (a thread stuck on an import lock would otherwise hang the run)."""
    while thread.is_alive():
        thread.join(0.1)
        stop_requested()


class NotebookError(PerfkitError):
    """The briefing notebook stopped with an error."""


def notebook_for(period) -> str:
    """The notebook ``perfkit brief`` runs for a period: the annual report for a year or half-year.

    Examples
    --------
    >>> notebook_for("2024/25"), notebook_for("2024/25 H1"), notebook_for("2024/25 Q2"), notebook_for(None)
    ('annual_report.ipynb', 'annual_report.ipynb', 'quarterly_briefing.ipynb', 'quarterly_briefing.ipynb')
    """
    from perfkit.core.periods import parse_span  # deferred: `perfkit brief` launches its kernel before this loads

    try:
        kind = parse_span(period).kind if period not in (None, "") else "quarter"
    except PerfkitError:  # a period the notebook itself will refuse with a clear message
        kind = "quarter"
    return "annual_report.ipynb" if kind in ("year", "half") else NOTEBOOK


def find_notebook(name: str = NOTEBOOK) -> Path:
    """The briefing notebook: ``notebooks/`` under the project root, else the one beside the installed package."""
    for folder in (project_root() / "notebooks", PACKAGE.parent / "notebooks"):
        if (folder / name).is_file():
            return folder / name
    raise ConfigError(f"cannot find notebooks/{name}", hint="Run from the project folder, or pass --notebook PATH.")


# Letters that Unicode does not decompose into an ASCII letter and a mark, written as English readers expect.
_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l",
                          "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ı": "i", "ŀ": "l", "&": " and "})


def slug(text: str) -> str:
    """A file-name part from a council's name or a period: lower case, words joined by ``-``.

    Accented letters lose their accent rather than the letter (``Ynys Môn`` ->
    ``ynys-mon``); letters of other scripts are kept as they are; anything else
    becomes a hyphen.

    Examples
    --------
    >>> slug("Ynys Môn"), slug("Rhondda Cynon Taf & Merthyr"), slug("2023/24 Q2"), slug("Київ")
    ('ynys-mon', 'rhondda-cynon-taf-and-merthyr', '2023-24-q2', 'київ')
    """
    text = unicodedata.normalize("NFKC", str(text).translate(_LETTERS))
    kept = []
    for ch in text:
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        kept.append(base if base.isascii() else ch)  # a Latin letter loses its accent; other scripts keep theirs
    out = re.sub(r"[\W_]+", "-", "".join(kept).lower()).strip("-")
    return out[:80].rstrip("-") or "briefing"


def text_params(params: dict) -> dict:
    """The notebook's parameters with every path (and reading option) as UTF-8 text (:func:`perfkit.core.paths.as_text`)."""
    return {k: as_text(v) if isinstance(v, str) else text_params(v) if isinstance(v, dict) else v for k, v in params.items()}


def hand_over(frames: dict, folder: Path) -> Path:
    """Write the frames ``brief`` has read into the run's temporary folder, for the notebook's ``frames_file`` parameter.

    A pickle keeps every frame exactly as it was read (dtypes, periods, ``attrs`` with their problems and risk
    matrices), and is read back in a few milliseconds. The folder is the run's own (readable by this user only) and goes
    with the run.
    """
    path = folder / "frames.pickle"
    with open(path, "wb") as f:
        pickle.dump(frames, f, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def handed_over(frames_file) -> dict:
    """The frames ``perfkit brief`` read for its warnings gate and handed to the notebook (its ``frames_file`` parameter).

    A briefing notebook reads the workbook itself only when run on its own (``frames_file`` None), so that ``brief``
    reads it once. Only a file :func:`hand_over` wrote in the run's own temporary folder is given here.
    """
    with open(frames_file, "rb") as f:
        return pickle.load(f)


def takes_frames(nb) -> bool:
    """Whether a notebook's parameters cell has ``frames_file`` (the frames ``brief`` read, handed over): an adapted copy
    of an older notebook has not, and reads the workbook itself."""
    pattern = re.compile(rf"^{FRAMES_PARAMETER}\s*=", re.M)
    return any("parameters" in c.get("metadata", {}).get("tags", []) and pattern.search("".join(c.get("source", "")))
               for c in nb.cells if c.cell_type == "code")


def _clean_outputs(nb) -> None:
    """Keep only rich display outputs: no stream text (warnings, prints), no code, in the published page."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs = [o for o in cell.get("outputs", []) if o.get("output_type") in ("display_data", "execute_result") and "text/html" in o.get("data", {})]


def _html_exporter():
    """nbconvert's HTML exporter with perfkit's template, no code and no prompts."""
    from nbconvert import HTMLExporter  # deferred: `perfkit brief` launches its kernel before this loads
    from nbconvert.preprocessors import TagRemovePreprocessor  # deferred: `perfkit brief` launches its kernel before this loads
    from traitlets.config import Config  # deferred: `perfkit brief` launches its kernel before this loads

    cfg = Config()
    cfg.TagRemovePreprocessor.remove_cell_tags = {"remove-cell"}
    cfg.TagRemovePreprocessor.enabled = True
    exporter = HTMLExporter(
        config=cfg,
        extra_template_basedirs=[str(PACKAGE / "templates")],
        template_name="briefing",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_markdown=False,
    )
    exporter.register_preprocessor(TagRemovePreprocessor(config=cfg), enabled=True)
    return exporter


def export_html(nb, title: str, footer: str, exporter=None) -> str:
    """The executed notebook as one self-contained HTML page, with a contents list after the header.

    ``exporter`` is one made by ``_html_exporter`` (a warmed one saves its set-up); default a new one.
    """
    exporter = exporter or _html_exporter()
    _clean_outputs(nb)
    css = (PACKAGE / "assets" / "briefing.css").read_text()
    body, _ = exporter.from_notebook_node(nb, resources={"perfkit": {"title": title, "css": css, "footer": footer}})
    return body.replace(CONTENTS_MARK, contents(body), 1)


def contents(html: str) -> str:
    """A contents list of a page's h2 sections, as a <nav>."""
    items = re.findall(r'<h2 id="([^"]+)">(.*?)</h2>', html)
    if not items:
        return ""
    links = "".join(f'<li><a href="#{i}">{t}</a></li>' for i, t in items)
    return f'<nav class="contents" aria-labelledby="contents-title"><h2 id="contents-title">Contents</h2><ol>{links}</ol></nav>'


def _title_from(html: str) -> str | None:
    m = re.search(r"<h1>(.*?)</h1>", html, re.S)
    council = re.search(r'<p class="council">(.*?)</p>', html, re.S)
    if not m:
        return None
    return (f"{council.group(1)}: " if council else "") + re.sub(r"<[^>]+>", "", m.group(1))



# --- The officer's checks -------------------------------------------------------------------------------------------


def _stand_in_checks(fig, frames, problems) -> str:
    """The officer's checklist as an HTML body, used until :func:`perfkit.present.briefing.checks` exists.

    Stand-in for the briefing's own ``checks``: warnings from reading, statuses a
    service reported that differ from its figures, and milestones with no
    commentary this quarter.
    """
    from perfkit.present.text import escape  # deferred: `perfkit brief` launches its kernel before this loads
    from perfkit.core.periods import period_label  # deferred: `perfkit brief` launches its kernel before this loads

    parts = []
    shown = [p for p in problems if getattr(p, "severity", "") in ("error", "warning")]
    if shown:
        rows = "".join(f"<tr><td>{escape(p.source)}</td><td>{escape(p.message)}</td></tr>" for p in shown)
        parts.append('<section aria-labelledby="check-warnings"><h2 id="check-warnings">Warnings from reading the workbook</h2>'
                     '<table><caption>Each warning with its cell</caption><thead><tr><th scope="col">Cell</th>'
                     f'<th scope="col">What perfkit found</th></tr></thead><tbody>{rows}</tbody></table></section>')
    if fig is None:
        return "\n".join(parts) or "<p>Nothing to check: reading the workbook raised no warnings.</p>"
    label = period_label(fig.period)
    kp = fig.measures
    if kp is not None and "status_differs" in kp:
        d = kp[(kp["period"] == fig.period) & kp["status_differs"].fillna(False).astype(bool)]
        if len(d):
            rows = "".join(f"<tr><td>{escape(r.get('measure_id', ''))}</td><td>{escape(r.get('name', ''))}</td>"
                           f"<td>{escape(r.get('reported_status', ''))}</td><td>{escape(r.get('status', ''))}</td></tr>"
                           for r in d.to_dict("records"))
            parts.append('<section aria-labelledby="check-differs"><h2 id="check-differs">Statuses to confirm with the services</h2>'
                         f"<table><caption>Measures whose reported status differs from their figures, {escape(label)}</caption>"
                         '<thead><tr><th scope="col">Ref</th><th scope="col">Measure</th><th scope="col">Reported</th>'
                         f'<th scope="col">From the figures</th></tr></thead><tbody>{rows}</tbody></table></section>')
    ms = fig.milestones
    if ms is not None and "commentary" in ms:
        now = ms[ms["period"] == fig.period]
        blank = now[now["commentary"].fillna("").astype(str).str.strip() == ""]
        if len(blank):
            rows = "".join(f"<tr><td>{escape(r.get('milestone_id', ''))}</td><td>{escape(r.get('title', ''))}</td>"
                           f"<td>{escape(r.get('status', ''))}</td><td>{escape(r.get('source', ''))}</td></tr>" for r in blank.to_dict("records"))
            parts.append('<section aria-labelledby="check-commentary"><h2 id="check-commentary">Milestones without commentary</h2>'
                         f"<table><caption>Milestones with no commentary for {escape(label)}</caption>"
                         '<thead><tr><th scope="col">Ref</th><th scope="col">Milestone</th><th scope="col">Status</th>'
                         f'<th scope="col">Status cell</th></tr></thead><tbody>{rows}</tbody></table></section>')
    if not parts:
        return "<p>Nothing to check: no warnings, no disagreements and no missing commentary.</p>"
    return "\n".join(parts)


def _checks_in_kernel(namespace: dict) -> None:
    """Run by the cell publishing adds at the end of the notebook: display the checks for the figures it showed.

    It uses the notebook's own ``fig`` and ``frames`` (so the checks concern exactly
    the briefing's figures); a notebook that names them otherwise gets them worked
    out again from its ``workbook`` and ``period`` parameters. Any failure is
    reported in the checks rather than stopping the briefing.
    """
    from IPython.display import display  # deferred: `perfkit brief` launches its kernel before this loads

    try:
        fig, frames = namespace.get("fig"), namespace.get("frames")
        if not isinstance(frames, dict) and hasattr(namespace.get("acts"), "attrs"):  # the action-plan notebook
            frames = {"actions": namespace["acts"]}
        if not isinstance(frames, dict):
            frames = perfkit.read_workbooks(namespace["workbook"], store=namespace.get("store"), **(namespace.get("reader") or {}))
        if not hasattr(fig, "period") and (frames.get("milestones") is not None or frames.get("measures") is not None):
            fig = perfkit.quarter_figures(frames.get("milestones"), frames.get("measures"), namespace.get("period"))
        problems = [p for f in frames.values() if f is not None for p in f.attrs.get("problems", [])]
        comparison = comparison_checks(namespace)
        if comparison is not None:
            frames = {**frames, "comparison": comparison}
        from perfkit.present import briefing  # deferred: `perfkit brief` launches its kernel before this loads

        found = {}
        report = namespace.get("report")
        yearly = ""
        if getattr(report, "__name__", "") == "perfkit.present.annual_report" and namespace.get("period"):
            yearly = report.checks(frames, namespace["period"])  # the year-end report's own checks (perfkit.present.annual_report)
        if not hasattr(fig, "period"):  # no milestones or measures (an action plan): the reading's warnings
            if namespace.get("workbook") and set(frames) == {"actions"}:
                # and the workbook's own (a sheet it could not read beside the plan): the warnings the brief was published over
                seen = {(p.source, p.message) for p in problems}
                problems += [p for p in perfkit.validate(namespace["workbook"]) if p.severity in ("error", "warning")
                             and (p.source, p.message) not in seen]
            found["html"] = _stand_in_checks(None, frames, problems)
        elif hasattr(briefing, "checks_page") and hasattr(briefing, "checks_text"):  # the briefing's own checklist
            found = {"period": fig.label, "page": briefing.checks_page(fig, frames, council=str(namespace.get("council") or "")),
                     "text": briefing.checks_text(fig, frames)}
        else:  # stand-in until perfkit.present.briefing has its checklist
            found = {"period": fig.label, "html": _stand_in_checks(fig, frames, problems)}
        if yearly:
            if "page" in found:
                found["page"] = found["page"].replace("</main>", yearly + "\n</main>", 1)
            found["html"] = yearly + found.get("html", "")
            found["text"] = found.get("text", "") + "\n" + html_text(yearly)
    except Exception as exc:  # noqa: BLE001 - said aloud in the checks, never silent
        from perfkit.present.text import escape  # deferred: `perfkit brief` launches its kernel before this loads

        found = {"html": f"<p>perfkit could not list the checks: {escape(type(exc).__name__)}: {escape(exc)}</p>"}
    display({CHECKS_MIME: found}, raw=True)


def comparison_checks(namespace: dict):
    """The notebook's comparison (its ``compare`` file, ``area`` or else ``council``, and ``family``) as
    :func:`perfkit.benchmark` gives it, for the officer's checks: its ``attrs["problems"]`` say what reading and comparing
    the file found (measures left unranked for want of a polarity, placeholders, parts with no council). None where the
    notebook compares nothing; a file that cannot be compared is said as a frame with that one problem.
    """
    compare = namespace.get("compare")
    if not compare:
        return None
    import pandas as pd  # deferred: `perfkit brief` launches its kernel before this loads

    try:
        return perfkit.benchmark(perfkit.read_comparators(compare), namespace.get("area") or namespace.get("council"),
                                 family=namespace.get("family"))
    except PerfkitError as exc:
        said = pd.DataFrame()
        said.attrs["problems"] = [Problem(Path(str(compare)).name, "", None, f"the comparison could not be made: {exc}", "error")]
        return said


def _add_checks_cell(nb) -> None:
    import nbformat  # deferred: `perfkit brief` launches its kernel before this loads

    cell = nbformat.v4.new_code_cell("from perfkit.publish.notebook import _checks_in_kernel\n_checks_in_kernel(globals())")
    cell.metadata["tags"] = ["remove-cell", CHECKS_TAG]
    nb.cells.append(cell)


def _take_checks(nb) -> dict:
    """What the added cell displayed (``html``, the checks' body; ``period``, the quarter's label); the cell is removed."""
    found = {}
    for cell in nb.cells:
        if CHECKS_TAG in cell.get("metadata", {}).get("tags", []):
            for out in cell.get("outputs", []):
                data = out.get("data", {}).get(CHECKS_MIME)
                if data:
                    found = dict(data) if isinstance(data, dict) else json.loads(data)
    nb.cells = [c for c in nb.cells if CHECKS_TAG not in c.get("metadata", {}).get("tags", [])]
    return found


class _Text(HTMLParser):
    """HTML to plain text for the terminal: a line per block, list items and table rows on their own lines."""

    BLOCKS = {"p", "div", "section", "h1", "h2", "h3", "h4", "table", "caption", "ul", "ol", "figure", "figcaption", "header", "nav"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip, self.cells = [], 0, None

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "head", "title"):
            self.skip += 1
        elif tag in self.BLOCKS or tag == "br":
            self.out.append("\n")
        elif tag == "li":
            self.out.append("\n  - ")
        elif tag == "tr":
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.cells.append("")
        if tag in ("h1", "h2", "h3", "h4"):
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "head", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag == "tr" and self.cells is not None:
            self.out.append("\n  " + " | ".join(c.strip() for c in self.cells))
            self.cells = None
        elif tag in self.BLOCKS:
            self.out.append("\n")

    def handle_data(self, data):
        if self.skip:
            return
        data = re.sub(r"\s+", " ", data)
        if self.cells:
            self.cells[-1] += data
        elif self.cells is None:
            self.out.append(data)

    def text(self) -> str:
        lines = [line.rstrip() for line in "".join(self.out).splitlines()]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(line for line in lines)).strip()


def html_text(html: str) -> str:
    """Plain text of an HTML fragment, for printing the checks in a terminal.

    Examples
    --------
    >>> print(html_text("<h2>Checks</h2><ul><li>M1: no commentary</li></ul><table><tr><th>Cell</th><td>B7</td></tr></table>"))
    Checks
    <BLANKLINE>
      - M1: no commentary
    <BLANKLINE>
      Cell | B7
    """
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser.text()


def checks_page(body: str, title: str, published: dt.date, workbook: str) -> str:
    """The officer's checklist as one self-contained, accessible HTML page."""
    from perfkit.present.text import escape  # deferred: `perfkit brief` launches its kernel before this loads

    css = (PACKAGE / "assets" / "briefing.css").read_text()
    day = f"{published.day} {published:%B %Y}"
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="perfkit">\n'
        f"<title>Checks before publishing: {escape(title)}</title>\n<style>\n{css}\n</style>\n</head>\n<body>\n"
        f'<main id="main">\n<header class="briefing-header"><h1>Checks before publishing</h1>'
        f"<p class=\"meta\">For the officer preparing {escape(title)} (to be published {escape(day)}), from "
        f"<code>{escape(Path(workbook).name)}</code>. Clear or accept each item before the briefing goes out; "
        "none of this appears in the briefing.</p></header>\n"
        f"{body}\n</main>\n</body>\n</html>\n"
    )


# --- Checking the arguments before a kernel starts ------------------------------------------------------------------


@dataclass
class Published:
    """What :func:`publish_briefing` wrote: the briefing and the files beside it, and the checks as text."""

    html: Path
    checks: Path
    checks_text: str
    xlsx: Path | None = None
    docx: Path | None = None
    pdf: Path | None = None

    @property
    def paths(self) -> list[Path]:
        return [p for p in (self.html, self.checks, self.xlsx, self.docx, self.pdf) if p is not None]


def _publication_date(published) -> dt.date:
    from perfkit.core.periods import meeting_date  # deferred: core.periods loads pandas, which `perfkit --help` need not

    try:
        return meeting_date(published) or dt.date.today()
    except PeriodError as exc:
        raise ConfigError(f"--date {published!r} is not a date", hint=exc.hint) from None


def _swapped(day: dt.date) -> dt.date | None:
    """The date with day and month exchanged (11/5 for 5/11), if that is a date."""
    try:
        return dt.date(day.year, day.day, day.month)
    except ValueError:
        return None


def _check_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise ConfigError(f"--out {out_dir}: is {'a file' if out_dir.is_file() else 'a pipe or a device'}, not a folder",
                          hint="Give the folder to write the briefing in, e.g. --out reports/.")
    probe = out_dir
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir():
        raise ConfigError(f"--out {out_dir}: {probe} is a file, so the folder cannot be made", hint="Give a folder path.")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise ConfigError(f"--out {out_dir}: cannot write in {probe} (permission denied)", hint="Choose a folder you can write to.")


def _check_notebook(nb_path: Path) -> None:
    if not nb_path.exists():
        raise ConfigError(f"--notebook {nb_path}: no such file", hint="Give the path of a copy of notebooks/quarterly_briefing.ipynb.")
    if nb_path.is_dir():
        raise ConfigError(f"--notebook {nb_path}: is a folder, not a notebook")
    if not nb_path.is_file():  # a named pipe would block the read for ever
        raise ConfigError(f"--notebook {nb_path}: refused to read it: it is not a regular file (a pipe or a device)",
                          hint="Give the path of a copy of notebooks/quarterly_briefing.ipynb.")
    import nbformat  # deferred: `perfkit brief` launches its kernel before this loads

    try:
        nbformat.read(nb_path, as_version=4)
    except Exception:  # noqa: BLE001 - any failure to read means it is not a usable notebook
        raise ConfigError(f"--notebook {nb_path}: not a Jupyter notebook (.ipynb) perfkit can read",
                          hint="Save the notebook from JupyterLab, or start again from notebooks/quarterly_briefing.ipynb.") from None


def check_arguments(workbook, period=None, *, notebook=None, out_dir=None, published=None, pdf=False, config=None) -> dict:
    """Check ``brief``'s arguments before any kernel starts, each failure with one clear message.

    Returns the arguments normalised: ``workbook`` (absolute path), ``period``
    (``2023/24 Q2`` or None), ``notebook``, ``out_dir`` and ``published`` (a date).

    Raises
    ------
    PerfkitError
        The workbook is missing or not a spreadsheet, the period cannot be read,
        the notebook is missing or not a notebook, ``out_dir`` is a file or cannot
        be written, the date is not a date, or ``pdf`` is asked for without Chromium.

    Examples
    --------
    >>> check_arguments("nowhere.xlsx")  # doctest: +SKIP
    Traceback (most recent call last):
    perfkit.core.errors.WorkbookError: nowhere.xlsx: no such file
    """
    from perfkit.read.several import opened  # deferred: `perfkit brief` launches its kernel before this loads

    for one in workbook if isinstance(workbook, (list, tuple)) else [workbook]:
        refuse_undecodable(Path(one).expanduser().resolve(), "the workbook")
    if isinstance(config, (str, Path)):
        refuse_undecodable(Path(config), "--config")
    wb_path = opened(workbook, config)  # a one-line WorkbookError for missing, empty, corrupt files (or too large); several: each
    label = None
    ends = None
    if period not in (None, ""):
        from perfkit.core.periods import parse_span  # deferred: `perfkit brief` launches its kernel before this loads

        span = parse_span(period)
        label = span.label  # a half-year stays one: 2024/25 H2
        ends = span.end.end_time.date()
    nb_path = Path(notebook).expanduser().resolve() if notebook else find_notebook(notebook_for(period))
    _check_notebook(nb_path)
    out = Path(out_dir).expanduser() if out_dir else reports_dir()
    _check_out_dir(out)
    day = _publication_date(published)
    if ends is not None and published not in (None, "") and day < ends:
        swapped = _swapped(day)
        raise ConfigError(
            f"--date {published}: {day.day} {day:%B %Y} is before the end of {label} ({ends.day} {ends:%B %Y}), which the briefing reports",
            hint=(f"Dates are read day first, as in the UK: did you mean {swapped.day} {swapped:%B %Y} ({swapped:%d/%m/%Y})?"
                  if swapped is not None and swapped >= ends else "Give the date of the meeting or of publication, after the period ends."))
    if pdf:
        find_chromium()
    return {"workbook": wb_path, "period": label, "notebook": nb_path, "out_dir": out, "published": day}


def refuse_undecodable(path: Path, what: str) -> None:
    """Refuse a file whose name holds bytes that are not UTF-8 (saved under another system's encoding): the notebook's
    parameters are JSON text, which cannot carry such a name, so the kernel would look for another file.

    Examples
    --------
    >>> refuse_undecodable(Path(b"/data/q2_\\xff.xlsx".decode("utf-8", "surrogateescape")), "the workbook")
    Traceback (most recent call last):
    perfkit.core.errors.ConfigError: the workbook /data/q2_\\xff.xlsx: its name holds bytes that are not UTF-8 ...
    """
    from perfkit.read.workbook import utf8_name  # deferred: `perfkit brief` launches its kernel before this loads

    if utf8_name(path):
        return
    shown = os.fsencode(path).decode("utf-8", "backslashreplace")
    raise ConfigError(f"{what} {shown}: its name holds bytes that are not UTF-8 (it was named under another system's "
                      "encoding), which perfkit cannot pass to the briefing notebook",
                      hint="Rename the file to a name typed on this computer (e.g. q2_return.xlsx) and run again; "
                           "`perfkit validate` and `perfkit load` read it as it is.")


def _targets(out_dir: Path, council: str, label: str, xlsx: bool, docx: bool, pdf: bool) -> dict[str, Path]:
    html = out_dir / f"{slug(council)}-briefing-{slug(label)}.html"
    found = {"html": html, "checks": html.with_name(html.stem + "-checks.html")}
    for kind, wanted in (("xlsx", xlsx), ("docx", docx), ("pdf", pdf)):
        if wanted:
            found[kind] = html.with_suffix(f".{kind}")
    return found


# --- Publishing -----------------------------------------------------------------------------------------------------


def publish_briefing(
    workbook,
    period=None,
    council: str = "Council",
    out_dir=None,
    *,
    notebook=None,
    published=None,
    xlsx: bool = False,
    docx: bool = False,
    pdf: bool = False,
    force: bool = False,
    by: str | None = None,
    progress=None,
    reader: dict | None = None,
    compare=None,
    area: str | None = None,
    family: list | None = None,
    gate=None,
    store=None,
    frames=None,
) -> Published:
    """Run the briefing notebook on a workbook and write the briefing, the officer's checks and any Word or PDF copy.

    Parameters
    ----------
    workbook : str or Path, or a list of them
        The quarter's workbook, or several workbooks and folders (a quarter's returns from every service).
    period : str, optional
        The quarter (``"2023/24 Q2"``); default the latest in the workbook.
    council : str
        The council's name for the title and the file names.
    out_dir : str or Path, optional
        Where to write; default ``reports/`` under the project root.
    notebook : str or Path, optional
        An adapted copy of the briefing notebook to run instead.
    published : date or str, optional
        The meeting or publication date shown in the header (default today).
    xlsx, docx, pdf : bool
        Also write the committee appendix workbook, the briefing as Word, the briefing as PDF.
    force : bool
        Replace files an earlier run wrote; without it such a run stops before writing anything.
    by : str, optional
        Group the figures by this column, or ``"sheet"`` (default: priority where the workbook
        fills it in, else its directorate, objective, service or area).
    progress : callable, optional
        Called with a short message at each step (the CLI prints them).
    reader : dict, optional
        Options for reading the workbook (sheet, year, columns, config), as the CLI's
        ``--sheet``, ``--year``, ``--map`` and ``--config`` give them.
    gate : callable, optional
        Called once the notebook has run and before any file is written; it may raise to
        publish nothing (the CLI's check of the workbook's warnings). If it has a ``start``
        attribute, that is called once the kernel is launched (the CLI then reads the
        workbook while the kernel boots, rather than contend with the launch), and may
        raise too, before the notebook runs.
    frames : dict or callable, optional
        The workbook's frames as :func:`perfkit.read_workbooks` gives them, read with the same
        options (``reader``, ``store``), or a callable giving them (or None), called once after
        ``gate.start``. A notebook whose parameters have ``frames_file`` is handed them in the
        run's temporary folder rather than read the workbook again; they are let go here.
    compare : str or Path, optional
        Published comparison data (:func:`perfkit.read_comparators`): adds the section
        comparing the council with others, as ``area`` (default ``council``) among all
        areas and its ``family`` of comparators.
    store : str, Path or False, optional
        The history store the notebook takes earlier quarters from where the workbooks hold none
        (its ``store`` parameter): default the notebook's own (the default store, where there is one).

    Returns
    -------
    Published
        The paths written and the checks as plain text.

    Raises
    ------
    PerfkitError
        A bad argument (before any kernel starts), or the notebook stopped with an error
        (:class:`NotebookError`, the error's message without a traceback).

    Examples
    --------
    >>> out = publish_briefing("data/raw/sample_council_2023-24.xlsx", "2023/24 Q2", council="Ynys Môn")  # doctest: +SKIP
    >>> out.html.name  # doctest: +SKIP
    'ynys-mon-briefing-2023-24-q2.html'
    """
    _fast_imports()
    say = progress or (lambda message: None)
    args = check_arguments(workbook, period, notebook=notebook, out_dir=out_dir, published=published, pdf=pdf,
                           config=(reader or {}).get("config"))
    workbook, nb_path, out_dir = args["workbook"], args["notebook"], args["out_dir"]
    if args["period"] and not force:
        refuse_existing(_targets(out_dir, council, args["period"], xlsx, docx, pdf), workbook, args["period"], nb_path)

    if compare:
        from perfkit.analyse.benchmarking import find_area  # deferred: `perfkit brief` launches its kernel before this loads
        from perfkit.read.kinds.comparators import read_comparators  # deferred: `perfkit brief` launches its kernel before this loads

        compare = Path(compare).expanduser().resolve()
        refuse_undecodable(compare, "--compare")
        if compare.exists() and not compare.is_file():  # a FIFO or a device would block the read for ever
            raise ConfigError(f"--compare {compare}: not a regular file", hint="Give the comparison data's .csv or .xlsx file.")
        # A file that cannot be read, or a council it does not hold, is refused here, before a kernel starts.
        find_area(read_comparators(compare), area or council, what="--area")

    with stops_unwind(), scratch_folder("perfkit-") as tmp:
        named = [str(workbook), str(compare or ""), *(v for v in (reader or {}).values() if isinstance(v, str))]
        utf8 = {"utf8": True} if any(as_text(v) != v for v in named) else {}  # only then: the kernel as it always was otherwise
        (Path(tmp) / "kernel").mkdir()
        kernel = _Kernel(nb_path.parent, **utf8, tmp=Path(tmp) / "kernel", warm=notebook_imports(nb_path))  # boots while the rest is prepared
        try:
            if hasattr(gate, "start"):  # inside: a stop meanwhile stops the kernel too
                gate.start()
            return _publish(kernel, Path(tmp), args, council, xlsx=xlsx, docx=docx, pdf=pdf, force=force, say=say,
                            reader=reader, compare=compare, area=area, family=family, gate=gate, by=by, store=store,
                            frames=frames)
        finally:
            kernel.stop()


def _publish(kernel, tmp: Path, args: dict, council: str, *, xlsx, docx, pdf, force, say, reader, compare, area, family, gate,
             by=None, store=None, frames=None) -> Published:
    """:func:`publish_briefing` once its arguments are checked and its kernel started: run, gate, write."""
    import nbformat  # deferred: `perfkit brief` launches its kernel before this loads
    import papermill as pm  # deferred: `perfkit brief` launches its kernel before this loads

    workbook, nb_path, out_dir, day = args["workbook"], args["notebook"], args["out_dir"], args["published"]
    params = {"workbook": workbook.params() if hasattr(workbook, "params") else str(workbook), "period": args["period"],
              "council": council, "published": day.isoformat(), "reader": dict(reader or {})}
    if store is not None:
        params["store"] = store
    if compare:
        params.update(compare=str(compare), area=area or council, family=list(family) if family else None)
    if by:
        params["by"] = by
    say(f"Running {nb_path.name} on {workbook.name}...")
    source = tmp / "input.ipynb"
    executed = tmp / nb_path.name
    appendix = tmp / "appendix.xlsx"
    if xlsx:
        params["appendix"] = str(appendix)
    params = text_params(params)  # the notebook is JSON, which cannot hold the bytes a locale that is not UTF-8 left undecoded
    nb = nbformat.read(nb_path, as_version=4)
    frames = frames() if callable(frames) else frames
    if frames is not None and takes_frames(nb):  # the workbook read once: the kernel is handed what this process read
        params[FRAMES_PARAMETER] = as_text(str(hand_over(frames, tmp)))
    del frames  # never two copies at once: this process lets its copy go before the kernel reads its own
    _add_checks_cell(nb)
    nbformat.write(nb, source)
    exporter = Background(_warm_exporter)  # warmed while the kernel runs
    try:
        with _quiet_stderr(), handlers_kept():
            # The kernel was started in the notebook's folder (papermill's own cwd= would chdir this whole
            # process meanwhile, under the thread reading the workbook for the warnings gate).
            pm.execute_notebook(
                str(source), str(executed), parameters=params, kernel_name=KERNEL, progress_bar=False,
                log_output=False, km=kernel.km,
                request_save_on_cell_execute=False,  # written once at the end, not validated and saved after every cell
            )
    except pm.PapermillExecutionError as exc:
        stop_requested()  # a stop that reached the kernel's cell, not this process's code, ends here
        if exc.ename == "OSError" and re.search(r"\[Errno (?:28|122)\]", str(exc.evalue)):  # the appendix, on a full disk
            raise temp_folder_error(tmp.parent, OSError(28, "No space left on device")) from None
        raise NotebookError(_kernel_message(exc), hint="Run `perfkit validate` on the workbook, or open the notebook in JupyterLab to see the cell.") from None
    stop_requested()
    if gate is not None:
        gate()
    nb = nbformat.read(executed, as_version=4)
    found = _take_checks(nb)
    if not found.get("page"):
        found.setdefault("html", "<p>perfkit could not list the checks: the notebook did not reach its end.</p>")
    say("Writing the HTML briefing...")
    page = export_html(nb, title="Quarterly performance briefing", footer=council, exporter=exporter.result())
    title = _title_from(page) or "Quarterly performance briefing"
    page = page.replace("<title>Quarterly performance briefing</title>", f"<title>{title}</title>", 1)
    label = found.get("period") or _period_in(page) or args["period"] or "latest"
    targets = _targets(out_dir, council, label, xlsx, docx, pdf)
    mine = refuse_existing(targets, workbook, label, nb_path) if not force else []
    if xlsx and not appendix.exists():
        raise NotebookError(f"{nb_path.name} did not write the appendix workbook", hint="Keep the notebook's last cell, which writes it when asked.")
    title_text = _html.unescape(re.sub(r"<[^>]+>", "", title))
    # Every file is made in the temporary folder first, then put in place: a failure
    # (a broken chart, Chromium missing a page) leaves no half-set of outputs behind.
    staged = tmp / "out"
    staged.mkdir()
    made = {kind: staged / path.name for kind, path in targets.items()}
    made["html"].write_text(page, encoding="utf-8")
    made["checks"].write_text(found.get("page") or checks_page(found["html"], title_text, day, workbook.name), encoding="utf-8")
    if xlsx:
        shutil.copyfile(appendix, made["xlsx"])
    if docx:
        from perfkit.publish.word import write_docx  # deferred: `perfkit brief` launches its kernel before this loads

        say("Writing the Word document...")
        write_docx(page, made["docx"])
    if pdf:
        say("Printing the PDF with headless Chromium...")
        print_pdf(made["html"], made["pdf"])
    stop_requested()
    with stops_deferred() as arrived:  # the set goes in whole: a stop arriving meanwhile waits for it
        try:
            placed = install_set({path: made[kind] for kind, path in targets.items()}, overwrite=force or bool(mine))
            record_written(placed, workbook, label, nb_path, say=say)
        except FileExistsError as exc:  # another run wrote the same file meanwhile: keep its set whole
            raise ConfigError(f"would replace {exc.filename}, written by another run at the same time",
                              hint="Pass --force to replace it, or --out another folder to keep both.") from None
        except IsADirectoryError as exc:
            raise ConfigError(f"cannot write {exc.filename}: a folder of that name is in the way",
                              hint="Move the folder, or give --out another folder.") from None
    if arrived:
        say("A stop arrived as the files were put in place; they are complete, and listed below.")
    done = Published(html=targets["html"], checks=targets["checks"], checks_text=found.get("text") or html_text(found.get("html", "")),
                     xlsx=targets.get("xlsx"), docx=targets.get("docx"), pdf=targets.get("pdf"))
    return done


def build_briefing(workbook, period=None, council: str = "Council", out_dir=None, **options) -> Path:
    """Run the briefing notebook and write the HTML briefing (and the checks beside it); return the briefing's path.

    Takes the options of :func:`publish_briefing`; use that function for the other
    paths and the checks text.

    Examples
    --------
    >>> path = build_briefing("data/raw/sample_council_2023-24.xlsx", "2023/24 Q2", council="Northbrook District Council")  # doctest: +SKIP
    """
    return publish_briefing(workbook, period, council, out_dir, **options).html


def _period_in(html_text: str) -> str | None:
    m = re.search(r"<h1>[^<]*?(\d{4}/\d{2} [QH][1-4])[^<]*</h1>", html_text)
    return m.group(1) if m else None


def _kernel_message(exc) -> str:
    """The kernel's error as one line: perfkit's own errors keep their message; others name their type."""
    value = re.sub(r"\x1b\[[0-9;]*m", "", str(getattr(exc, "evalue", "") or exc))
    name = getattr(exc, "ename", "Error")
    if name in ("ValidationError", "WorkbookError", "LayoutError", "ConfigError", "PeriodError", "PerfkitError"):
        return value
    return f"the briefing notebook stopped: {name}: {value}"
