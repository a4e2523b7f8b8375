"""Publishing: papermill runs the briefing notebook, nbconvert writes one self-contained HTML file.

The page has no code cells or prompts, a real title and date, a contents list,
images embedded, and no external scripts or styles, so it opens correctly offline
on a council intranet. Cells tagged ``remove-cell`` and any text the kernel
printed (warnings, logs) are left out; an error in the notebook becomes one
clear message, never a traceback.

Examples
--------
>>> from perfkit.publish import build_briefing
>>> path = build_briefing("data/raw/sample_council_2023-24.xlsx", "2023/24 Q2", council="Northbrook District Council")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import ConfigError, PerfkitError
from .paths import atomic_path, project_root, reports_dir

PACKAGE = Path(__file__).resolve().parent
CONTENTS_MARK = "<!-- perfkit:contents -->"
NOTEBOOK = "quarterly_briefing.ipynb"
KERNEL = "python3"


def _fast_imports() -> None:
    """Skip an optional import that costs seconds and that publishing never uses.

    nbformat validates notebooks with jsonschema, whose format checkers import
    rfc3987_syntax if it is installed; that module builds a grammar on import
    (about 3 s). No notebook schema checks IRI formats, so jsonschema is told the
    module is absent, which it handles as an ordinary optional dependency.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


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


class NotebookError(PerfkitError):
    """The briefing notebook stopped with an error."""


def find_notebook(name: str = NOTEBOOK) -> Path:
    """The briefing notebook: ``notebooks/`` under the project root, else the one beside the installed package."""
    for folder in (project_root() / "notebooks", PACKAGE.parent / "notebooks"):
        if (folder / name).is_file():
            return folder / name
    raise ConfigError(f"cannot find notebooks/{name}", hint="Run from the project folder, or pass --notebook PATH.")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "briefing"


def _clean_outputs(nb) -> None:
    """Keep only rich display outputs: no stream text (warnings, prints), no code, in the published page."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs = [o for o in cell.get("outputs", []) if o.get("output_type") in ("display_data", "execute_result") and "text/html" in o.get("data", {})]


def export_html(nb, title: str, footer: str) -> str:
    """The executed notebook as one self-contained HTML page, with a contents list after the header."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from traitlets.config import Config

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


def build_briefing(
    workbook,
    period=None,
    council: str = "Council",
    out_dir=None,
    *,
    notebook=None,
    published=None,
    xlsx: bool = False,
    progress=None,
    reader: dict | None = None,
) -> Path:
    """Run the briefing notebook on a workbook and write the HTML briefing.

    Parameters
    ----------
    workbook : str or Path
        The quarter's workbook.
    period : str, optional
        The quarter (``"2023/24 Q2"``); default the latest in the workbook.
    council : str
        The council's name for the title.
    out_dir : str or Path, optional
        Where to write; default ``reports/`` under the project root.
    notebook : str or Path, optional
        An adapted copy of the briefing notebook to run instead.
    published : date or str, optional
        The publication date shown (default today).
    xlsx : bool
        Also write the committee appendix workbook beside the HTML.
    progress : callable, optional
        Called with a short message at each step (the CLI prints them).
    reader : dict, optional
        Options for reading the workbook (sheet, year, columns, config), as the CLI's
        ``--sheet``, ``--year``, ``--map`` and ``--config`` give them.

    Returns
    -------
    pathlib.Path
        The HTML file written.

    Raises
    ------
    NotebookError
        When the notebook stops with an error; the message is the error's, with no traceback.
    """
    _fast_imports()
    import nbformat
    import papermill as pm

    say = progress or (lambda message: None)
    workbook = Path(workbook).resolve()
    from .annual_report import notebook_for  # a year or half-year runs notebooks/annual_report.ipynb (issue 13)

    nb_path = Path(notebook) if notebook else find_notebook(notebook_for(period))
    out_dir = Path(out_dir) if out_dir else reports_dir()
    published = published.isoformat() if isinstance(published, dt.date) else published
    label_hint = slug(str(period)) if period else None
    params = {"workbook": str(workbook), "period": period, "council": council, "published": published, "reader": dict(reader or {})}
    say(f"Running {nb_path.name} on {workbook.name}...")
    with tempfile.TemporaryDirectory(prefix="perfkit-") as tmp:
        executed = Path(tmp) / nb_path.name
        appendix = Path(tmp) / "appendix.xlsx"
        if xlsx:
            params["appendix"] = str(appendix)
        try:
            with _quiet_stderr(), _this_environment_kernel():
                pm.execute_notebook(
                    str(nb_path), str(executed), parameters=params, kernel_name=KERNEL, progress_bar=False,
                    log_output=False, cwd=str(project_root()),
                )
        except pm.PapermillExecutionError as exc:
            raise NotebookError(_kernel_message(exc), hint="Run `perfkit validate` on the workbook, or open the notebook in JupyterLab to see the cell.") from None
        nb = nbformat.read(executed, as_version=4)
        say("Writing the HTML briefing...")
        footer = f"Produced with perfkit from {workbook.name}."
        html_text = export_html(nb, title="Quarterly performance briefing", footer=footer)
        title = _title_from(html_text) or "Quarterly performance briefing"
        html_text = html_text.replace("<title>Quarterly performance briefing</title>", f"<title>{title}</title>", 1)
        label = _period_in(html_text) or label_hint or "latest"
        target = out_dir / f"{slug(council)}-briefing-{slug(label)}.html"
        with atomic_path(target) as tmp_path:
            tmp_path.write_text(html_text, encoding="utf-8")
        if xlsx:
            if not appendix.exists():
                raise NotebookError(f"{nb_path.name} did not write the appendix workbook", hint="Keep the notebook's last cell, which writes it when asked.")
            with atomic_path(target.with_suffix(".xlsx")) as tmp_path:
                tmp_path.write_bytes(appendix.read_bytes())
    return target


def _period_in(html_text: str) -> str | None:
    m = re.search(r"<h1>[^<]*?(\d{4}/\d{2} Q[1-4])</h1>", html_text)
    return m.group(1) if m else None


def _kernel_message(exc) -> str:
    """The kernel's error as one line: perfkit's own errors keep their message; others name their type."""
    value = re.sub(r"\x1b\[[0-9;]*m", "", str(getattr(exc, "evalue", "") or exc))
    name = getattr(exc, "ename", "Error")
    if name in ("ValidationError", "WorkbookError", "LayoutError", "ConfigError", "PeriodError", "PerfkitError"):
        return value
    return f"the briefing notebook stopped: {name}: {value}"
