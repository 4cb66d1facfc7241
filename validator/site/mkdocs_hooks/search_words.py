"""MkDocs hook: teach jieba the handbook's vocabulary before the search index is built.

The search box does not segment what a reader types, so a query like 备用机 only finds pages
whose index holds 备用机 as one word; jieba's general dictionary would split it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

WORDS = Path(__file__).resolve().parents[2] / "data" / "search_words.txt"


def on_config(config: Any, **kwargs: Any) -> Any:
    """Load `validator/data/search_words.txt` into jieba's default tokenizer."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.load_userdict(str(WORDS))
    return config
