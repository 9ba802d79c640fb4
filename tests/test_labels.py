"""Label placement (fkb.labels): each name goes to a side of its point where it covers nothing placed before."""

from __future__ import annotations

from fkb import labels
from fkb.labels import Box, Label


def test_a_free_label_takes_its_first_preferred_side():
    assert labels.place([Label(0, 0, "Hochschule Hannover", 12, 18)], []) == ["top center"]


def test_a_neighbour_moves_to_a_side_that_covers_nothing():
    first, second = Label(0, 0, "Hochschule Hannover", 12, 18), Label(30, 0, "Leibniz Universität Hannover", 12, 18)
    sides = labels.place([first, second], [])
    assert sides[0] == "top center" and sides[1] != "top center"
    assert labels.label_box(first, sides[0]).overlap(labels.label_box(second, sides[1])) == 0


def test_a_label_stays_inside_the_plot_where_it_can():
    at_right_edge = Label(95, 0, "Agentur für Arbeit Hildesheim", 12, 18)
    taken = [labels.label_box(Label(95, 0, "x" * 40, 12, 18), side) for side in ("top center", "bottom center")]
    side = labels.place([at_right_edge], taken, bounds=Box(-400, 100, -100, 100))[0]
    assert side.endswith("left")  # the right-hand sides would be cut off at the plot's edge


def test_when_every_side_is_covered_the_least_covered_wins():
    label = Label(0, 0, "IHK", 12, 18)
    covering = {side: labels.label_box(label, side) for side in labels.SIDES}
    taken = [box for side, box in covering.items() if side != "bottom left"] * 2 + [covering["bottom left"]]
    assert labels.place([label], taken) == ["bottom left"]


def test_outward_sides_point_away_from_the_centre():
    assert labels.outward(0, 100)[0] == "top center" and labels.outward(0, -100)[0] == "bottom center"
    assert labels.outward(-50, -100)[1] == "middle left"
