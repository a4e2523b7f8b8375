"""SPC: perfkit.spc against the Making Data Count definition, two ways.

1. A reference in this file, written independently from the published definition as literally as
   possible (plain loops over every window a point belongs to, nothing shared with perfkit/spc.py):
   mean, limits and every special-cause flag must agree point by point.
2. abspc, the Python port of Making Data Count on PyPI (NHS-R's NHSRplotthedots is R), wherever it
   defines the same thing: the mean, the mean moving range behind the limits (when no moving range
   is screened out: abspc does not screen, and uses 3 / 1.128 for 2.66), and the beyond-a-limit,
   shift and trend rules at the method's run of seven. Its two-of-three rule counts only points
   inside the limits, so it is not compared.

The reference follows NHSRplotthedots (the NHS-R Community's R package) rule by rule: in the
two-of-three rule a point beyond a limit is not close to it, and all three points of the window
must be on the same side of the mean. With ``rules="Western Electric"`` it follows the older
reading, which counts a point beyond a limit as near it and asks only the near points to share a side.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from perfkit.core.errors import ConfigError
from perfkit.analyse.spc import spc

from conftest import REALDATA


def reference(x, rules="NHSRplotthedots"):
    """Mean, limits and special-cause flags of one phase, point by point, from the method's definition."""
    x = [float(v) for v in x]
    n = len(x)
    mean = sum(x) / n
    mrs = [abs(x[i] - x[i - 1]) for i in range(1, n)]
    amr = sum(mrs) / len(mrs)
    kept = [m for m in mrs if m <= 3.267 * amr]
    amr = sum(kept) / len(kept)
    upper, lower = mean + 2.66 * amr, mean - 2.66 * amr
    near_up = mean + (upper - mean) * 2 / 3
    near_down = mean - (mean - lower) * 2 / 3
    flags = []
    for i in range(n):
        beyond = x[i] > upper or x[i] < lower
        shift = trend = two = False
        for start in range(i - 6, i + 1):  # every window of seven points holding point i
            if start < 0 or start + 7 > n:
                continue
            w = x[start:start + 7]
            if all(v > mean for v in w) or all(v < mean for v in w):
                shift = True
            if all(w[j + 1] > w[j] for j in range(6)) or all(w[j + 1] < w[j] for j in range(6)):
                trend = True
        for start in range(i - 2, i + 1):  # every window of three holding point i
            if start < 0 or start + 3 > n:
                continue
            w = x[start:start + 3]
            if rules == "Western Electric":
                if x[i] > near_up and sum(v > near_up for v in w) >= 2:
                    two = True
                if x[i] < near_down and sum(v < near_down for v in w) >= 2:
                    two = True
            else:
                def close(v):
                    return (v > near_up or v < near_down) and lower <= v <= upper
                same_side = all(v > mean for v in w) or all(v < mean for v in w)
                if close(x[i]) and same_side and sum(close(v) for v in w) >= 2:
                    two = True
        flags.append(beyond or shift or trend or two)
    return mean, lower, upper, flags


