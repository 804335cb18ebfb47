"""Offline API reference: the app's OpenAPI document flattened for a server-rendered page.

FastAPI's Swagger UI and ReDoc load scripts from a CDN, which neither works
offline nor passes our CSP; this page needs no script at all.
"""

from __future__ import annotations

import re
from typing import Any

Record = dict[str, Any]


def _type(schema: Any) -> str:
    if not isinstance(schema, dict):
        return "any"
    if "anyOf" in schema:
        kinds = [_type(s) for s in schema["anyOf"] if s.get("type") != "null"]
        return " or ".join(kinds) + " (optional)" if kinds else "any"
    kind = str(schema.get("type") or "object")
    limits = [
        f"{name} {schema[key]}"
        for key, name in (("minimum", "≥"), ("maximum", "≤"), ("maxLength", "max length"))
        if key in schema
    ]
    return kind + (f" ({', '.join(limits)})" if limits else "")


def operations(spec: Record) -> list[Record]:
    """``[{method, path, summary, description, params}]`` in path order."""
    out = []
    for path, item in sorted((spec.get("paths") or {}).items()):
        for method, op in item.items():
            if not isinstance(op, dict):
                continue
            params = [
                {
                    "name": p.get("name"),
                    "in": p.get("in"),
                    "required": bool(p.get("required")),
                    "type": _type(p.get("schema")),
                    "description": p.get("description")
                    or (p.get("schema") or {}).get("description")
                    or "",
                    "default": (p.get("schema") or {}).get("default"),
                }
                for p in op.get("parameters") or []
                if isinstance(p, dict)
            ]
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": re.sub(r"[^A-Za-z0-9]+", "-", f"{method}-{path}").strip("-"),
                    "summary": op.get("summary") or "",
                    "description": op.get("description") or "",
                    "params": params,
                }
            )
    return out
