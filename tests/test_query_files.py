"""Structure of queries/: a header that names the result and the parameters, every file in use, every call
of a query naming an existing file with the parameters it uses, the macros loaded, and no SQL written twice."""

import ast
import re
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import pytest

from fkb.store import loading, sql_files
from fkb.ui.filters import Filters

ROOT = loading.ROOT
QUERY_FILES = sorted(sql_files.QUERY_DIR.glob("*.sql"))
MACRO_FILES = sorted(sql_files.MACRO_DIR.glob("*.sql"))
QUERIES = {p.stem for p in QUERY_FILES}
RUNTIME_CODE = sorted([ROOT / "dashboard.py", *ROOT.glob("pages/*.py"), *ROOT.glob("fkb/**/*.py")])
CODE = sorted([*RUNTIME_CODE, *ROOT.glob("bench/*.py")])
FILTER_PARAMS = frozenset(Filters().params())
PAGE_PARAMS = frozenset({"limit", "offset"})  # what fkb.ui.paging adds to a page query's parameters

# Every way code names a query to run: the callee, the positions of query names among its arguments (or
# keyword names), and where the parameters come from: "kwargs" (name=value, **mapping), the index of a
# mapping argument, or None (given elsewhere: an export's parameters are those of the list it downloads).
CALL_PATTERNS = {
    "query": ((0,), "kwargs"),  # fkb.store.data.query(name, **params)
    "query_in_parts": ((0,), "kwargs"),  # fkb.store.data.query_in_parts(name, **params)
    "run_query": ((1,), "kwargs"),  # fkb.store.sql_files.run_query(con, name, **params)
    "run_query_in_parts": ((1,), "kwargs"),  # (con, name, rows, **params)
    "run_over_query": ((1,), 3),  # (con, name, outer, params)
    "query_text": ((0,), None),
    "query_params": ((0,), None),
    "first_page": ((0,), 1),  # fkb.ui.paging.first_page(page_query, params): the page query, plus limit and offset
    "paged_table": ((0, 1), 2),  # fkb.ui.paging.paged_table(page_query, full_query, params)
    "part_of_a_list": ((3,), 4),  # pages/partnernetzwerk.py: (part, caption, shape, full_query, params)
    "ListExport": ((0, "query"), None),  # fkb.documents.list_exports.ListExport(query, cells)
    "found_profile": ((0,), "parameter"),  # fkb.ui.profiles.found_profile(query, parameter): the id as that parameter
    "_params_key": ((0,), 1),  # fkb.store.data's cache key of a query run through fkb.store.data._cached
    # Declared views (fkb.views): run with the filters' parameters and their own, checked on the
    # declarations themselves below (test_every_declared_view_gives_its_queries_their_parameters).
    "Section": (("queries",), None),
    "PageViews": ((1, "others"), None),
}
# Tables of names a loop runs, each row's query at this index, all without parameters.
NAME_TABLES = {"GAP_TABLES": 1}  # pages/quellen.py: for title, name, columns in GAP_TABLES: query(name)
PAGED = {"first_page": (0,), "paged_table": (0,)}  # name positions whose query also gets limit and offset


class Site:
    """A query named to be run: where (file:line of the name), the name, the parameters given (None where
    they cannot be told from the code) and those written out at the call (name=value, a dict's own keys)."""

    def __init__(
        self, path: Path, node: ast.AST, name: str, given: frozenset | None, explicit: frozenset, runs: bool = True
    ) -> None:
        self.where = f"{path.relative_to(ROOT)}:{node.lineno}"
        self.name, self.given, self.explicit = name, given, explicit
        self.runs = runs  # False: the name only, its parameters are given where the query runs

    def __repr__(self) -> str:
        return f"{self.where} {self.name}"