def reference_labels(x, polarity="higher"):
    """Each point's variation as NHSRplotthedots labels it, written from its R source line by line
    (R/ptd_calculate_point_type.R: ptd_special_cause_type and ptd_point_type, nhs-r-community, 2024).

    The rule flags come from :func:`reference`; the label: beyond a limit by side ("Above UCL"), else a point of a
    seven-point trend by the trend's way ("7 Point Trend (Increasing)": the step to its right where the next point
    is in the trend too, else the step to its left; a step of 0 reads "Decreasing"), else two in three by side, else
    a shift by side; "Above" and "Increasing" are improvement when higher is better.
    """
    x = [float(v) for v in x]
    n = len(x)
    mean, lower, upper, flags = reference(x)
    rtm = [(v > mean) - (v < mean) for v in x]
    outside = [v > upper or v < lower for v in x]

    def seven_trend():  # ptd_seven_point_trend: 1 or -1 at the last point of seven steadily rising or falling
        out = [0] * n
        for i in range(6, n):
            d = [-((x[i - k] > x[i - k - 1]) - (x[i - k] < x[i - k - 1])) * -1 for k in range(6)]
            out[i] = 1 if all(v == 1 for v in d) else (-1 if all(v == -1 for v in d) else 0)
        return out

    def part_of_seven(v):  # ptd_part_of_seven_trend: this point or one of the next six ends a run of seven
        return [int(any(abs(v[j]) == 1 for j in range(i, min(i + 7, n)))) for i in range(n)]

    def seven_one_side():  # ptd_seven_point_one_side_mean
        return [int(i >= 6 and rtm[i] != 0 and all(rtm[i - k] == rtm[i] for k in range(1, 7))) for i in range(n)]

    close = [(not outside[i]) and (x[i] < mean - (mean - lower) * 2 / 3 or x[i] > mean + (upper - mean) * 2 / 3) for i in range(n)]

    def two_in_three():  # ptd_two_in_three then ptd_part_of_two_in_three
        vp, rp = [0, 0] + [int(c) for c in close] + [0, 0], [0, 0] + rtm + [0, 0]
        hit = [any(sum(vp[i + a:i + a + 3]) >= 2 and abs(sum(rp[i + a:i + a + 3])) == 3 for a in range(3)) for i in range(n)]
        return [int(h and close[i]) for i, h in enumerate(hit)]

    trend, two, shift = part_of_seven(seven_trend()), two_in_three(), part_of_seven(seven_one_side())
    sdy = [(x[i + 1] > x[i]) - (x[i + 1] < x[i]) for i in range(n - 1)]
    labels = []
    for i in range(n):
        if outside[i]:
            kind = "Above UCL" if rtm[i] == 1 else "Below LCL"
        elif trend[i]:
            step = (sdy + sdy[-1:])[i] if (i + 1 < n and trend[i + 1]) else ([0] + sdy)[i]
            kind = "7 Point Trend (Increasing)" if step == 1 else "7 Point Trend (Decreasing)"
        elif two[i]:
            kind = "2 in 3 " + ("Above" if rtm[i] > 0 else "Below") + " CL"
        elif shift[i]:
            kind = "7 Points " + ("Above" if rtm[i] > 0 else "Below") + " CL"
        else:
            labels.append("common cause")
            continue
        up = "Above" in kind or "Increasing" in kind
        labels.append("special cause improving" if up == (polarity == "higher") else "special cause concerning")
    assert [lab != "common cause" for lab in labels] == flags  # the label's flags are the rules' flags
    return labels


def _series(values, start="2022-04"):
    return pd.Series(values, index=pd.period_range(start, periods=len(values), freq="M"), name="Measure")


def _check_against_reference(values, polarity="higher", rules="NHSRplotthedots"):
    r = spc(_series(values), polarity, rules=rules)
    mean, lower, upper, flags = reference(values, rules)
    np.testing.assert_allclose(r["mean"], mean, rtol=1e-12)
    np.testing.assert_allclose(r["lower_limit"], lower, rtol=1e-12)
    np.testing.assert_allclose(r["upper_limit"], upper, rtol=1e-12)
    assert r["special_cause"].tolist() == flags
    if polarity in ("higher", "lower") and rules == "NHSRplotthedots":
        assert r["variation"].tolist() == reference_labels(values, polarity)
    return r


