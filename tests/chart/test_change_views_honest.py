"""The views of change tell the truth: figures and arrows agree, the roll-up compares like with like,
what moved counts everything and uses its room, long names and titles stay whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from gapradar.chart.change_rows import delta_text
from gapradar.chart.moved_scene import moved
from gapradar.chart.slope_scene import FALL, ORDER, RISE, slope_rows
from gapradar.chart.view_spec import ViewSpec
from gapradar.io import load

ROUNDS_SAMPLE = Path(__file__).resolve().parents[2] / "datasets" / "first-federated-bank-rounds.yaml"
PRACTICES = ("a", "b", "c")


def _file(then: dict[str, dict[str, int]], now: dict[str, dict[str, int]]) -> str:
    """A two-round file: each round's current levels by system, then practice (target 3 throughout)."""
    systems = sorted(set(then) | set(now))

    def ratings(levels: dict[str, dict[str, int]]) -> str:
        out = []
        for sid, by_practice in levels.items():
            out.append(f"    {sid}:")
            out += [f"      {p}: {{current: {c}, target: 3}}" for p, c in by_practice.items()]
        return "\n".join(out) if out else "    {}"

    return "\n".join(
        [
            "gapradar: 2",
            "title: Honest",
            "model:",
            "  title: M",
            "  levels:",
            *[f"  - {{score: {s}, name: L{s}}}" for s in range(4)],
            "  practices:",
            *[f"  - {{id: {p}, name: Practice {p.upper()}}}" for p in PRACTICES],
            "systems:",
            *[f"- {{name: System {sid}, id: {sid}}}" for sid in systems],
            "rounds:",
            "- label: Then",
            "  ratings:",
            ratings(then),
            "- label: Now",
            "  ratings:",
            ratings(now),
        ]
    )


def _load(tmp_path: Path, text: str):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return load(path)


@pytest.fixture
def laid_out(laid_out):
    """At a projector's size unless told otherwise."""
    return lambda spec, w=1920, h=1080: laid_out(spec, w, h)


def _texts(scene) -> list:
    return [i for i in scene.items if hasattr(i, "toPlainText")]


def test_a_rollup_change_that_rounds_to_nothing_reads_and_is_coloured_unchanged(tmp_path, laid_out):
    # 21 systems at 1 on every practice; one rises on a: the mean moves 1.0 → 1.048, shown 1.0 → 1.0
    then = {f"s{i:02}": dict.fromkeys(PRACTICES, 1) for i in range(21)}
    now = {sid: dict(levels) for sid, levels in then.items()}
    now["s00"]["a"] = 2
    a = _load(tmp_path, _file(then, now))
    rows = {r.practice.id: r for r in slope_rows(ViewSpec(a, "slope"))}
    assert (rows["a"].then, rows["a"].now, rows["a"].delta) == (1.0, 1.0, 0)
    assert delta_text(rows["a"].delta) == "="
    scene = laid_out(ViewSpec(a, "slope"))
    label = next(t for t in _texts(scene) if t.toPlainText().startswith("1.0  Practice A"))
    assert label.toPlainText().endswith("=")
    assert label.color.name().lower() not in (RISE.lower(), FALL.lower())


def test_rollup_figures_and_arrows_agree_for_every_practice(tmp_path, laid_out):
    a = _load(tmp_path, _workshop_with_a_new_system())
    scene = laid_out(ViewSpec(a, "slope"))
    right = [t for t in _texts(scene) if t.toPlainText()[:1].isdigit() or t.toPlainText().startswith("-")]
    checked = 0
    for r in slope_rows(ViewSpec(a, "slope")):
        shown = f"{r.now:.1f}  {r.practice.name}  {delta_text(r.delta)}"
        item = next(t for t in right if t.toPlainText() == shown.rstrip())
        difference = round(float(f"{r.now:.1f}") - float(f"{r.then:.1f}"), 1)
        mark = delta_text(difference)
        assert shown.endswith(mark), (shown, r.then, r.now)
        assert mark not in ("▲0", "▼0")
        colour = item.color.name().lower()
        assert colour == (RISE if difference > 0 else FALL if difference < 0 else colour).lower()
        if difference == 0:
            assert colour not in (RISE.lower(), FALL.lower())
        checked += 1
    assert checked == 6


