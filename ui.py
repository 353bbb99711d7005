"""Start the chat UI: ``python ui.py [--host 127.0.0.1] [--port 7860]``.

Host and port also come from ``QA_UI_HOST`` / ``QA_UI_PORT``; every other
``QA_*`` setting applies too (corpus folder, index folder, answer mode, ...).
"""
from __future__ import annotations

import argparse
import logging

from qa.config import Settings, offline_environment


def main() -> None:
    offline_environment()
    settings = Settings.from_env()
    parser = argparse.ArgumentParser(description="柳州政务文件问答 — web chat")
    parser.add_argument("--host", default=settings.ui_host, help="address to listen on (default %(default)s)")
    parser.add_argument("--port", type=int, default=settings.ui_port, help="port (default %(default)s)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("faiss", "sentence_transformers", "transformers", "httpx", "jieba"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

    from qa.engine import Engine
    from qa.webui import launch

    engine = Engine(settings.replace(ui_host=args.host, ui_port=args.port))
    print(f"柳州政务文件问答: http://{args.host}:{args.port}", flush=True)
    launch(engine, args.host, args.port)


if __name__ == "__main__":
    main()