@pytest.mark.parametrize("seed", range(30))
def test_agrees_with_reference_on_synthetic_series(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(15, 60))
    values = rng.normal(50, 5, n)
    kind = seed % 5
    if kind == 1:
        values[n // 2:] += 6  # a shift
    elif kind == 2:
        values += np.linspace(0, 15, n)  # a drift, with trends
    elif kind == 3:
        values[int(rng.integers(0, n))] += 40  # a spike, whose moving ranges are screened out
    elif kind == 4:
        values = np.round(values)  # ties with the mean and flat steps
    _check_against_reference(values)


def test_hand_worked_example():
    values = [50, 52, 49, 51, 50, 48, 52, 50, 51, 49, 50, 62, 51, 50, 49]
    r = spc(_series(values), "lower", target=60)
    # mean 764 / 15; moving ranges 2,3,2,1,2,4,2,1,2,1,12,11,1,1 (sum 45, mean 3.214); 12 and 11 are above
    # 3.267 x 3.214 = 10.5, so the mean moving range is 22 / 12
    assert r["mean"].iloc[0] == pytest.approx(764 / 15)
    assert r["upper_limit"].iloc[0] == pytest.approx(764 / 15 + 2.66 * 22 / 12)
    assert r.attrs["screened"] == 2
    assert r["special_cause"].tolist() == [False] * 11 + [True] + [False] * 3
    assert r["beyond_limit"].iloc[11] and r["direction"].iloc[11] == "high"
    assert r["variation"].iloc[11] == "special cause concerning"  # lower is better, so a high point concerns
    assert r["variation"].iloc[0] == "common cause"
    assert r.attrs["assurance"] == "consistently passing"  # target 60 is above the upper limit, lower is better


def test_shift_of_seven_but_not_six():
    base = [12, 10] * 4
    six = _series(base + [13] * 6 + [10, 10])
    seven = _series(base + [13] * 7 + [10, 10])
    assert not spc(six, "higher")["shift"].any()
    r = spc(seven, "higher")
    assert r["shift"].tolist() == [False] * 8 + [True] * 7 + [False] * 2
    assert set(r.loc[r["shift"], "variation"]) == {"special cause improving"}


def test_trend_of_seven_rising():
    values = [10, 11, 10, 11, 10, 11, 9, 9.5, 10, 10.5, 11, 11.5, 12, 10, 11, 10]
    r = _check_against_reference(values)
    assert r["trend"].tolist()[6:13] == [True] * 7 and not r["trend"].iloc[5] and not r["trend"].iloc[13]
    assert set(r.loc[r["trend"] & ~r["beyond_limit"] & ~r["shift"] & ~r["two_of_three"], "direction"]) <= {"high"}
    six = [10, 11, 10, 11, 10, 11, 9.5, 10, 10.5, 11, 11.5, 12, 10, 11, 10]
    assert not spc(_series(six), "higher")["trend"].any()


def test_two_of_three_near_a_limit():
    values = [10, 11] * 15
    values[10:13] = [13.3, 11.0, 13.3]  # mean 10.72, upper limit about 13.95: 13.3 is beyond two-thirds, inside the limit
    r = _check_against_reference(values)
    assert r["two_of_three"].tolist()[10:13] == [True, False, True]
    assert not r["beyond_limit"].any() and r["special_cause"].sum() == 2
    values[12] = 12.5  # one of three is not enough
    assert not spc(_series(values), "higher")["special_cause"].any()


def test_two_of_three_needs_all_three_on_one_side_unless_western_electric():
    values = [10, 11] * 15
    values[10:13] = [13.3, 10.4, 13.3]  # the middle point is below the mean (10.7)
    r = _check_against_reference(values)
    assert not r["two_of_three"].any() and not r["special_cause"].any()
    old = _check_against_reference(values, rules="Western Electric")
    assert old["two_of_three"].tolist()[10:13] == [True, False, True] and old.attrs["rules"] == "Western Electric"


def test_a_point_beyond_a_limit_is_not_close_to_it():
    values = [10, 11] * 15
    values[10:12] = [16.0, 13.3]  # beyond the upper limit, then close to it: one close point, not two
    r = _check_against_reference(values)
    assert r["beyond_limit"].tolist()[10:12] == [True, False] and not r["two_of_three"].any()
    assert r.attrs["rules"] == "NHSRplotthedots"
    old = _check_against_reference(values, rules="Western Electric")
    assert old["two_of_three"].tolist()[10:12] == [True, True]


def test_rules_are_named():
    assert spc(_series([10.0, 11] * 8), "higher", rules="western electric").attrs["rules"] == "Western Electric"
    with pytest.raises(ConfigError, match="NHSRplotthedots"):
        spc(_series([10.0, 11] * 8), "higher", rules="Nelson")


def test_polarity_none_gives_neither_and_no_assurance():
    values = [10, 11, 10, 11, 10, 11, 10, 30, 10, 11, 10, 11, 10, 11, 10]
    r = spc(_series(values), "none", target=5)
    assert r["variation"].iloc[7] == "special cause neither"
    assert r.attrs["assurance"] is None
    with pytest.raises(ConfigError):
        spc(_series(values), "sideways")


@pytest.mark.parametrize("target,polarity,want", [
    (5, "higher", "consistently passing"), (20, "higher", "consistently failing"), (10.5, "higher", "hit and miss"),
    (5, "lower", "consistently failing"), (20, "lower", "consistently passing"), (None, "higher", None),
])
def test_assurance(target, polarity, want):
    values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10]
    assert spc(_series(values), polarity, target=target).attrs["assurance"] == want


