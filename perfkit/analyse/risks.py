"""Risk registers analysed: each register on its own matrix, before and after mitigation, and the risks that moved.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
import numpy as np
import pandas as pd
from perfkit.core.periods import period_label
from perfkit.read.kinds.risks import RiskMatrix
from perfkit.core.periods import parse_period


def registers(risks: pd.DataFrame) -> list[pd.DataFrame]:
    """The registers in a risks frame, each with the matrix it was read on: one frame when every sheet shares one.

    A workbook may hold a corporate register scored 5x5 and a service register scored
    High/Medium/Low; their risks cannot share one heat map or one set of bands, so each
    group of sheets with the same matrix comes back on its own, named in
    ``attrs["register"]`` (its sheets).

    Examples
    --------
    >>> [r.attrs.get("register") for r in registers(read_risks("risks.xlsx"))]  # doctest: +SKIP
    ['Corporate risks', 'Service risks']
    """
    by_sheet = risks.attrs.get("risk_matrices") or {}
    matrices = list(dict.fromkeys(by_sheet.values()))
    if len(matrices) < 2:
        return [risks]
    sheet = risks["source"].astype(str).str.rsplit("!", n=1).str[0]
    out = []
    for m in matrices:
        names = [name for name, mm in by_sheet.items() if mm == m]
        part = risks[sheet.isin(names)].copy()
        part.attrs["risk_matrix"] = m
        part.attrs["risk_matrices"] = {name: m for name in names}
        part.attrs["register"] = ", ".join(names)
        if "closed_by_sheet" in risks.attrs:  # the risks its own sheets closed, never another register's
            closed: dict = {}
            for name in names:
                for p, ids in risks.attrs["closed_by_sheet"].get(name, {}).items():
                    closed.setdefault(p, []).extend(ids)
            part.attrs["closed_now"] = closed
        out.append(part)
    return out


def matrix_of(risks: pd.DataFrame) -> RiskMatrix:
    """The matrix a risks frame was read with (or the default for its largest score)."""
    m = risks.attrs.get("risk_matrix")
    if isinstance(m, RiskMatrix):
        return m
    top = np.nanmax(risks[["inherent_score", "residual_score"]].to_numpy(dtype=float)) if len(risks) else 25
    return RiskMatrix.default(3 if top <= 9 else 5)


@dataclass
class RiskSummary:
    """The risk figures for one assessment: counts by band, risks above target, movement.

    ``movement_basis`` is ``"previous assessment"`` when the register has an earlier
    period to compare with, else ``"direction words"`` (the officers' own), or ``"none"`` where it has
    neither (its ``movement`` lists are then empty because nothing says how the risks moved).
    """

    period: object
    previous: object
    total: int
    by_rating: pd.DataFrame
    above_target: list[str] | None  # None where the register gives no target scores
    above_appetite: list[str] | None  # None where no appetite is stated (in the workbook or perfkit.toml)
    movement: dict[str, list[str]]
    movement_basis: str
    disagreements: list[dict] = field(default_factory=list)
    matrix: RiskMatrix | None = None
    high_after: int = 0
    top_band: str = ""
    registers: list = field(default_factory=list)  # (name, RiskSummary) per register when they use different matrices
    moved_by: str = "score"  # what movement compared: residual "score", "rating" (a register rated in words), or "score and rating"
    scored: bool = True  # False for a register of ratings alone (High / Medium / Low): no score, so no bands of scores to state
    target_by: str = "score"  # "rating" where the targets are ratings ("Medium") rather than scores

    def to_dict(self) -> dict:
        """The figures as plain JSON-ready data (``perfkit summary --json`` puts them under ``risks``)."""
        return {
            "period": period_label(self.period) if self.period is not None and not pd.isna(self.period) else None,
            "total": self.total,
            # Registers on different matrices have bands of different ranges: no sum across them, only each register's.
            "by_rating": None if self.registers else {band: {"inherent": int(row["inherent"]), "residual": int(row["residual"])}
                                                      for band, row in self.by_rating.iterrows()},
            "above_target": None if self.above_target is None else list(self.above_target),
            "above_appetite": None if self.above_appetite is None else list(self.above_appetite),
            "movement": {k: list(v) for k, v in self.movement.items()},
            "movement_basis": self.movement_basis,
            "movement_by": self.moved_by,
            "direction_disagrees": list(self.disagreements),
            "matrix": self.matrix.describe() if self.matrix and self.scored else None,
            **({"registers": [{"register": name, **r.to_dict()} for name, r in self.registers]} if self.registers else {}),
        }


def assessment(risks: pd.DataFrame, period) -> tuple[pd.DataFrame, object, object]:
    """The rows of one assessment (the period asked for, else the latest), with that period and the one before it."""
    periods = sorted(p for p in risks["period"].dropna().unique())
    if not periods:
        return risks, None, None
    if period is None:
        p = periods[-1]
    else:
        p = period if isinstance(period, pd.Period) else parse_period(period)
    now = _assessed(risks[risks["period"] == p])
    earlier = [x for x in periods if x < p and len(_assessed(risks[risks["period"] == x], strict=True))]
    return now, p, (earlier[-1] if earlier else None)


def _assessed(rows: pd.DataFrame, strict: bool = False) -> pd.DataFrame:
    """The rows with a residual assessment (all rows if none has one, unless ``strict``)."""
    has = rows[["residual_score", "residual_impact", "residual_likelihood"]].notna().any(axis=1) | rows["residual_rating"].notna()
    return rows[has] if has.any() or strict else rows


def risk_summary(risks: pd.DataFrame, period=None, matrix: RiskMatrix | None = None) -> RiskSummary:
    """Counts per band inherent vs residual, risks above target or appetite, and movement, for one assessment.

    Parameters
    ----------
    risks : pandas.DataFrame
        From :func:`read_risks`.
    period : str or Period, optional
        The assessment to summarise (default the latest; a register without periods is one assessment).
    matrix : RiskMatrix, optional
        Default: the one the frame was read with.

    Returns
    -------
    RiskSummary
        ``movement`` lists ids as increased, decreased, unchanged, new and closed against the previous
        assessment; where there is none, from the officers' direction words. ``disagreements`` lists
        risks whose direction word says otherwise than their scores.

    Examples
    --------
    >>> s = risk_summary(read_risks("register.xlsx"))  # doctest: +SKIP
    >>> s.to_dict()["movement"]["increased"]  # doctest: +SKIP
    ['CR03']
    """
    if matrix is None and len(parts := registers(risks)) > 1:
        return _combined([(part.attrs["register"], risk_summary(part, period)) for part in parts])
    matrix = matrix or matrix_of(risks)
    now, p, prev = assessment(risks, period)
    by = pd.DataFrame({
        "inherent": now["inherent_rating"].value_counts().reindex(matrix.names, fill_value=0),
        "residual": now["residual_rating"].value_counts().reindex(matrix.names, fill_value=0),
    }).astype(int)
    by.index.name = "band"
    ids = list(now["risk_id"])
    target = now["target_score"].to_numpy(dtype=float)
    score = now["residual_score"].to_numpy(dtype=float)
    # by score where both are scores; else by band (a target typed as "Medium", a rating typed as "High")
    t_band = now["target_rating"].cat.codes.to_numpy() if "target_rating" in now else np.full(len(now), -1)
    r_band = now["residual_rating"].cat.codes.to_numpy()
    above_target = [i for i, s, t, tb, rb in zip(ids, score, target, t_band, r_band)
                    if (s > t if not math.isnan(t) and not math.isnan(s) else tb >= 0 and rb >= 0 and rb > tb)]
    if np.isnan(target).all() and not (t_band >= 0).any():
        above_target = None  # no target scores: none is known to be above its target, so none is said to be
    own = pd.to_numeric(now["appetite"], errors="coerce").to_numpy(dtype=float) if "appetite" in now else None
    if own is not None and not np.isnan(own).all():  # each risk's own, its category's (read.kinds.risks)
        above_appetite = [i for i, s, a in zip(ids, score, own) if not math.isnan(s) and not math.isnan(a) and s > a]
    else:
        above_appetite = (None if matrix.appetite is None  # no appetite stated: nothing is above it, nor below
                          else [i for i, s in zip(ids, score) if not math.isnan(s) and s > matrix.appetite])
    movement: dict[str, list[str]] = {"increased": [], "decreased": [], "unchanged": [], "new": [], "closed": []}
    disagreements = []
    words = dict(zip(now["risk_id"], now["direction"]))
    if prev is not None:
        basis = "previous assessment"
        earlier = _assessed(risks[risks["period"] == prev], strict=True).drop_duplicates("risk_id").set_index("risk_id")
        before = earlier["residual_score"]
        # A register rated in words only (High, Medium, Low each quarter) moves by its band.
        band_before = pd.Series(earlier["residual_rating"].cat.codes.to_numpy(), index=earlier.index)
        band_now = now["residual_rating"].cat.codes.to_numpy()
        compared = set()
        for i, (rid, s) in enumerate(zip(ids, score)):
            if rid not in before.index:
                movement["new"].append(rid)
                computed = "new"
            elif not (math.isnan(s) or math.isnan(before[rid])):
                computed = "increased" if s > before[rid] else ("decreased" if s < before[rid] else "unchanged")
                movement[computed].append(rid)
                compared.add("score")
            elif band_now[i] >= 0 and band_before[rid] >= 0:  # no score in one of them ("Q1 rating" before a scored Q2)
                b0, b1 = band_before[rid], band_now[i]
                computed = "increased" if b1 > b0 else ("decreased" if b1 < b0 else "unchanged")
                movement[computed].append(rid)
                compared.add("rating")
            else:
                continue
            said = words.get(rid, "")
            if said == "closed":  # the owner closed it this quarter: closed, whatever its scores did
                movement[computed].remove(rid)
                movement["closed"].append(rid)
                continue
            if said and said != computed:
                disagreements.append({"risk_id": rid, "direction": said, "scores": computed,
                                      "from": None if computed == "new" or math.isnan(before[rid]) else float(before[rid]), "to": None if math.isnan(s) else float(s)})
        movement["closed"] += [rid for rid in before.index if rid not in set(ids)]
    else:
        basis = "direction words"
        for rid in ids:
            d = words.get(rid, "")
            if d in movement:
                movement[d].append(rid)
        if not any(words.get(rid, "") for rid in ids):  # no earlier assessment and no direction of travel: nothing says how they moved
            basis = "none"
    # risks closed at this assessment on a sheet with no earlier one to be closed since (a 'Closed risks' tab)
    movement["closed"] += [i for i in (risks.attrs.get("closed_now") or {}).get(str(p), []) if i not in movement["closed"]]
    top = matrix.names[-1]
    moved_by = " and ".join(w for w in ("score", "rating") if w in compared) if prev is not None and compared else "score"
    scores = [now[c].to_numpy(dtype=float) for c in ("inherent_score", "residual_score", "target_score", "inherent_impact",
                                                       "residual_impact") if c in now]
    scored = not scores or not all(np.isnan(v).all() for v in scores) or not len(now)
    return RiskSummary(p, prev, len(now), by, above_target, above_appetite, movement, basis, disagreements, matrix,
                       int((now["residual_rating"] == top).sum()), top, moved_by=moved_by, scored=scored,
                       target_by="score" if not np.isnan(target).all() else "rating")


def _combined(parts: list[tuple[str, "RiskSummary"]]) -> RiskSummary:
    """Registers on different matrices as one summary: totals and lists added up, each register kept whole in ``registers``.

    Bands are counted by name (a risk rated High on a 3x3 register and one rated High on
    a 5x5 register are both High); the heat map and narrative go register by register.
    """
    first = parts[0][1]
    by = pd.concat([r.by_rating for _, r in parts]).groupby(level=0, sort=False).sum().astype(int)
    movement = {k: [i for _, r in parts for i in r.movement[k]] for k in first.movement}
    basis = "; ".join(dict.fromkeys(r.movement_basis for _, r in parts))
    return RiskSummary(first.period, first.previous, sum(r.total for _, r in parts), by,
                       _joined([r.above_target for _, r in parts]), _joined([r.above_appetite for _, r in parts]),
                       movement, basis, [d for _, r in parts for d in r.disagreements], None,
                       sum(r.high_after for _, r in parts), "", parts,
                       target_by="score" if any(r.target_by == "score" for _, r in parts) else "rating")


def _joined(lists: list) -> list[str] | None:
    """Registers' lists as one, None where no register's is known."""
    known = [x for x in lists if x is not None]
    return [i for x in known for i in x] if known else None


def heat_counts(risks: pd.DataFrame, which: str = "residual", period=None) -> dict[tuple[int, int], list[str]]:
    """Risk ids in each (likelihood, impact) cell of the matrix, for one assessment.

    Examples
    --------
    >>> heat_counts(read_risks("register.xlsx"))[(4, 5)]  # doctest: +SKIP
    ['CR01', 'CR07']
    """
    now, _, _ = assessment(risks, period)
    out: dict[tuple[int, int], list[str]] = {}
    for rid, lik, imp in zip(now["risk_id"], now[f"{which}_likelihood"], now[f"{which}_impact"]):
        if pd.isna(lik) or pd.isna(imp):
            continue
        out.setdefault((int(round(lik)), int(round(imp))), []).append(rid)
    return out


def assessment_for(risks: pd.DataFrame, period=None):
    """The assessment to report for a briefing's quarter: that quarter, else the latest before it (None: no periods).

    Examples
    --------
    >>> assessment_for(read_risks("register.xlsx"), "2024/25 Q3")  # doctest: +SKIP
    Period('2025Q2', 'Q-MAR')
    """
    have = sorted(p for p in risks["period"].dropna().unique())
    if not have:
        return None
    if period is None:
        return have[-1]

    p = period if isinstance(period, pd.Period) else parse_period(period)
    earlier = [x for x in have if x <= p]
    return earlier[-1] if earlier else have[-1]
