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

import streamlit as st

from fkb.contract.formatting import fmt_list
from fkb.contract.url_values import Matched, match_values, shown_value
from fkb.ui.markdown_text import md_escape

_NOTICES = "_url_notices"  # the notices of rewritten links, kept while the page and the parameter stay as corrected
_PENDING = "_url_rewritten"  # the parameters rewritten in this run, for rerun_if_rewritten()
_DONE = "_url_rewrites_done"  # rewrites already rerun for: the same one twice would loop


@dataclass(frozen=True)
class Kind:
    """How the notices name one parameter's options in German."""

    none: str  # "kein Bündnis": „Unbekannt“ ist kein Bündnis dieser Daten
    among: str  # "Bündnissen": „Ost“ passt zu mehreren Bündnissen
    shown: str  # "Bündnis ": what is shown instead, before the matched options' labels
    everything: str  # "ganz Niedersachsen": what is shown when nothing matched


def notice_lines(key_labels: Mapping[str, str], kind: Kind, matched: Matched) -> list[str]:
    """Return the notices (plain German text) for the unknown and ambiguous values of one parameter."""
    instead = kind.shown + fmt_list([key_labels.get(k, k) for k in matched.keys]) if matched.keys else kind.everything
    lines = [f"„{shown_value(v)}“ ist {kind.none} dieser Daten – gezeigt wird {instead}." for v in matched.unknown]
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
) -> tuple[str, ...]:
    """Return the options the link's `key` means and correct the link where it says them otherwise.

    `spellings` maps each option's key to its other names, `written` to the form the app writes in the
    link (a widget's label, or the key itself); `joined` is the separator of a list in one value (`,`);
    `widget` says that a widget is bound to the parameter (bind="query-params"). A correction is sent at
    once; rerun_if_rewritten() then starts the run that reads it.
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
    lines = notice_lines(written, kind, matched)
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