def test_baseline_fixes_limits_on_the_first_points():
    values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 15, 16, 15, 16, 15, 16, 15]
    r = spc(_series(values), "higher", baseline=15)
    mean, lower, upper, _ = reference(values[:15])
    np.testing.assert_allclose(r["mean"], mean)
    assert r["upper_limit"].iloc[-1] == pytest.approx(upper)
    assert r["special_cause"].iloc[15:].all()  # the later rise is special cause against the baseline's limits
    with pytest.raises(ConfigError):
        spc(_series(values), baseline=1)


def test_rebase_gives_each_phase_its_own_limits_and_rules():
    first = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10]
    second = [20, 21, 20, 22, 20, 21, 20, 21, 20, 21, 22, 21, 20, 21, 20]
    s = _series(first + second)
    r = spc(s, "higher", rebase=s.index[15])
    assert r["phase"].tolist() == [0] * 15 + [1] * 15
    assert r["mean"].iloc[0] == pytest.approx(reference(first)[0]) and r["mean"].iloc[-1] == pytest.approx(reference(second)[0])
    assert r["special_cause"].tolist() == reference(first)[3] + reference(second)[3]
    # rebasing by a date string works on a PeriodIndex and on a DatetimeIndex
    assert spc(s, "higher", rebase="2023-07")["phase"].iloc[15] == 1
    ds = pd.Series(first + second, index=pd.date_range("2022-04-01", periods=30, freq="MS"))
    assert spc(ds, "higher", rebase="2023-07-01")["phase"].tolist() == [0] * 15 + [1] * 15
    with pytest.raises(ConfigError):
        spc(s, rebase="2030-01")


def test_missing_values_and_short_series_are_said_aloud():
    values = [10, 11, np.nan, 11, 10, 11, 10, 11]
    r = spc(_series(values), "higher")
    assert r["variation"].isna().tolist() == [False, False, True] + [False] * 5
    assert r["mean"].iloc[0] == pytest.approx(np.nanmean(values))
    messages = " ".join(p.message for p in r.attrs["problems"])
    assert "at least 15" in messages and "no value" in messages
    # an unsorted index is put in time order
    shuffled = _series([1.0, 2.0, 3.0]).iloc[[2, 0, 1]]
    assert spc(shuffled)["value"].tolist() == [1.0, 2.0, 3.0]


@pytest.mark.realdata
def test_agrees_with_reference_on_nhs_four_hour_performance():
    path = REALDATA / "nhse_ae_4hr_by_provider_2023_2024.csv"
    if not path.exists():
        pytest.skip("realdata absent")
    data = pd.read_csv(path, na_values=["-"])
    data["month"] = pd.PeriodIndex(data["month"], freq="M")
    checked = 0
    for org, g in data.groupby("org_code"):
        s = g.set_index("month")["pct_within_4h_actual"].sort_index()
        if s.notna().sum() < 15 or s.isna().any():
            continue
        r = spc(s, "higher", target=0.76)
        mean, lower, upper, flags = reference(s.to_numpy())
        np.testing.assert_allclose(r["mean"], mean, rtol=1e-12)
        np.testing.assert_allclose(r["lower_limit"], lower, rtol=1e-12)
        np.testing.assert_allclose(r["upper_limit"], upper, rtol=1e-12)
        assert r["special_cause"].tolist() == flags, org
        labels = reference_labels(s.to_numpy())
        differ = [str(p) for p, a, b in zip(s.index, r["variation"], labels) if a != b]
        assert not differ, f"{org}: labelled otherwise than NHSRplotthedots at {differ}"
        checked += 1
    assert checked >= 150


def test_a_point_in_a_falling_trend_above_the_mean_concerns_as_nhsrplotthedots_labels_it():
    """Seven months falling in a higher-is-better measure, all above the mean (a shift too): NHSRplotthedots labels
    them "7 Point Trend (Decreasing)", special cause concern, ahead of their side of the mean (as on trust RJ1's
    A&E in 2023); the Western Electric reading keeps the side of the mean first."""
    values = [50, 60, 45, 58, 47, 61, 44, 66, 64, 62, 60, 58, 56, 54.5, 46, 50, 44, 52, 45, 51, 43]
    r = spc(_series(values), "higher")
    fall = slice(7, 14)
    assert r["trend"].iloc[fall].all() and r["shift"].iloc[fall].all() and (r["value"].iloc[fall] > r["mean"].iloc[fall]).all()
    assert set(r["variation"].iloc[fall]) == {"special cause concerning"} and set(r["direction"].iloc[fall]) == {"low"}
    assert r["variation"].tolist() == reference_labels(values)
    we = spc(_series(values), "higher", rules="Western Electric")
    assert set(we["variation"].iloc[fall]) == {"special cause improving"}