def _workshop_with_a_new_system() -> str:
    """The rounds sample with a system added in its latest round and rated there (as a user would)."""
    import yaml

    data = yaml.safe_load(ROUNDS_SAMPLE.read_text(encoding="utf-8"))
    data["systems"].append({"name": "Brand New Platform", "id": "brand-new"})
    data["rounds"][-1]["ratings"]["brand-new"] = {
        p["id"]: {"current": -1, "target": 2} for p in data["model"]["practices"]
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def test_the_rollup_compares_the_systems_in_both_rounds_and_says_who_is_left_out(tmp_path, laid_out):
    a = _load(tmp_path, _workshop_with_a_new_system())
    rows = slope_rows(ViewSpec(a, "slope"))
    # the new system rated -1 everywhere would drag "now" down; compared over the same systems, no
    # practice fell, because no system fell (the sample's follow-up only rises or stays)
    found = moved(ViewSpec(a, "moved"))
    assert found is not None
    for r in rows:
        total = sum(m.delta or 0 for m in found.rose + found.fell if m.practice.id == r.practice.id)
        # the mean over the same systems moves by the systems' moves over their number: same direction
        assert (r.delta or 0) * total >= 0, r.practice.name
        if total == 0:
            assert r.delta == 0, r.practice.name
    texts = [t.toPlainText() for t in _texts(laid_out(ViewSpec(a, "slope")))]
    assert any("1 banking platform not in both rounds is left out" in t for t in texts)


def test_what_moved_counts_every_rating_and_names_whom_it_compares(tmp_path, laid_out):
    a = _load(tmp_path, _workshop_with_a_new_system())
    found = moved(ViewSpec(a, "moved"))
    assert found is not None
    compared = len(found.rose) + len(found.fell) + len(found.unchanged)
    assert compared == 60  # ten platforms × six practices assessed in both rounds
    texts = [t.toPlainText() for t in _texts(laid_out(ViewSpec(a, "moved")))]
    assert any("the 10 banking platforms assessed in both rounds" in t for t in texts)
    assert not any("every one of the 11" in t for t in texts)
    assert any("not compared: 6 ratings not in 2026-03 baseline" in t for t in texts)


def _three_rounds(tmp_path: Path) -> Path:
    """The rounds sample with a third round in which some platforms moved on (several rises)."""
    import yaml

    data = yaml.safe_load(ROUNDS_SAMPLE.read_text(encoding="utf-8"))
    latest = data["rounds"][-1]
    third = {
        "label": "2026-11 follow-up",
        "date": "2026-11-24",
        "ratings": yaml.safe_load(yaml.safe_dump(latest["ratings"])),
    }
    rises = 0
    for ratings in third["ratings"].values():
        for r in ratings.values():
            if r.get("current") is not None and r["current"] < 3 and rises < 9:
                r["current"] += 1
                rises += 1
    data["rounds"].append(third)
    path = tmp_path / "three.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def test_what_moved_uses_the_room_a_short_list_leaves_before_cutting(tmp_path, laid_out):
    a = load(_three_rounds(tmp_path))
    spec = ViewSpec(a, "moved", baseline=a.rounds[0].id)
    found = moved(spec)
    assert found is not None and len(found.rose) > 14 and len(found.fell) <= 2
    texts = [t.toPlainText() for t in _texts(laid_out(spec))]
    assert not any(" more" in t and t.startswith("…") for t in texts)  # everything is shown
    assert any(t.startswith("Rose (") and t.endswith("continued") for t in texts)
    entries = [t for t in texts if t in {p.name for p in a.model.practices}]
    assert len(entries) == len(found.rose) + len(found.fell) + len(found.reached)


def test_names_stay_whole_and_two_platforms_can_be_told_apart_in_presentation_type(tmp_path, laid_out):
    a = load(_three_rounds(tmp_path))
    spec = ViewSpec(a, "moved", baseline=a.rounds[0].id, font_scale=2.0, chrome_scale=2.0)
    texts = [t.toPlainText() for t in _texts(laid_out(spec, 1920, 800))]
    shown = [t for t in texts if not t.startswith("…")]
    assert not any("…" in t for t in shown)  # no name cut short anywhere
    assert any(t.startswith("Mobile Banking Platform (Android):") for t in texts)


def test_a_long_title_shrinks_or_wraps_and_is_never_cut(tmp_path, laid_out):
    a = load(ROUNDS_SAMPLE)
    system = a.systems[0].name
    for view in ("slope", "moved"):
        spec = ViewSpec(a, view, focus=system, font_scale=2.0, chrome_scale=2.6)
        scene = laid_out(spec, 1920, 700)
        title = next(t for t in _texts(scene) if t.toPlainText().startswith(system + " –"))
        assert "…" not in title.toPlainText()
        rect = title.mapRectToParent(title.boundingRect())
        assert rect.right() <= 1920 + 1, view  # inside the picture: wrapped or smaller, not clipped


def test_long_round_names_wrap_over_the_slope_chart_at_a_readable_size(tmp_path, laid_out):
    import yaml

    data = yaml.safe_load(ROUNDS_SAMPLE.read_text(encoding="utf-8"))
    long = "Q4 2026 second workshop with the client leadership team and the platform owners (follow-up)"
    data["rounds"][-1]["label"] = long
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    a = load(path)
    spec = ViewSpec(a, "slope", focus=a.systems[0].name, font_scale=2.0, chrome_scale=2.0)
    texts = _texts(laid_out(spec, 1920, 800))
    head = next(t for t in texts if t.toPlainText() == long)
    practice = next(t for t in texts if a.model.practices[0].name in t.toPlainText())
    assert head.textItem.font().pixelSize() >= practice.textItem.font().pixelSize()


def test_slope_labels_are_in_the_order_the_subtitle_says(tmp_path, laid_out):
    a = load(ROUNDS_SAMPLE)
    spec = ViewSpec(a, "slope", focus="ATM Management Application")
    texts = _texts(laid_out(spec))
    assert any(ORDER in t.toPlainText() for t in texts)
    rows = slope_rows(spec)
    y = {}
    for r in rows:
        label = next(t for t in texts if t.toPlainText().startswith(f"{r.now:.0f}  {r.practice.name}  "))
        y[r.practice.id] = label.pos().y()
    for r in rows:
        for other in rows:
            if r.now > other.now or (r.now == other.now and (r.delta or 0) > (other.delta or 0)):
                assert y[r.practice.id] < y[other.practice.id], (r.practice.name, other.practice.name)
