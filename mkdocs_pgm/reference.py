"""Rows of the configuration reference, read from :class:`mkdocs_pgm.config.PgmConfig`.

The option docstrings in ``config.py`` are the single source of the
documentation; this module reads them with :mod:`ast` so they cannot drift.
"""

from __future__ import annotations

import ast
import inspect
from functools import lru_cache
from itertools import pairwise

from . import config as config_module


@lru_cache(maxsize=1)
def config_rows() -> tuple[dict[str, str], ...]:
    tree = ast.parse(inspect.getsource(config_module))
    docs: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "PgmConfig":
            body = node.body
            for current, following in pairwise(body):
                if (
                    isinstance(current, ast.Assign)
                    and isinstance(current.targets[0], ast.Name)
                    and isinstance(following, ast.Expr)
                    and isinstance(following.value, ast.Constant)
                    and isinstance(following.value.value, str)
                ):
                    docs[current.targets[0].id] = inspect.cleandoc(following.value.value)
    rows = []
    for name, option in config_module.PgmConfig._schema:  # noqa: SLF001 - the Config API lists options this way
        default = getattr(option, "default", None)
        shown = "" if default is None or default in ([], {}) else str(default).lower() if isinstance(default, bool) else str(default)
        rows.append({"name": name, "default": shown, "description": " ".join(docs.get(name, "").split())})
    return tuple(rows)
