import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfkit
from perfkit import assess_measures


def frame(**cols):
    return pd.DataFrame(cols)


@pytest.mark.parametrize(
    "polarity, target, actual, status",
    [("higher", 95, 95, "Green"), ("higher", 95, 96, "Green"), ("higher", 95, 91, "Amber"), ("higher", 95, 90.25, "Amber"),
     ("higher", 95, 90.2, "Red"), ("lower", 20, 20, "Green"), ("lower", 20, 21, "Amber"), ("lower", 20, 21.5, "Red"),
     ("none", 20, 21, "Data only"), ("higher", None, 5, "Data only"), ("higher", 95, None, "No data"), ("lower", None, None, "No data")],
)
def test_rules_with_default_tolerance(polarity, target, actual, status):
    out = assess_measures(frame(polarity=[polarity], target=[target], actual=[actual]))
    assert str(out["status"].iloc[0]) == status


def test_floating_point_at_the_target_counts_as_met():
    out = assess_measures(frame(polarity=["higher"], target=[0.3], actual=[0.1 + 0.2]))
    assert out["status"].iloc[0] == "Green"


def test_tolerance_percent_and_absolute():
    out = assess_measures(frame(
        polarity=["higher", "higher", "lower", "lower"], target=[100.0, 100.0, 10.0, 10.0], actual=[90.0, 89.0, 12.0, 12.5],
        tolerance=[10.0, 10.0, 2.0, 2.0], tolerance_type=["percent", "percent", "absolute", "absolute"],
    ))
    assert list(out["status"].astype(str)) == ["Amber", "Red", "Amber", "Red"]


def test_range_polarity():
    out = assess_measures(frame(
        polarity=["range"] * 5, target=[np.nan, np.nan, np.nan, 100.0, 100.0], target_low=[90.0, 90.0, 90.0, np.nan, np.nan],
        target_high=[95.0, 95.0, 95.0, np.nan, np.nan], actual=[92.0, 97.0, 80.0, 104.0, 111.0],
    ))
    # inside the range; just outside (within 5% of the midpoint 92.5); far outside; target 100 +- 5 as the range
    assert list(out["status"].astype(str)) == ["Green", "Amber", "Red", "Green", "Red"]


def test_status_differs_flags_disagreement_and_keeps_reported():
    m = frame(polarity=["higher", "higher", "higher"], target=[10.0, 10.0, 10.0], actual=[5.0, 11.0, np.nan],
              reported_status=pd.Categorical(["Green", "Green", None], dtype=perfkit.DEFAULT_SCALE.dtype))
    out = assess_measures(m)
    assert list(out["status_differs"]) == [True, False, False]
    assert list(out["reported_status"].astype(object))[:2] == ["Green", "Green"]


def test_input_is_not_changed():
    m = frame(polarity=["higher"], target=[1.0], actual=[2.0])
    before = m.copy()
    out = assess_measures(m)
    pd.testing.assert_frame_equal(m, before)
    assert "status" in out and "status" not in m


def test_missing_actual_is_never_dropped_or_red(sample_path):
    kp = perfkit.read_measures(sample_path)
    out = assess_measures(kp)
    assert len(out) == len(kp)
    missing = out[out["actual"].isna()]
    assert len(missing) and set(missing["status"].astype(str)) == {"No data"}


values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=200)
@given(st.lists(st.tuples(values, values, st.sampled_from(["higher", "lower"])), min_size=1, max_size=30))
def test_mirroring_values_and_swapping_polarity_swaps_green_and_red(rows):
    targets, actuals, pols = map(list, zip(*rows))
    a = assess_measures(frame(polarity=pols, target=targets, actual=actuals, tolerance=[0.0] * len(rows), tolerance_type=["absolute"] * len(rows)))
    swapped = ["lower" if p == "higher" else "higher" for p in pols]
    b = assess_measures(frame(polarity=swapped, target=[-t for t in targets], actual=[-x for x in actuals], tolerance=[0.0] * len(rows), tolerance_type=["absolute"] * len(rows)))
    # mirrored values with swapped polarity are the same judgement...
    assert list(a["status"].astype(str)) == list(b["status"].astype(str))
    # ...and swapping polarity alone turns Green into Red except where actual equals target
    c = assess_measures(frame(polarity=swapped, target=targets, actual=actuals, tolerance=[0.0] * len(rows), tolerance_type=["absolute"] * len(rows)))
    for s1, s2, t, x in zip(a["status"].astype(str), c["status"].astype(str), targets, actuals):
        if abs(t - x) > 1e-9 * max(1.0, abs(t)):
            assert {s1, s2} == {"Green", "Red"}


