"""The options of the start command (scripts/start.sh, python -m fkb.serve), checked and made Streamlit's.

    bash scripts/start.sh                      this computer only: http://localhost:8501
    bash scripts/start.sh --port 8611          another port (also --port=8611 or Streamlit's --server.port 8611)
    bash scripts/start.sh --im-netz            reachable from the network (every interface), or DASHBOARD_IM_NETZ=1
    bash scripts/start.sh --nur-zeigen ...     print the command that would start, start nothing

The dashboard listens on 127.0.0.1 unless told otherwise: a laptop at an assembly does not serve the hall's
network by accident. The production start (scripts/serve.sh, fkb.proxy) has nginx listen on every interface
and its app processes on 127.0.0.1; tests and the benchmark name their address themselves.

`streamlit run dashboard.py -- --server.port 8611` hands everything after `--` to the script, not to the
server, which then starts on 8501 without a word: that form, and a bare word such as `8611`, is refused with
a German message that shows the form that works. Needs only Python (scripts/start.sh checks the options
with it before installing anything).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

LOCAL, EVERY_INTERFACE = "127.0.0.1", "0.0.0.0"  # noqa: S104 - every interface only when asked (--im-netz)
NETWORK_ENV = "DASHBOARD_IM_NETZ"
DRY_RUN = "--nur-zeigen"
_OWN_WITH_VALUE = {
    "--port": "--server.port",
    "-p": "--server.port",
    "--address": "--server.address",
    "--adresse": "--server.address",
}


class StartError(ValueError):
    """A start option that would be ignored or contradicts another: the message says it in German."""


def _usage(hint: str) -> str:
    return f"{hint}\nSo geht es: bash scripts/start.sh --port 8611   (nur dieser Rechner)\n            bash scripts/start.sh --port 8611 --im-netz   (auch aus dem Netz erreichbar)"


def streamlit_options(argv: list[str], env: Mapping[str, str] | None = None) -> list[str]:
    """Return the Streamlit options for the start command's arguments, with the address 127.0.0.1 unless
    --im-netz, DASHBOARD_IM_NETZ=1 or an explicit --server.address says otherwise. Raises StartError."""
    env = os.environ if env is None else env
    options: list[str] = []
    network = env.get(NETWORK_ENV, "").strip().lower() in ("1", "ja", "true", "yes")
    given: dict[str, str] = {}
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        name, has_value, value = word.partition("=")
        if word == "--":
            ignored = " ".join(rest)
            raise StartError(
                _usage(
                    f"Alles nach „--“ erreicht den Server nicht, Streamlit gibt es an das Skript weiter"
                    f"{f' („{ignored}“ würde ignoriert)' if ignored else ''}."
                )
            )
        if word == DRY_RUN:
            continue
        if word == "--im-netz":
            network = True
            continue
        if name in _OWN_WITH_VALUE or (name.startswith("--") and "." in name):
            if not has_value:
                if not rest or rest[0].startswith("-"):
                    raise StartError(_usage(f"„{name}“ braucht einen Wert."))
                value = rest.pop(0)
            option = _OWN_WITH_VALUE.get(name, name)
            if option in given and given[option] != value:
                raise StartError(_usage(f"Widersprüchlich: {option} ist zweimal angegeben ({given[option]} und {value})."))
            given[option] = value
            if option == "--server.port" and not value.isdigit():
                raise StartError(_usage(f"Der Port muss eine Zahl sein, nicht „{value}“."))
            options.append(f"{option}={value}")
            continue
        raise StartError(_usage(f"Unbekannte Angabe „{word}“."))
    if "--server.address" in given:
        if network and given["--server.address"] != EVERY_INTERFACE:
            raise StartError(_usage(f"Widersprüchlich: --im-netz und --server.address={given['--server.address']}."))
        return options
    return [f"--server.address={EVERY_INTERFACE if network else LOCAL}", *options]


def dry_run(argv: list[str]) -> bool:
    """Return whether the arguments ask only to print the command (--nur-zeigen)."""
    return DRY_RUN in argv


def main(argv: list[str] | None = None) -> int:
    """Check the start options (exit 2 with a German message); print the Streamlit options, one per line."""
    try:
        options = streamlit_options(sys.argv[1:] if argv is None else argv)
    except StartError as error:
        print(f"Dashboard-Start: {error}", file=sys.stderr)
        return 2
    print("\n".join(options))
    return 0


if __name__ == "__main__":
    sys.exit(main())
