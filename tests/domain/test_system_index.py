"""Finding a system by name or id is a dictionary lookup that follows every change to the list."""

from __future__ import annotations

import pytest

from gapradar.domain import Assessment, Level, MaturityModel, Practice, System


def assessment(*names: str) -> Assessment:
    model = MaturityModel(
        "M", tuple(Practice(f"p{i}", f"P{i}") for i in range(3)), (Level(0, "Low"), Level(1, "High"))
    )
    return Assessment(model, "A", [System(n) for n in names])


def test_lookups_follow_inserts_removals_renames_and_replacements():
    a = assessment("A", "B", "C")
    assert a.system("B").name == "B" and a.index_of("C") == 2
    a.systems.insert(0, System("Z"))
    assert a.index_of("C") == 3 and a.system("Z") is a.systems[0]
    removed = a.systems.pop(a.index_of("B"))
    a.systems.append(System("D"))  # same length as before the removal
    with pytest.raises(KeyError):
        a.system("B")
    assert removed.name == "B" and a.system("D") is a.systems[-1]
    a.system("A").name = "Renamed"
    with pytest.raises(KeyError):
        a.system("A")
    assert a.system("Renamed").id == "a"
    assert a.system_by_id("a").name == "Renamed"
    a.systems[0] = System("Y")
    with pytest.raises(KeyError):
        a.system("Z")
    a.systems = [System("Only")]  # a plain list assigned later
    assert a.system("Only").name == "Only"
    with pytest.raises(ValueError):
        a.index_of("Y")


def test_a_swap_of_names_is_seen():
    a = assessment("A", "B")
    first, second = a.systems
    first.name, second.name = "B", "A"
    assert a.system("A") is second and a.system("B") is first


def test_past_what_a_radar_can_show_the_hint_says_so_and_offers_the_heatmap():
    from gapradar.ui.overlay_hint import hint_text

    assert "heatmap" in hint_text(1000).lower() and "more than a radar can show" in hint_text(1000)
    assert "more than a radar" not in hint_text(12)