def _status_by_hand(r, default_tolerance=5.0):
    """The README's rules for one row, written plainly: the reference for the vectorised assess_measures."""
    nan = lambda v: v is None or (isinstance(v, float) and np.isnan(v))  # noqa: E731
    if nan(r["actual"]):
        return "No data"
    low, high, target = r["target_low"], r["target_high"], r["target"]
    has_range = not nan(low) and not nan(high)
    base = (low + high) / 2 if nan(target) else target
    if nan(base) or r["polarity"] not in ("higher", "lower", "range"):
        return "Data only"
    if nan(r["tolerance"]):
        tol = abs(base) * default_tolerance / 100
    elif r["tolerance_type"] == "absolute":
        tol = r["tolerance"]
    else:
        tol = abs(base) * r["tolerance"] / 100
    if r["polarity"] == "higher":
        gap = r["actual"] - target
    elif r["polarity"] == "lower":
        gap = target - r["actual"]
    else:
        lo, hi = (low, high) if has_range else (target - tol, target + tol)
        gap = min(r["actual"] - lo, hi - r["actual"])
    eps = 1e-9 * max(1.0, abs(base))
    if gap >= -eps:
        return "Green"
    return "Amber" if gap >= -tol - eps else "Red"


@given(st.lists(st.tuples(
    st.sampled_from(["higher", "lower", "range", "none", None]),
    st.one_of(st.none(), st.floats(-100, 100)), st.one_of(st.none(), st.floats(-100, 100)),
    st.one_of(st.none(), st.floats(0, 30)), st.sampled_from(["percent", "absolute"]),
    st.one_of(st.none(), st.floats(-100, 100)), st.one_of(st.none(), st.floats(0, 50)),
), min_size=1, max_size=40))
@settings(max_examples=200, deadline=None)
def test_vectorised_rules_equal_the_rules_row_by_row(rows):
    m = pd.DataFrame(rows, columns=["polarity", "target", "actual", "tolerance", "tolerance_type", "target_low", "width"], dtype=object)
    m["target_low"] = pd.to_numeric(m["target_low"])
    m["target_high"] = m["target_low"] + pd.to_numeric(m["width"])
    m = m.drop(columns="width")
    for c in ("target", "actual", "tolerance"):
        m[c] = pd.to_numeric(m[c])
    before = m.copy()
    got = assess_measures(m)["status"].astype(str).tolist()
    want = [_status_by_hand(r) for r in m.to_dict("records")]
    assert got == want
    pd.testing.assert_frame_equal(m, before)  # the input is not changed


@pytest.mark.parametrize("block", [1, 7, 64])
def test_rules_hold_across_the_blocks_rows_are_worked_in(block, monkeypatch):
    """assess_measures works through rows in blocks with bit-mask choices: every row agrees with the rules row by row,
    however the blocks fall (each kind of row on both sides of a block's edge, values at the tolerance's edges)."""
    from perfkit.analyse import assess  # deferred: the module itself, to set its block size for this test

    monkeypatch.setattr(assess, "_BLOCK", block)
    rng = np.random.default_rng(24)
    n = 600
    target = np.where(rng.random(n) < 0.1, np.nan, rng.choice([0.0, -40.0, 0.3, 95.0, 100.0], n))
    tolerance = np.where(rng.random(n) < 0.5, np.nan, rng.choice([0.0, 2.0, 10.0], n))
    low = np.where(rng.random(n) < 0.7, np.nan, rng.choice([80.0, 90.0], n))
    # actuals on the target, at its tolerance's edges and beyond them, and far off
    edge = np.abs(target) * np.where(np.isnan(tolerance), 5.0, tolerance) / 100
    actual = target + rng.choice([-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0], n) * edge + rng.choice([0.0, 0.0, 1e-12, -1e-12, 7.0], n)
    actual[rng.random(n) < 0.1] = np.nan
    m = pd.DataFrame({
        "polarity": pd.Categorical(rng.choice(["higher", "lower", "range", "none", None], n, p=[0.35, 0.3, 0.2, 0.1, 0.05]), categories=perfkit.schema.POLARITIES),
        "target": target, "actual": actual, "tolerance": tolerance,
        "tolerance_type": rng.choice(["percent", "absolute"], n), "target_low": low, "target_high": low + 10.0,
    })
    got = assess_measures(m)["status"].astype(str).tolist()
    want = [_status_by_hand(r) for r in m.to_dict("records")]
    assert got == want
    assert {"Green", "Amber", "Red", "Data only", "No data"} <= set(got)


def test_a_service_calling_a_measure_with_no_target_not_applicable_is_not_applicable():
    """A contract's 'Not applicable' for an indicator with no threshold, with a figure: it became Data only at Q2 (and
    was Not applicable at Q1, with no figure), so one measure changed category between quarters."""
    m = pd.DataFrame({"polarity": ["higher", "higher", "higher"], "target": [None, None, 90.0], "actual": [120.0, None, 93.0],
                      "reported_status": ["Not applicable", "Not applicable", "Green"]})
    assert list(assess_measures(m)["status"].astype(str)) == ["Not applicable", "Not applicable", "Green"]
