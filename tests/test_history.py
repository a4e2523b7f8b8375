"""The history store: `perfkit load` keeps each quarter, and the quarters after it take their history from it."""

from __future__ import annotations

import json
import os

import pandas as pd
import pyarrow.parquet as pq
import pytest

import perfkit
from perfkit.analyse.figures import quarter_figures
from perfkit.cli import main
from perfkit.publish import store as store_module
from perfkit.publish.checks import write_checks
from perfkit.publish.store import add_to_store
from perfkit.read.history import history, quarters_held
from perfkit.read.several import read_workbooks
from returns_builder import combined, write_return, write_returns


@pytest.fixture
def returns(tmp_path):
    return write_returns(tmp_path / "raw")


def _load(*argv) -> int:
    return main(["load", *map(str, argv)])


def _rows(store) -> pd.DataFrame:
    """Every stored row of both kinds, without when it was loaded, in a fixed order."""
    out = []
    for kind in ("milestones", "measures"):
        rows = history(store, kind=kind).drop(columns="loaded")
        out.append(rows.astype(str).sort_values(list(rows.columns)).reset_index(drop=True))
    return pd.concat(out, keys=["milestones", "measures"])


def test_load_then_summary_from_the_store_gives_the_combined_workbooks_figures(returns, tmp_path, capsys):
    q1, q2 = returns
    store = tmp_path / "store"
    assert _load(q1, "--out", tmp_path / "out", "--store", store) == 0
    capsys.readouterr()
    assert main(["summary", str(q2), "--period", "2024/25 Q2", "--json", "--store", str(store)]) == 0
    captured = capsys.readouterr()
    assert main(["summary", str(combined(tmp_path / "combined.xlsx")), "--period", "2024/25 Q2", "--json", "--no-store"]) == 0
    assert json.loads(captured.out) == json.loads(capsys.readouterr().out)
    assert f"perfkit: note: milestones for 2024/25 Q1 from the history store {store} (9 milestones from " in captured.err


def test_loading_a_quarter_twice_changes_nothing(returns, tmp_path, capsys):
    q1, _ = returns
    store = tmp_path / "store"
    assert _load(q1, "--out", tmp_path / "out", "--store", store) == 0
    first = _rows(store)
    assert _load(q1, "--out", tmp_path / "out", "--store", store) == 0
    assert "2024/25 Q1 milestones: replaced (9 milestones before), now 9 milestones" in capsys.readouterr().out
    pd.testing.assert_frame_equal(_rows(store), first)
    assert len(history(store, kind="milestones")) == 9
    assert [p.name for p in (store / "milestones").iterdir()] == ["quarter=2024-25-Q1"]


def test_a_quarter_loaded_again_replaces_it_and_names_the_returns_it_no_longer_holds(returns, tmp_path, capsys):
    q1, _ = returns
    store = tmp_path / "store"
    assert _load(q1, "--store", store, "--out", tmp_path / "out") == 0
    assert _load(q1 / "place_q1_2024-25.xlsx", "--store", store, "--out", tmp_path / "out") == 0
    out = capsys.readouterr().out
    assert ("! 2024/25 Q1 milestones: adult_social_care_q1_2024-25.xlsx, childrens_services_q1_2024-25.xlsx gave this quarter "
            "before and are not in this load: no longer in the store") in out
    assert set(history(store, kind="milestones")["file"]) == {"place_q1_2024-25.xlsx"}


def test_a_target_changed_between_stored_quarters_is_named_in_the_checks(tmp_path, capsys):
    q1, q2 = write_returns(tmp_path / "raw", moved={"PLK2": 75})
    store = tmp_path / "store"
    assert _load(q1, "--store", store, "--out", tmp_path / "out") == 0
    assert _load(q2, "--store", store, "--out", tmp_path / "out") == 0
    said = capsys.readouterr().err
    assert "1 target moved during the year" in said and "measure PLK2 'Place measure 2': target 70 in 2024/25 Q1" in said
    # The quarter's briefing, from Q2's returns with Q1 from the store: its checks file names the target.
    frames = read_workbooks(q2, store=store)
    fig = quarter_figures(frames["milestones"], frames["measures"], "2024/25 Q2")
    page = write_checks(fig, frames, tmp_path / "checks.html").read_text(encoding="utf-8")
    assert "measure PLK2 &#x27;Place measure 2&#x27;: target 70 in 2024/25 Q1 ([place_q1_2024-25.xlsx]KPIs!5:5) is 75" in page
    assert "milestones for 2024/25 Q1 from the history store" in page