def test_a_rising_trend_below_the_mean_improves_and_a_shift_alone_goes_by_its_side():
    values = [60, 50, 62, 48, 61, 49, 63, 40, 41, 42, 43, 44, 45, 46, 47, 52, 64, 50, 61, 49]
    r = spc(_series(values), "higher")
    rise = slice(7, 15)
    assert r["trend"].iloc[rise].all()
    assert set(r["variation"].iloc[rise]) == {"special cause improving"}  # rising, though below the mean
    assert r["variation"].tolist() == reference_labels(values)


def test_perfkit_spc_is_callable():
    import perfkit

    r = perfkit.spc(_series([1.0, 2.0, 1.0, 2.0]), "higher")
    assert list(r.columns[:6]) == ["value", "mean", "lower_limit", "upper_limit", "special_cause", "variation"]


def test_spc_chart_says_variation_and_assurance_in_words():
    from perfkit.present import charts

    values = [5.0, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 15]
    r = spc(_series(values), "lower", target=4)
    chart = charts.spc_chart(r, "Days to process")
    assert chart.png.startswith(b"\x89PNG")
    assert "special cause concerning at Jun 2023" in chart.alt
    assert "Latest point: special cause concerning" in chart.alt and "the process is hit and miss" in chart.alt
    assert 'alt="Statistical process control chart of Days to process' in chart.to_html()
    assert "Apr 2022" in chart.alt and "2022Q" not in chart.alt
    calm = charts.spc_chart(spc(_series([5.0, 6] * 8), "higher"))
    assert "common cause variation only" in calm.alt


def test_spc_measures_takes_measures_with_enough_points():
    from perfkit.analyse.spc import spc_measures

    periods = list(pd.period_range("2019Q1", periods=16, freq="Q-MAR"))
    m = pd.DataFrame({
        "measure_id": ["K1"] * 16 + ["K2"] * 16, "name": ["Calls"] * 16 + ["Complaints"] * 16,
        "polarity": ["higher"] * 16 + ["lower"] * 16, "target": [90.0] * 15 + [95.0] + [None] * 16,
        "actual": [91.0, 92.0] * 8 + [5.0] * 2 + [None] * 14, "period": periods * 2,
    }).iloc[::-1]  # out of order: sorted by period inside
    got = spc_measures(m)
    assert list(got) == ["K1"]  # K2 has 2 actuals
    r = got["K1"]
    assert r.attrs["target"] == 95.0 and r.attrs["assurance"] == "consistently failing"
    assert r.attrs["name"] == "K1 Calls" and r.index.is_monotonic_increasing


def test_rebase_on_financial_quarters():
    values = [10.0, 11.0] * 8 + [20.0, 21.0] * 8
    s = pd.Series(values, index=pd.period_range("2016Q1", periods=32, freq="Q-MAR"))
    from perfkit.core.periods import period_label

    r = spc(s, "higher", rebase="2020/21 Q1")
    first_new = r.index[r["phase"] == 1][0]
    assert period_label(first_new) == "2020/21 Q1"
    with pytest.raises(ConfigError):
        spc(s, rebase="not a quarter")


def test_describe_and_briefing_section():
    from perfkit.core.palette import contrast_ratio
    from perfkit.present.charts import SPC_STYLE
    from perfkit.present.spc import briefing_section, describe

    for colour, _, _ in SPC_STYLE.values():
        assert contrast_ratio(colour, "#ffffff") >= 3
    r = spc(_series([10.0, 11.0] * 8, start="2023-04"), "lower", target=15)
    assert describe(r) == ("Measure: the latest point (Jul 2024) is within the process's usual variation (common cause). "
                           "Against the target of 15.0 the process is consistently passing: every point it gives will meet the target.")
    m = pd.DataFrame({"measure_id": ["K1"] * 16 + ["K2"] * 4, "name": "Calls", "polarity": "higher", "target": 95.0,
                      "actual": [91.0, 92.0] * 8 + [1.0] * 4,
                      "period": list(pd.period_range("2020Q1", periods=16, freq="Q-MAR")) * 1 + list(pd.period_range("2020Q1", periods=4, freq="Q-MAR"))})
    html = briefing_section(m)
    assert html.count("<figure") == 1 and "consistently failing" in html and '<h2 id="spc">' in html
    assert briefing_section(m[m["measure_id"] == "K2"]) == ""


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.lists(st.integers(0, 6), min_size=3, max_size=40))
@settings(max_examples=300, deadline=None)
def test_agrees_with_reference_on_any_small_integer_series(values):
    """Small integers make ties with the mean, flat steps and points exactly on the two-thirds lines."""
    if len(set(values)) == 1:
        values = values + [values[0] + 1]
    _check_against_reference([float(v) for v in values])


