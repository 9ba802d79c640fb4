"""A check's report: problems naming file, line, column and value, bounded to the first PER_KIND of each kind.

A problem names its column as the file does (the user's own header, e.g. „Stand“ for the contract's as_of), or by
the dashboard's German label where the file lacks it: `heading`. `column` stays the contract's name, for the code.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

ERROR, WARNING = "Fehler", "Warnung"
PER_KIND = 20  # a report lists the first 20 problems of each kind and counts the rest
LISTED = 10  # a hint lists at most 10 valid values, then "…"


def listing(values: list[str] | tuple[str, ...], limit: int = LISTED, count: int | None = None) -> str:
    """Return valid values for a hint: at most `limit` of them, then "…" and how many there are (`count`, if
    `values` are only the first of them)."""
    count = len(values) if count is None else count
    shown = ", ".join(values[:limit])
    total = f"{count:,}".replace(",", ".")  # German thousands dots (see more_line)
    return shown if count <= limit else f"{shown}, … ({total} Werte)"


@dataclass(frozen=True)
class Problem:
    severity: str
    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str
    hint: str
    rule: str = ""  # groups problems whose message varies (e.g. the field count); empty: the message does
    heading: str | None = None  # the column as the file names it, or its German label; None: `column` is how

    @property
    def shown_column(self) -> str | None:
        """Return the column as the user knows it: the file's own header, else the German label."""
        return self.heading or self.column

    @property
    def kind(self) -> tuple[str, str, str | None, str]:
        """Return what makes two problems the same kind: severity, file, column and rule (or message)."""
        return (self.severity, self.file, self.column, self.rule or self.message)

    def describe(self) -> str:
        """Return the problem as one German sentence."""
        where = self.file + (f", Zeile {self.line}" if self.line else "")
        where += f", Spalte „{self.shown_column}“" if self.shown_column else ""
        found = f" (gefunden: „{self.value}“)" if self.value is not None else ""
        hint = self.hint[:1].upper() + self.hint[1:]
        return f"{self.severity}: {where}: {self.message}{found}. {hint}."


def more_line(count: int) -> str:
    """Return the German note for problems of one kind beyond those listed."""
    # German thousands dots without fkb.contract.formatting: that imports pandas, and fkb.store (which loads the data for
    # the start command before pandas is imported, see fkb.serve) imports this module through fkb.contract.validate.
    return f"… und {count:,}".replace(",", ".") + f" weitere Zeile{'' if count == 1 else 'n'} mit demselben Problem"


@dataclass
class Report:
    """The problems found, bounded: the first PER_KIND of each kind are kept, all of them are counted."""

    problems: list[Problem] = field(default_factory=list)
    # table -> column -> typed values, only the columns the key, reference and rule checks read
    rows: dict[str, dict[str, list[object]]] = field(default_factory=dict)
    lines: dict[str, list[int]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # table -> file it was read from
    headings: dict[str, dict[str, str]] = field(default_factory=dict)  # table -> column -> as the file names it
    counts: Counter[tuple[str, str, str | None, str]] = field(default_factory=Counter)
    rejected: dict[str, set[int]] = field(default_factory=dict)  # file -> lines with an error

    def add(self, problem: Problem) -> None:
        """Count the problem and keep it if fewer than PER_KIND of its kind are kept."""
        if self.tally(problem.kind, problem.line):
            self.problems.append(problem)

    def tally(self, kind: tuple[str, str, str | None, str], line: int | None) -> bool:
        """Count one problem of this kind on this line; return True while it is among the first PER_KIND.

        The hot loops call this before building the Problem: a million rows with the same fault cost a
        count each, not an object each.
        """
        count = self.counts[kind] + 1
        self.counts[kind] = count
        if line and kind[0] == ERROR:
            self.rejected.setdefault(kind[1], set()).add(line)
        return count <= PER_KIND

    def more(self, problem: Problem) -> int:
        """Return how many problems of this one's kind are counted but not kept."""
        return max(0, self.counts[problem.kind] - PER_KIND)

    def count_of(self, problems: list[Problem]) -> int:
        """Return how many problems the kinds of these kept ones stand for."""
        return sum(self.counts[kind] for kind in {p.kind for p in problems})

    def total(self, severity: str) -> int:
        """Return how many problems of this severity were found (kept or not)."""
        return sum(n for kind, n in self.counts.items() if kind[0] == severity)

    @property
    def errors(self) -> list[Problem]:
        """Return the kept errors (use total(ERROR) for how many there are)."""
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def ok(self) -> bool:
        return self.total(ERROR) == 0

    def row_counts(self) -> dict[str, tuple[int, int]]:
        """Return (accepted, rejected) rows per table; a row with any error is rejected."""
        counts = {}
        for table, lines in self.lines.items():
            bad = self.rejected.get(self.files.get(table, ""), set())
            rejected = sum(1 for line in lines if line > 1 and line in bad) if bad else 0
            counts[table] = (len(lines) - rejected, rejected)
        return counts
