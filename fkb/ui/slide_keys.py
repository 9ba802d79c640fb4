"""Presenter keys for the slides: →, PageDown and Space go on, ←, PageUp back, Home and End to the first and last.

Streamlit hands no key events to Python, and a button's `shortcut` takes one key only (presenter clickers
send PageDown/PageUp, keyboards →/← or Space). A custom component (st.components.v2, Streamlit ≥ 1.51)
listens for the keys instead: fixed JavaScript of this module (no data in it), sent by this server with
the page, no outside request. It reports "next", "previous", "first" or "last" as a trigger value; Python
turns the slide as "Weiter" and "Zurück" do, so the slide number stays in the address (folie=).

Keys are left alone while a text field, select or other input has focus (its own keys), with Alt, Ctrl,
Cmd or Shift (Alt+← is the browser's back), and held down (one slide per press). Space on a focused
button or link presses that control, as everywhere: a keyboard user who moved to "Zurück" goes back. The keys work once the
page has loaded the component: it marks the page <html data-presenter-keys="on"> (tests wait for it).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

STEPS = ("next", "previous", "first", "last")
KEYS_KEY = "folie_tasten"  # the component's key in st.session_state
KEYS_JS = """
export default function ({ setTriggerValue }) {
  const STEPS = {ArrowRight: 'next', PageDown: 'next', ' ': 'next', ArrowLeft: 'previous', PageUp: 'previous',
                 Home: 'first', End: 'last'};
  const INPUTS = ['INPUT', 'TEXTAREA', 'SELECT'];
  const INPUT_ROLES = ['textbox', 'combobox', 'listbox', 'option', 'searchbox', 'slider', 'spinbutton', 'menu', 'menuitem'];
  const PRESSABLE = ['BUTTON', 'A', 'SUMMARY'];
  const role = (el) => (el.getAttribute ? el.getAttribute('role') : null);
  const along = (event) => event.composedPath().filter((el) => el.tagName);
  const typing = (event) => along(event).some((el) => INPUTS.includes(el.tagName) || el.isContentEditable
    || INPUT_ROLES.includes(role(el)));
  const pressing = (event) => event.key === ' ' && along(event).some((el) => PRESSABLE.includes(el.tagName)
    || role(el) === 'button');
  const onKey = (event) => {
    const step = STEPS[event.key];
    if (!step || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.repeat) return;
    if (typing(event) || pressing(event)) return;
    event.preventDefault();
    setTriggerValue('step', step);
  };
  document.addEventListener('keydown', onKey, true);  // capture: before a control that keeps its keys (the picker)
  document.documentElement.dataset.presenterKeys = 'on';
  return () => {
    document.removeEventListener('keydown', onKey, true);
    delete document.documentElement.dataset.presenterKeys;
  };
}
"""
# Registered once, at import (Streamlit warns about a component registered again on every run).
_SLIDE_KEYS = st.components.v2.component("fkb_slide_keys", js=KEYS_JS)


def target_slide(step: str, number: int, total: int) -> int:
    """Return the slide a key leads to from slide `number` of `total` (an unknown step stays)."""
    return {"next": min(number + 1, total), "previous": max(number - 1, 1), "first": 1, "last": total}.get(step, number)


def presenter_keys(on_step: Callable[[str], None]) -> None:
    """Listen for the presenter keys on this page; each press calls on_step with its step before the next run."""

    def pressed() -> None:
        step = st.session_state[KEYS_KEY].step
        if step in STEPS:
            on_step(step)

    _SLIDE_KEYS(key=KEYS_KEY, on_step_change=pressed, width="content", height=0)
