"""Label placement (fkb.figures.label_placement): each name goes to a side of its point where it covers nothing placed before."""

from __future__ import annotations

from fkb.figures import label_placement
from fkb.figures.label_placement import Box, Label


def test_a_free_label_takes_its_first_preferred_side():
    assert label_placement.place([Label(0, 0, "Hochschule Hannover", 12, 18)], []) == ["top center"]


def test_a_neighbour_moves_to_a_side_that_covers_nothing():
    first, second = Label(0, 0, "Hochschule Hannover", 12, 18), Label(30, 0, "Leibniz Universität Hannover", 12, 18)
    sides = label_placement.place([first, second], [])
    assert sides[0] == "top center" and sides[1] != "top center"
    assert label_placement.label_box(first, sides[0]).overlap(label_placement.label_box(second, sides[1])) == 0


def test_a_label_stays_inside_the_plot_where_it_can():
    at_right_edge = Label(95, 0, "Agentur für Arbeit Hildesheim", 12, 18)
    taken = [label_placement.label_box(Label(95, 0, "x" * 40, 12, 18), side) for side in ("top center", "bottom center")]
    side = label_placement.place([at_right_edge], taken, bounds=Box(-400, 100, -100, 100))[0]
    assert side.endswith("left")  # the right-hand sides would be cut off at the plot's edge


def test_when_every_side_is_covered_the_least_covered_wins():
    label = Label(0, 0, "IHK", 12, 18)
    covering = {side: label_placement.label_box(label, side) for side in label_placement.SIDES}
    taken = [box for side, box in covering.items() if side != "bottom left"] * 2 + [covering["bottom left"]]
    assert label_placement.place([label], taken) == ["bottom left"]


def test_outward_sides_point_away_from_the_centre():
    assert label_placement.outward(0, 100)[0] == "top center" and label_placement.outward(0, -100)[0] == "bottom center"
    assert label_placement.outward(-50, -100)[1] == "middle left"
