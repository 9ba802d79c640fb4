"""German formatting of amounts, numbers and dates; missing values read 'unbekannt'."""

import math

import pandas as pd
import pytest

from fkb.contract.formatting import fmt_count, fmt_date, fmt_eur, fmt_eur_short, fmt_int, fmt_list, fmt_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1234567, "1.234.567 €"),
        (220639.37, "220.639,37 €"),
        (0, "0 €"),
        (None, "unbekannt"),
        (math.nan, "unbekannt"),
        (pd.NA, "unbekannt"),
    ],
)
def test_fmt_eur_uses_thousands_dots_and_decimal_comma(value, expected):
    assert fmt_eur(value, None) == expected


@pytest.mark.parametrize(
    ("value", "qualifier", "expected"),
    [
        (1_400_000, None, "1,4 Mio. €"),
        (2_470_000, None, "2,47 Mio. €"),
        (4_000_000, None, "4 Mio. €"),
        (380_000, None, "380.000 €"),
        (2_500_000, "ca.", "ca. 2,5 Mio. €"),
        (999_994_999, None, "999,99 Mio. €"),
        (999_995_000, None, "1 Mrd. €"),  # not "1000 Mio. €"
        (13_645_440_000, None, "13,65 Mrd. €"),
        (-1_250_000_000, None, "-1,25 Mrd. €"),
        (None, "ca.", "unbekannt"),
    ],
)
def test_fmt_eur_short_abbreviates_millions(value, qualifier, expected):
    assert fmt_eur_short(value, qualifier) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-12-31", "31.12.2024"),
        ("2019-12", "12/2019"),
        ("2018", "2018"),
        (None, "unbekannt"),
        ("", "unbekannt"),
    ],
)
def test_fmt_date_keeps_the_precision_of_the_source(value, expected):
    assert fmt_date(value) == expected


def test_numbers_counts_and_lists_read_as_german():
    assert fmt_int(7982448) == "7.982.448"
    assert fmt_number(1755.41, 2) == "1.755,41"
    assert fmt_number(12.0) == "12"
    assert fmt_count(1, "Projekt", "Projekte") == "1 Projekt"
    assert fmt_count(3, "Projekt", "Projekte") == "3 Projekte"
    assert fmt_list(["A", "B", "C"]) == "A, B und C"


def test_is_missing_takes_its_shortcuts_only_where_pandas_says_the_same():
    import math

    import numpy as np
    import pandas as pd

    from fkb.contract.formatting import is_missing

    for value in [
        "",
        "unbekannt",
        0.0,
        -1.5,
        math.inf,
        math.nan,
        float("nan"),
        np.float64("nan"),
        np.float64(2),
        None,
        pd.NA,
        pd.NaT,
        3,
    ]:
        assert is_missing(value) == bool(pd.isna(value)), value
    assert is_missing([1, None]) is False  # a list is a value
