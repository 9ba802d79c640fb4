"""Which rows a page of a long list shows, and how its caption reads."""

from fkb.ui.paging import Page, selector_key


def test_caption_names_total_page_and_rows_with_german_separators():
    assert Page(3, 1_000_000).caption("Projekte", "Projekt") == "1.000.000 Projekte, Seite 3 von 20.000 (Zeilen 101–150)"


def test_last_page_ends_at_the_last_row():
    page = Page(3, 120)
    assert (page.pages, page.offset) == (3, 100)
    assert page.caption("Projekte", "Projekt") == "120 Projekte, Seite 3 von 3 (Zeilen 101–120)"


def test_a_single_page_caption_is_just_the_count():
    assert Page(1, 50).caption("Projekte", "Projekt") == "50 Projekte"
    assert Page(1, 1).caption("Projekte", "Projekt") == "1 Projekt"
    assert Page(1, 0).pages == 1


def test_page_size_decides_the_number_of_pages():
    assert Page(1, 101, size=50).pages == 3 and Page(1, 100, size=50).pages == 2
    assert Page(2, 101, size=10).offset == 10


def test_selector_key_changes_with_the_filters_so_a_new_selection_starts_on_page_one():
    first = selector_key("projekte", {"alliance_ids": None, "search": None})
    assert first == selector_key("projekte", {"search": None, "alliance_ids": None})
    assert first != selector_key("projekte", {"alliance_ids": ["nord"], "search": None})
    assert first.startswith("projekte-seite-")