def test_the_store_is_a_parquet_dataset_pandas_reads_as_it_is(returns, tmp_path):
    q1, q2 = returns
    store = tmp_path / "store"
    assert _load(q1, q2, "--store", store, "--out", tmp_path / "out") == 0
    ms = pd.read_parquet(store / "milestones")
    assert len(ms) == 18 and set(ms["quarter"].astype(str)) == {"2024-25-Q1", "2024-25-Q2"}
    one = ms[(ms["milestone_id"] == "PL3") & (ms["period"] == "2024/25 Q2")].iloc[0]
    assert (one["file"], one["sheet"], one["cell"], one["status"]) == ("place_q2_2024-25.xlsx", "Milestones", "F6", "Amber")
    assert str(ms["loaded"].dtype) == "datetime64[us, UTC]"
    schemas = {pq.read_schema(p).remove_metadata() for p in (store / "measures").glob("*/part.parquet")}
    assert len(schemas) == 1  # one schema for every quarter's file


def test_the_readme_duckdb_query_runs_on_the_store(returns, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    from conftest import ROOT

    q1, q2 = returns
    store = tmp_path / "data" / "processed" / "history"
    assert _load(q1, q2, "--store", store, "--out", tmp_path / "out") == 0
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    query = readme.split("```sql\n", 1)[1].split("```", 1)[0]
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        got = duckdb.sql(query).fetchall()
    finally:
        os.chdir(cwd)
    assert ("2024/25 Q2", "Place", 3, 0, 2, 1) in got  # Place's three milestones: two amber, one green


def test_a_stopped_load_leaves_the_store_as_it_was(returns, tmp_path, monkeypatch):
    q1, q2 = returns
    store = tmp_path / "store"
    add_to_store(read_workbooks(q1, store=False), store)
    before = _rows(store)
    written = []
    real = store_module._write

    def stop_on_the_second(table, path):
        written.append(path)
        if len(written) == 2:
            raise KeyboardInterrupt
        real(table, path)

    monkeypatch.setattr(store_module, "_write", stop_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        add_to_store(read_workbooks([q1, q2], store=False), store)
    pd.testing.assert_frame_equal(_rows(store), before)
    assert not [p for p in store_module.versions_dir(store).iterdir() if p.name.startswith(".new-")]


@pytest.mark.parametrize("fails", ["store", "frames"])
def test_load_changes_its_frames_and_the_store_together_or_neither(returns, tmp_path, monkeypatch, capsys, fails):
    """The store on a full disk (its version cannot be written), or a frame file that cannot be replaced: the frames and
    the store both stay as they were. Before, the frames went in first and a full store left them new and it old."""
    import errno

    from perfkit.publish import export

    q1, q2 = returns
    out, store = tmp_path / "out", tmp_path / "store"
    assert _load(q1, "--out", out, "--store", store) == 0
    frames_before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    rows_before = _rows(store)
    if fails == "store":
        def full(table, path):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        monkeypatch.setattr(store_module, "_write", full)
    else:
        def unreplaceable(files, overwrite=True):
            raise PermissionError(errno.EPERM, "Operation not permitted", str(next(iter(files))))
        monkeypatch.setattr(export, "install_set", unreplaceable)
    capsys.readouterr()
    assert _load(q2, "--out", out, "--store", store) == 1
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == frames_before
    pd.testing.assert_frame_equal(_rows(store), rows_before)
    said = capsys.readouterr()
    assert "wrote " not in said.out
    if fails == "store":
        assert f"cannot write the history store at {store}: the disk is full" in said.err and "nothing was changed" in said.err


def test_a_year_figure_at_a_quarter_replaces_only_that_span():
    """A service plan's outturn column, loaded later, sits at Q4 beside the quarter's figures: neither replaces the other."""
    measures = pd.DataFrame({"measure_id": ["K1"], "name": ["Bins"], "period": pd.PeriodIndex(["2024Q4"], freq="Q-MAR"),
                             "actual": [90.0], "target": [95.0], "span": ["quarter"], "source": ["KPIs!G5"]})
    year = measures.assign(actual=[88.0], span=["year"], source=["Plan!D4"])
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        add_to_store({"measures": measures}, f"{tmp}/store", file="q4.xlsx")
        add_to_store({"measures": year}, f"{tmp}/store", file="plan.xlsx")
        held = history(f"{tmp}/store", kind="measures")
        assert sorted(zip(held["span"], held["actual"], held["file"])) == [("quarter", 90.0, "q4.xlsx"), ("year", 88.0, "plan.xlsx")]


def test_a_column_a_later_load_brings_is_added_to_every_quarter(tmp_path):
    first = pd.DataFrame({"milestone_id": ["M1"], "title": ["Open the hub"], "period": pd.PeriodIndex(["2024Q1"], freq="Q-MAR"),
                          "status": ["Green"], "source": ["Ms!F4"]})
    later = first.assign(period=pd.PeriodIndex(["2024Q2"], freq="Q-MAR"), directorate=["Place"])
    add_to_store({"milestones": first}, tmp_path / "store", file="q1.xlsx")
    add_to_store({"milestones": later}, tmp_path / "store", file="q2.xlsx")
    parts = list(quarters_held(tmp_path / "store", "milestones").values())
    assert [("directorate" in pq.read_schema(p).names) for p in parts] == [True, True]
    held = history(tmp_path / "store", kind="milestones")["directorate"]
    assert held.isna().tolist() == [True, False] and held.iloc[1] == "Place"


def test_another_plans_store_is_not_used_and_said_so(returns, tmp_path, capsys, sample_path, monkeypatch):
    _, q2 = returns
    assert _load(sample_path, "--store", tmp_path / "sample-store", "--out", tmp_path / "out") == 0
    capsys.readouterr()
    assert main(["summary", str(q2), "--json", "--store", str(tmp_path / "sample-store")]) == 0
    got = capsys.readouterr()
    assert "warning  " in got.err and "but none of this workbook's 9 milestones is in it: not used" in got.err
    assert main(["summary", str(q2), "--json", "--no-store"]) == 0
    with_store, without = json.loads(got.out), json.loads(capsys.readouterr().out)
    assert any("none of this workbook's 9 milestones is in it" in w["message"] for w in with_store.pop("warnings"))
    assert without.pop("warnings") == [] and with_store == without  # the figures the same, the warning said in both places
    monkeypatch.setenv("PERFKIT_STORE", str(tmp_path / "sample-store"))  # the default store, another plan's: a note, not a warning
    assert main(["summary", str(q2)]) == 0
    err = capsys.readouterr().err
    assert "perfkit: note: the history store" in err and "warning" not in err


def test_perfkit_history_lists_the_quarters_held(returns, tmp_path, capsys):
    q1, q2 = returns
    store = tmp_path / "store"
    assert _load(q1, q2, "--store", store, "--out", tmp_path / "out") == 0
    capsys.readouterr()
    assert main(["history", "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"History store {store}: 2 quarters, 6 files")
    assert "  2024/25 Q1: 6 measures, 9 milestones; from adult_social_care_q1_2024-25.xlsx, " in out
    assert main(["history", "--store", str(store), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {(r["kind"], r["period"]) for r in doc["held"]} == {(k, p) for k in ("milestones", "measures") for p in ("2024/25 Q1", "2024/25 Q2")}


def test_stored_rows_take_the_analysis_as_a_workbooks_frame_does(returns, tmp_path):
    q1, q2 = returns
    store = tmp_path / "store"
    add_to_store(read_workbooks([q1, q2], store=False), store)
    ms = perfkit.history(store, kind="milestones")
    assert ms["period"].dtype == pd.PeriodDtype("Q-MAR") and ms["status"].cat.ordered
    streaks = perfkit.streaks(ms, "2024/25 Q2").set_index("milestone_id")
    assert streaks.loc["PL3", "quarters"] == 2  # amber in Q1 and Q2


@pytest.mark.parametrize("where", ["file", "other files"])
def test_a_store_where_there_is_none_is_refused_in_one_line(tmp_path, capsys, returns, where):
    target = tmp_path / "store"
    if where == "file":
        target.write_text("x")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("x")
    assert _load(returns[0], "--store", target, "--out", tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert f"cannot keep the history store at {target}" in err and "Traceback" not in err


def test_the_default_store_is_used_where_there_is_one(returns, monkeypatch, tmp_path, capsys):
    q1, q2 = returns
    default = tmp_path / "processed" / "history"
    monkeypatch.setenv("PERFKIT_STORE", str(default))
    assert _load(q1, "--out", tmp_path / "out", "--store", default) == 0
    capsys.readouterr()
    frames = read_workbooks(q2)  # no store named: the default store
    assert set(frames["milestones"]["period"].map(perfkit.period_label)) == {"2024/25 Q1", "2024/25 Q2"}
    frames = read_workbooks(q2, store=False)
    assert set(frames["milestones"]["period"].map(perfkit.period_label)) == {"2024/25 Q2"}
    write_return(q2, "Place", 2)  # unchanged: still one row per item per quarter
    assert len(read_workbooks(q2)["milestones"]) == 18
