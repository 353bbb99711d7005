"""Start the chat UI: ``python ui.py [--host 127.0.0.1] [--port 7860]``.

The same as ``python -m qa serve``. Host and port also come from
``QA_UI_HOST`` / ``QA_UI_PORT``; every other ``QA_*`` setting applies too
(corpus folder, index folder, answer mode, ...).
"""
from __future__ import annotations

import sys

from qa.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["serve", *sys.argv[1:]]))
