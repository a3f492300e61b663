"""Tests of the moving label: the timeline of what “Stargate” meant over 2025."""

from __future__ import annotations

from stargate.model import label_timeline

BN = 1e9


def test_label_timeline():
    timeline = label_timeline.trace_label_timeline()
    assert timeline["date"].tolist() == sorted(timeline["date"])
    gw = timeline.dropna(subset=["gw"])
    plans = gw[gw["status"].str.startswith(("agreement", "plan"))]["gw"].tolist()
    assert plans == [5, 7, 8]  # >5 GW (Jul) → ~7 GW (Sep) → >8 GW (Oct 2025)
    nvidia = timeline[timeline["usd"] == 100 * BN]
    assert nvidia["status"].item() == "letter of intent"
    assert (timeline["confidence"] != "").all()
