"""Who may publish: a shared key from Streamlit secrets (publish_token) or DASHBOARD_PUBLISH_TOKEN."""

from __future__ import annotations

import hmac
import os

import streamlit as st


def publish_token() -> str | None:
    """Return the configured publishing key, or None when publishing is not set up on this server."""
    try:
        token = st.secrets.get("publish_token")
    except Exception:  # no secrets.toml at all: Streamlit raises its own not-found error
        token = None
    token = token or os.environ.get("DASHBOARD_PUBLISH_TOKEN")
    return str(token) if token else None


def may_publish(entered: str) -> bool:
    """Return True if the entered key matches the configured one (constant-time comparison)."""
    token = publish_token()
    return bool(token and entered) and hmac.compare_digest(entered.encode("utf-8"), token.encode("utf-8"))
