"""Links typed or edited by hand: every URL parameter the app reads goes through one matcher
(fkb.contract.url_values), the link is rewritten to the form the app writes, and a value that means
nothing is named in a German notice together with what is shown instead.

Streamlit seeds a widget bound to the URL (bind="query-params") from the address of a session's first
run and drops a value that is not one of its options without a word. So the address is corrected
before the widgets run and the script runs once more (st.rerun): that run's widgets read the corrected
address. A parameter bound to a widget that already ran in this session cannot be rewritten (Streamlit forbids
it); there the callers take the matched value from settle()'s result (fkb.ui.filters._resync_on_page_switch).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from fkb.contract.formatting import fmt_list
from fkb.contract.url_values import Matched, district_spellings, match_values, shown_value
from fkb.ui.markdown_text import md_escape

_NOTICES = "_url_notices"  # the notices of rewritten links, kept while the page and the parameter stay as corrected
_PENDING = "_url_rewritten"  # the parameters rewritten in this run, for rerun_if_rewritten()
_DONE = "_url_rewrites_done"  # rewrites already rerun for: the same one twice would loop


@dataclass(frozen=True)
class Kind:
    """How the notices name one parameter's options in German."""

    none: str  # "kein Bündnis dieser Daten": „Unbekannt“ ist kein Bündnis dieser Daten
    among: str  # "Bündnissen": „Ost“ passt zu mehreren Bündnissen
    shown: str  # "Bündnis ": what is shown instead, before the matched options' labels
    everything: str  # "ganz Niedersachsen": what is shown when nothing matched


def notice_lines(key_labels: Mapping[str, str], kind: Kind, matched: Matched) -> list[str]:
    """Return the notices (plain German text) for the unknown and ambiguous values of one parameter."""
    instead = kind.shown + fmt_list([key_labels.get(k, k) for k in matched.keys]) if matched.keys else kind.everything
    lines = [f"„{shown_value(v)}“ ist {kind.none} – gezeigt wird {instead}." for v in matched.unknown]
    lines += [
        f"„{shown_value(v)}“ passt zu mehreren {kind.among}: {fmt_list([key_labels.get(k, k) for k in keys], 'und')}"
        f" – bitte genauer angeben; gezeigt wird {instead}."
        for v, keys in matched.ambiguous
    ]
    return lines


def settle(
    key: str,
    spellings: Mapping[str, Iterable[str]],
    written: Mapping[str, str],
    kind: Kind,
    joined: str | None = None,
    widget: bool = False,
    labels: Mapping[str, str] | None = None,
) -> tuple[str, ...]:
    """Return the options the link's `key` means and correct the link where it says them otherwise.

    `spellings` maps each option's key to its other names, `written` to the form the app writes in the
    link (a widget's label, or the key itself); `joined` is the separator of a list in one value (`,`);
    `widget` says that a widget is bound to the parameter (bind="query-params"); `labels` names the options in
    the notice (default: `written`). A correction is sent at once; rerun_if_rewritten() then starts the run
    that reads it.
    """
    typed = st.query_params.get_all(key)
    if not typed:
        return ()
    matched = match_values(typed, spellings)
    canonical = [written[k] for k in matched.keys]
    if joined is not None and canonical:
        canonical = [joined.join(canonical)]
    if canonical == typed:
        return matched.keys
    lines = notice_lines(labels or written, kind, matched)
    if widget and key in st.session_state:  # its widget ran in this session: bound, and its value is the session's
        _show(lines)
        return matched.keys
    if canonical:
        st.query_params[key] = canonical
    else:
        st.query_params.pop(key, None)
    notices = st.session_state.setdefault(_NOTICES, [])
    notices += [{"key": key, "values": canonical, "page": None, "text": line} for line in lines]
    st.session_state.setdefault(_PENDING, []).append((key, tuple(typed)))
    return matched.keys


def link_choice(key: str, labels: Mapping[str, str], kind: Kind, spellings: Mapping[str, Iterable[str]] | None = None) -> None:
    """Correct the link's value of a widget bound to `key` whose link holds its option's label (a selectbox,
    tabs, a segmented control) before the widget runs; `labels` maps each option to that label."""
    settle(key, spellings or {option: (label,) for option, label in labels.items()}, labels, kind, widget=True)
    rerun_if_rewritten()


def rerun_if_rewritten() -> None:
    """Run the script again when settle() corrected the link in this run, so that bound widgets read it."""
    pending = tuple(st.session_state.pop(_PENDING, []))
    done = st.session_state.setdefault(_DONE, set())
    if pending and pending not in done:
        done.add(pending)
        st.rerun()


def show_url_notices(page: str) -> None:
    """Show the notices of corrected links on `page`; a notice goes once the page or its parameter changes."""
    kept = []
    for notice in st.session_state.get(_NOTICES, []):
        notice["page"] = notice["page"] or page
        if notice["page"] == page and st.query_params.get_all(notice["key"]) == notice["values"]:
            kept.append(notice)
    st.session_state[_NOTICES] = kept
    _show([n["text"] for n in kept])


def _show(lines: list[str]) -> None:
    if lines:
        st.warning("  \n".join(md_escape(line) for line in lines), icon=":material/link_off:")


def keyed_choice(label: str, labels: dict[str, str], key: str, help_text: str) -> str:
    """Render a selectbox whose chosen key (not its German label) stands in the URL as `key`=…, e.g. mass=esf;
    the first option is the default and leaves the URL without it. A link may name the key or the label in any
    case (fkb.ui.url_values); an unknown value shows the default with a notice."""
    options = list(labels)
    kind = Kind(f"keine Wahl unter „{label}“", "Wahlen", "", f"„{labels[options[0]]}“")
    matched = settle(key, {option: (text,) for option, text in labels.items()}, {o: o for o in options}, kind)
    rerun_if_rewritten()
    if key not in st.session_state and matched:
        st.session_state[key] = matched[0]
    chosen = st.selectbox(label, options, format_func=labels.get, key=key, help=help_text)
    if chosen == options[0]:
        st.query_params.pop(key, None)
    elif st.query_params.get(key) != chosen:
        st.query_params[key] = chosen
    return chosen


def district_link_spellings(districts: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Return each district's spellings in a link: its AGS, its name with or without "Landkreis" (columns ags, name, kind)."""
    return {d: district_spellings(d, name, kind) for d, name, kind in zip(districts.ags, districts["name"], districts.kind)}


def alliance_spellings(alliances: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Return each alliance's spellings in a link besides its id: its short and its full name (query alliance_options)."""
    return {a: (short, name) for a, short, name in zip(alliances.alliance_id, alliances.short_name, alliances["name"])}