def _check_against_abspc(values):
    """Where abspc (a Python port of Making Data Count on PyPI) defines the same thing, it must agree point by point.

    abspc computes the mean and the mean moving range as we do, but without screening and with
    3 / 1.128 for 2.66; its shift and trend rules take a run length, given here as the method's 7;
    its two-of-three rule counts only points inside the limits, so that one is not compared.
    Returns whether the limits were compared (no moving range screened out).
    """
    abspc = pytest.importorskip("abspc.spc")
    values = np.asarray(values, dtype=float)
    ours = spc(_series(values), "higher")
    theirs = abspc.calculate_control_limits(pd.DataFrame({"value": values}), "XmR")
    np.testing.assert_allclose(ours["mean"], theirs["mean"], rtol=1e-12)
    compared = ours.attrs["screened"] == 0
    if compared:  # the same mean moving range behind both sets of limits
        np.testing.assert_allclose((ours["upper_limit"] - ours["mean"]) / 2.66, (theirs["ucl"] - theirs["mean"]).to_numpy() / (3 / 1.128), rtol=1e-9)
        np.testing.assert_allclose((ours["mean"] - ours["lower_limit"]) / 2.66, (theirs["mean"] - theirs["lcl"]).to_numpy() / (3 / 1.128), rtol=1e-9)
    mean, lo, hi = ours["mean"].to_numpy(), ours["lower_limit"].to_numpy(), ours["upper_limit"].to_numpy()
    assert ours["beyond_limit"].tolist() == abspc._rule1_astronomical(values, hi, lo).tolist()
    assert ours["shift"].tolist() == abspc._rule2_shift(values, mean, run_length=7).tolist()
    assert ours["trend"].tolist() == abspc._rule3_trend(values, run_length=7).tolist()
    return compared


@pytest.mark.parametrize("seed", range(20))
def test_agrees_with_abspc_where_it_defines_the_same(seed):
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(15, 50))
    values = rng.normal(20, 3, n) + (np.linspace(0, 8, n) if seed % 3 == 1 else 0) + (np.r_[np.zeros(n // 2), np.full(n - n // 2, 4)] if seed % 3 == 2 else 0)
    _check_against_abspc(np.round(values, 1))


@pytest.mark.realdata
def test_agrees_with_abspc_on_nhs_four_hour_performance():
    pytest.importorskip("abspc.spc")
    path = REALDATA / "nhse_ae_4hr_by_provider_2023_2024.csv"
    if not path.exists():
        pytest.skip("realdata absent")
    data = pd.read_csv(path, na_values=["-"]).sort_values("month")
    series = [g["pct_within_4h_actual"].to_numpy() for _, g in data.groupby("org_code") if g["pct_within_4h_actual"].notna().sum() == 18]
    limits_compared = sum(_check_against_abspc(s) for s in series)
    assert len(series) >= 150 and limits_compared >= 100


def test_a_briefing_draws_at_most_twelve_spc_charts_and_says_the_rest_in_words():
    import pandas as pd

    from perfkit.present import spc as present_spc

    frames = []
    for i in range(20):
        values = [50.0 + (j % 3) for j in range(16)]
        if i == 19:
            values[-1] = 90.0  # special cause: drawn first, whatever its place
        frames.append(pd.DataFrame({"measure_id": f"K{i:02d}", "name": f"Measure {i}", "polarity": "higher", "target": 45.0,
                                    "actual": values, "period": pd.period_range("2020Q1", periods=16, freq="Q-MAR")}))
    html = present_spc.briefing_section(pd.concat(frames, ignore_index=True))
    assert html.count("<figure") == present_spc.MAX_CHARTS == 12
    assert html.index("Measure 19") < html.index("<figure")
    assert "The other 8 measures with enough points, without a chart" in html and html.count("<li>") == 8
