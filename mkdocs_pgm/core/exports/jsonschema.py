"""The front-matter schema as JSON Schema, and as rows for the docs reference."""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import models_json_schema

from ..model import schema
from ..model.validate import HOST_KEYS

SCHEMA_ID = "https://mkdocs-pgm.invalid/schema/front-matter-v1.json"


def json_schema() -> dict[str, Any]:
    """One JSON Schema (draft 2020-12) for every page type, chosen by ``type``.

    Properties use the snake_case spelling; the plugin also accepts other
    separators (``dependsOn``), which an editor using this schema will flag.
    """
    models = list(schema.PAGE_MODELS.items())
    _, defs = models_json_schema([(m, "validation") for _, m in models], ref_template="#/$defs/{model}")
    definitions = defs.get("$defs", {})
    host = {key: {"description": "Used by MkDocs or Material; accepted as is."} for key in sorted(HOST_KEYS)}
    one_of = []
    for kind, model in models:
        definition = definitions[model.__name__]
        props = definition.setdefault("properties", {})
        props["type"] = {"description": props.get("type", {}).get("description", ""), "enum": [kind, kind.capitalize(), kind.upper()]}
        for key, value in host.items():
            props.setdefault(key, value)
        if "decision_makers" in props:
            alias = {k: v for k, v in props["decision_makers"].items() if k != "description"}
            props["deciders"] = {"description": "Alias of decision_makers (MADR 2/3).", **alias}
        required = [name for name in definition.get("required", []) if name != "type"]
        definition["required"] = list(dict.fromkeys(["type", *required, *model.required]))
        one_of.append({"$ref": f"#/$defs/{model.__name__}"})
    for name in ("DecisionEntry", "DecisionPage"):
        props = definitions.get(name, {}).get("properties", {})
        if "decision_makers" in props:
            alias = {k: v for k, v in props["decision_makers"].items() if k != "description"}
            props["deciders"] = {"description": "Alias of decision_makers (MADR 2/3).", **alias}
            props["decision-makers"] = {"description": "MADR 4 spelling of decision_makers.", **alias}
    page_models = {page_model.__name__ for _, page_model in models}  # their required fields are merged above
    for name, definition in definitions.items():
        named = getattr(schema, name, None)
        extra = getattr(named, "required", ()) if named is not None and name not in page_models else ()
        if extra and isinstance(extra, tuple):
            definition["required"] = list(dict.fromkeys([*definition.get("required", []), *extra]))
        for prop_name, prop in definition.get("properties", {}).items():
            _lenient_property(prop_name, prop)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "mkdocs-pgm front matter (contract v1)",
        "description": "Front matter of portfolio, program, project and decision pages.",
        "oneOf": one_of,
        "$defs": definitions,
    }


#: List items that may also be written as a plain string (``depends_on: [A]``, ``deliverables: [Site]``).
_STRING_ITEMS = {"depends_on", "deliverables", "lessons"}


def _lenient_property(name: str, prop: dict[str, Any]) -> None:
    """Accept what the plugin accepts: a single value for a list, a string for some items."""
    if prop.get("type") != "array" or "items" not in prop:
        return
    items = prop["items"]
    if name in _STRING_ITEMS and "$ref" in items:
        items = prop["items"] = {"anyOf": [items, {"type": "string"}]}
    array = {"type": "array", "items": items}
    extra = {k: v for k, v in prop.items() if k not in ("type", "items")}
    prop.clear()
    prop.update(extra)
    prop["anyOf"] = [array, items]


def dumps() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=False, ensure_ascii=False) + "\n"


def _type_text(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if "enum" in prop:
        return " | ".join(str(v) for v in prop["enum"])
    if "const" in prop:
        return str(prop["const"])
    if "anyOf" in prop:
        parts = [_type_text(p) for p in prop["anyOf"] if p.get("type") != "null"]
        return " or ".join(dict.fromkeys(p for p in parts if p))
    kind = prop.get("type")
    if kind == "array":
        return f"list of {_type_text(prop.get('items', {}))}"
    if kind == "string" and prop.get("pattern") and "Q" in prop["pattern"]:
        return "date"
    if kind == "string" and prop.get("format") == "date":
        return "date"
    if kind == "string" and prop.get("pattern"):
        return "id"
    if kind in ("integer", "number") and ("minimum" in prop or "maximum" in prop):
        return f"{kind} {_bound(prop.get('minimum'))}–{_bound(prop.get('maximum'))}"
    return {"string": "text", "number": "number", "integer": "integer", "boolean": "true/false", "object": "mapping"}.get(kind or "", kind or "any")


def _bound(value: Any) -> str:
    """A bound as the reference shows it: ``-36,500``, ``1,000,000,000,000,000``."""
    if value is None:
        return ""
    return f"{value:,}" if isinstance(value, int) or (float(value).is_integer() and abs(value) >= 1000) else str(value)


def field_rows(model: type[schema.Model], skip: set[str] = frozenset()) -> list[dict[str, str]]:  # type: ignore[assignment]
    """One row per field: name, type, required, default, description."""
    generated = model.model_json_schema(ref_template="{model}")
    props = generated.get("properties", {})
    required = set(generated.get("required", [])) | set(getattr(model, "required", ()))
    own = list(getattr(model, "__annotations__", {}))
    names = sorted(model.model_fields, key=lambda n: (n not in ("type", "id", "title"), n not in own))
    rows = []
    for name in names:
        info = model.model_fields[name]
        if name in skip:
            continue
        prop = props.get(info.alias or name, {})
        default = info.get_default(call_default_factory=True) if not info.is_required() else None
        if isinstance(default, list):
            default = default if default else None
        rows.append(
            {
                "name": info.alias or name,
                "type": "portfolio | program | project | decision" if name == "type" else _type_text(prop),
                "required": "yes" if name in required else "",
                "default": "" if default in (None, "") else str(default),
                "description": (info.description or "").strip(),
            }
        )
    return rows