def _scopes(tree: ast.Module) -> dict[ast.AST, ast.AST]:
    """Return each node's enclosing function (or the module)."""
    scope: dict[ast.AST, ast.AST] = {}

    def visit(node: ast.AST, owner: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            scope[child] = owner
            visit(child, child if isinstance(child, (ast.FunctionDef, ast.Lambda)) else owner)

    visit(tree, tree)
    return scope


class Resolver:
    """The parameter names a mapping expression holds, followed through assignments; None where unknown."""

    def __init__(self, tree: ast.Module) -> None:
        self.scope = _scopes(tree)
        self.assigned: dict[tuple[ast.AST, str], list[ast.Assign]] = defaultdict(list)
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.assigned[(self.scope[node], target.id)].append(node)

    def keys(self, expr: ast.AST | None, at: ast.AST) -> frozenset | None:
        if isinstance(expr, ast.Dict):
            found: set[str] = set()
            for key, value in zip(expr.keys, expr.values, strict=True):
                if key is None:
                    spread = self.keys(value, at)
                    if spread is None:
                        return None
                    found |= spread
                elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                    found.add(key.value)
                else:
                    return None
            return frozenset(found)
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "params":
            return FILTER_PARAMS  # Filters.params()
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "dict" and not expr.args:
            return self.kwargs(expr, at)[0]
        if isinstance(expr, ast.Name):
            owner = self.scope.get(at)
            while owner is not None:
                before = [a for a in self.assigned.get((owner, expr.id), []) if a.lineno <= at.lineno]
                if before:
                    return self.keys(before[-1].value, before[-1])
                owner = self.scope.get(owner)
        return None

    def kwargs(self, call: ast.Call, at: ast.AST) -> tuple[frozenset | None, frozenset]:
        explicit = frozenset(k.arg for k in call.keywords if k.arg)
        given: set[str] | None = set(explicit)
        for k in call.keywords:
            if k.arg is None:
                spread = self.keys(k.value, at)
                given = None if given is None or spread is None else given | spread
        return (None if given is None else frozenset(given)), explicit


def _callee(call: ast.Call) -> str | None:
    return call.func.id if isinstance(call.func, ast.Name) else call.func.attr if isinstance(call.func, ast.Attribute) else None


def _literal(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def call_sites(path: Path) -> list[Site]:
    """Return every place the file names a query to run, with the parameters it gives where they are known."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    resolver = Resolver(tree)
    forwarders = _lambda_forwarders(tree, resolver)
    sites: list[Site] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            callee = _callee(node)
            if callee in forwarders:  # e.g. q = lambda name, **extra: run_query(con, name, **params, **extra)
                base = forwarders[callee]
                given, explicit = resolver.kwargs(node, node)
                if node.args and _literal(node.args[0]):
                    both = None if given is None or base is None else given | base
                    sites.append(Site(path, node.args[0], _literal(node.args[0]), both, explicit))
            elif callee in CALL_PATTERNS:
                sites += _pattern_sites(path, node, callee, resolver)
            if callee == "queries":  # fkb.store.data.queries(("name", params), first_page(...), ...)
                sites += [_tuple_site(path, a, resolver) for a in node.args if isinstance(a, ast.Tuple)]
        if isinstance(node, ast.Assign) and any(getattr(x, "id", None) in NAME_TABLES for x in node.targets):
            index = NAME_TABLES[node.targets[0].id]
            rows = node.value.elts if isinstance(node.value, ast.Tuple) else []
            sites += [Site(path, r.elts[index], _literal(r.elts[index]), frozenset(), frozenset()) for r in rows]
        if isinstance(node, ast.FunctionDef) and node.name == "first_view":  # fkb.serve's warm-up list
            for ret in (n for n in ast.walk(node) if isinstance(n, ast.Return) and isinstance(n.value, ast.Tuple)):
                sites += [_tuple_site(path, t, resolver) for t in ret.value.elts if isinstance(t, ast.Tuple)]
    return sites


def _pattern_sites(path: Path, call: ast.Call, callee: str, resolver: Resolver) -> list[Site]:
    positions, params = CALL_PATTERNS[callee]
    if params == "kwargs":
        given, explicit = resolver.kwargs(call, call)
    elif isinstance(params, int):
        arg = call.args[params] if len(call.args) > params else None
        given = resolver.keys(arg, call)
        explicit = _literal_keys(arg)
    elif params == "parameter":
        given = explicit = frozenset({_literal(call.args[1])} if len(call.args) > 1 and _literal(call.args[1]) else ())
    else:
        given, explicit = frozenset(), frozenset()
    sites = []
    for position in positions:
        if isinstance(position, int):
            node = call.args[position] if len(call.args) > position else None
        else:
            node = next((k.value for k in call.keywords if k.arg == position), None)
        if isinstance(node, ast.Tuple):  # several names (Section.queries) or (name, parameters) pairs (PageViews.others)
            inner = [e.elts[0] if isinstance(e, ast.Tuple) and e.elts else e for e in node.elts]
            sites += [Site(path, e, _literal(e), None, frozenset(), runs=False) for e in inner if _literal(e)]
            continue
        name = _literal(node)
        if name is None:
            continue  # a name handed on (data.query's own name): checked where it is written
        paged = position in PAGED.get(callee, ())
        known = None if given is None else given | (PAGE_PARAMS if paged else frozenset())
        sites.append(Site(path, node, name, known, explicit, runs=params is not None))
    return sites


def _tuple_site(path: Path, node: ast.Tuple, resolver: Resolver) -> Site:
    name, params = (_literal(node.elts[0]), node.elts[1]) if len(node.elts) == 2 else (None, None)
    given = resolver.keys(params, node)
    explicit = _literal_keys(params)
    return Site(path, node.elts[0] if node.elts else node, name or ast.unparse(node), given, explicit)


def _literal_keys(node: ast.AST | None) -> frozenset:
    """Return the keys a dict display writes out (not those it spreads from another mapping)."""
    if not isinstance(node, ast.Dict):
        return frozenset()
    return frozenset(_literal(k) for k in node.keys if _literal(k))


def _lambda_forwarders(tree: ast.Module, resolver: Resolver) -> dict[str, frozenset | None]:
    """Return local lambdas that run the query named by their first argument, with the parameters they add."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda) and isinstance(node.value.body, ast.Call):
            body, args = node.value.body, node.value.args
            if _callee(body) == "run_query" and args.args and ast.unparse(body.args[1]) == args.args[0].arg:
                spreads = [k.value for k in body.keywords if k.arg is None and ast.unparse(k.value) != args.kwarg.arg]
                keys = [resolver.keys(s, node) for s in spreads]
                base = None if None in keys else frozenset().union(*keys, (k.arg for k in body.keywords if k.arg))
                found.update({t.id: base for t in node.targets if isinstance(t, ast.Name)})
    return found


SITES = [site for path in CODE for site in call_sites(path)]


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_file_starts_with_a_header_saying_what_one_row_is(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("-- One row") and lines[1].startswith("--"), "two-line header: one row is …; parameters"


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_header_names_every_parameter_it_uses(path: Path):
    text = path.read_text(encoding="utf-8")
    header = "\n".join(line for line in text.splitlines() if line.startswith("--"))
    body_params = set(re.findall(r"\$([a-z_]+)", "\n".join(line for line in text.splitlines() if not line.startswith("--"))))
    header_params = set(re.findall(r"\$([a-z_]+)", header))
    assert body_params == header_params or (not body_params and "none" in header.lower())


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_is_a_single_read_only_select(path: Path):
    body = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("--")).lower()
    assert re.match(r"\s*(with|select)\b", body)
    assert not re.search(r"\b(insert|update|delete|create|drop|attach|copy|pragma|set)\b\s", body.replace("set)", ""))
    assert ";" not in body.strip().rstrip(";")


def _result_lookups(tree: ast.Module) -> set[ast.AST]:
    """Return the names that look a result up or hand one on (frames["budget_cells"], {"budget_cells": cells})
    or are exported (__all__): not runs of a query."""
    found: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            found.add(node.slice)
        if isinstance(node, ast.Dict):
            found.update(k for k in node.keys if k is not None)
        if isinstance(node, ast.Assign) and any(getattr(x, "id", None) == "__all__" for x in node.targets):
            found.update(getattr(node.value, "elts", []))
    return found


def test_every_query_name_in_the_dashboards_code_stands_where_a_query_is_run():
    """A name written anywhere else (a new way of running queries) would escape the checks below."""
    found = {(site.where, site.name) for site in SITES}
    named = []
    for path in RUNTIME_CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        lookups = _result_lookups(tree)
        named += [
            (f"{path.relative_to(ROOT)}:{node.lineno}", node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value in QUERIES and node not in lookups
        ]
    assert len(named) > 40
    assert [name for name in named if name not in found] == []
    ways = {site.where.split(":")[0] for site in SITES}
    assert {
        "fkb/serve.py",
        "fkb/documents/list_exports.py",
        "fkb/documents/briefing_content.py",
        "pages/projekte.py",
        "bench/run.py",
    } <= ways


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_every_query_file_is_run_by_the_dashboard(path: Path):
    runtime = {str(p.relative_to(ROOT)) for p in RUNTIME_CODE}
    assert any(site.name == path.stem and site.where.split(":")[0] in runtime for site in SITES), (
        f"{path.stem}.sql is not run by any page or module"
    )


def test_every_query_a_call_names_exists():
    assert [site for site in SITES if site.name not in QUERIES] == []


def test_every_call_gives_the_parameters_its_query_uses():
    assert sum(site.runs for site in SITES) > 30
    unknown = [site for site in SITES if site.runs and site.given is None]
    missing = [
        (site, sorted(sql_files.query_params(site.name) - site.given))
        for site in SITES
        if site.name in QUERIES and site.runs and site.given is not None and not sql_files.query_params(site.name) <= site.given
    ]
    assert (unknown, missing) == ([], [])


def test_no_call_names_a_parameter_its_query_does_not_use():
    stray = [
        (site, sorted(site.explicit - sql_files.query_params(site.name)))
        for site in SITES
        if site.name in QUERIES and not site.explicit <= sql_files.query_params(site.name)
    ]
    assert stray == []


def test_the_benchmarks_page_lists_give_each_query_its_parameters():
    from bench import engine

    assert engine.PAGE_QUERIES
    for names in engine.PAGE_QUERIES.values():
        for name, filters in ((n, f) for n in names for f in engine.FILTERS.values()):
            given = {**filters, **engine.EXTRA, **engine.PAGE_PARAMS.get(name, {})}
            assert sql_files.query_params(name) <= given.keys(), name


def test_every_declared_view_gives_its_queries_their_parameters():
    from fkb import views
    from fkb.views.section import Section

    filters = Filters().params()
    modules = [m for m in vars(views).values() if isinstance(m, ModuleType)]
    declared = [v for m in modules for v in vars(m).values() if isinstance(v, Section)]
    calls = [c for s in declared for c in s.calls(filters)] + [c for p in views.PAGES.values() for c in p.calls(filters)]
    assert len(declared) > 5 and len(calls) > 10
    assert [
        (name, sorted(sql_files.query_params(name) - given.keys()))
        for name, given in calls
        if not sql_files.query_params(name) <= given.keys()
    ] == []


def test_the_warm_up_gives_each_query_its_parameters():
    from fkb.serve import first_view

    calls = first_view()
    assert len(calls) > 5
    assert [name for name, given in calls if not sql_files.query_params(name) <= given.keys()] == []


def test_query_names_outside_the_folder_are_refused():
    with pytest.raises(KeyError):
        sql_files.query_text("../data/sources")


@pytest.mark.parametrize("path", MACRO_FILES, ids=lambda p: p.stem)
def test_macro_file_says_what_each_macro_returns_and_its_parameters(path: Path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("-- ")
    defined = re.findall(r"^create macro (\w+)\(([^)]*)\)", text, flags=re.M)
    assert defined
    for name, params in defined:
        before = "\n".join(line for line in text.split(f"create macro {name}(")[0].splitlines() if line.startswith("--"))
        assert name in before, f"{name} not named in a comment before it"
        assert all(p.strip() in before for p in params.split(",") if p.strip()), f"{name}: parameters not described"


def test_the_store_creates_every_macro_file():
    assert sorted(sql_files.MACRO_FILES) == sorted(p.stem for p in MACRO_FILES)
    assert len(set(sql_files.MACRO_FILES)) == len(sql_files.MACRO_FILES)


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_a_query_names_the_macro_files_it_builds_on(path: Path):
    macros = {m: f.name for f in MACRO_FILES for m in re.findall(r"^create macro (\w+)", f.read_text(encoding="utf-8"), re.M)}
    text = path.read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("--"))
    header = "\n".join(line for line in text.splitlines() if line.startswith("--"))
    used = {macros[m] for m in re.findall(r"\b(\w+)\(", body) if m in macros}
    assert all(f"queries/macros/{name}" in header for name in used), sorted(used)


def _sql_lines(path: Path) -> list[str]:
    """Return the file's SQL lines without blanks and comments, stripped of their indentation."""
    lines = (
        line.split("--")[0].strip() if "'" not in line else line.strip() for line in path.read_text(encoding="utf-8").splitlines()
    )
    return [line for line in lines if line]


def test_no_block_of_six_sql_lines_stands_in_two_files():
    files = QUERY_FILES + MACRO_FILES
    assert len(files) > 30
    where: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for path in files:
        lines = _sql_lines(path)
        for start in range(len(lines) - 5):
            where[tuple(lines[start : start + 6])].add(str(path.relative_to(ROOT)))
    assert {block: sorted(paths) for block, paths in where.items() if len(paths) > 1} == {}
