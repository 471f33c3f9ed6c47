"""The OpenAPI description, made exact: what every operation really answers.

FastAPI documents request validation failures as 422; baap-kg answers them (and every other bad
input) with 400 `application/problem+json`, so the schema says so. Filter parameters that take a
notation list the notations of the loaded data as an enum, and collection responses carry the
Hydra collection schema, so generated clients (and schemathesis) see the real contract.
"""

from __future__ import annotations

from typing import Any, Final

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from service.api_vocabulary import DIMENSIONS, Vocabulary, role_parameters

PROBLEM_SCHEMA: Final[dict[str, Any]] = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
    },
}
_NODE: Final[dict[str, Any]] = {
    "type": "object",
    "required": ["id", "type"],
    "properties": {"id": {"type": "string"}, "type": {"type": "string"}},
}
COLLECTION_SCHEMA: Final[dict[str, Any]] = {
    "type": "object",
    "required": ["@context", "id", "type", "totalItems", "member", "view"],
    "properties": {
        "@context": {"type": "string"},
        "id": {"type": "string"},
        "type": {"const": "Collection"},
        "totalItems": {"type": "integer", "minimum": 0},
        "member": {"type": "array", "items": _NODE},
        "view": {
            "type": "object",
            "required": ["id", "type", "first", "last"],
            "properties": {
                "id": {"type": "string"},
                "type": {"const": "PartialCollectionView"},
                "first": {"type": "string"},
                "last": {"type": "string"},
                "next": {"type": "string"},
                "previous": {"type": "string"},
            },
        },
    },
}
#: Filter parameter -> dimensions whose notations it accepts.
_ENUM_PARAMETERS: Final[dict[str, tuple[str, ...]]] = {
    "thematicPriority": ("thematicPriority",),
    "regionalInitiative": ("regionalInitiative",),
    "region": ("region",),
    "strategicInitiative": ("strategicInitiative",),
    "question": ("question",),
    "sdg": ("sdgGoal", "sdgTarget"),
    "wsis": ("wsis",),
    "country": ("country",),
    "partner": ("partner",),
}


def _problem_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }


def build_openapi(app: FastAPI, vocabulary: Vocabulary | None) -> dict[str, Any]:
    """The app's OpenAPI document with 400 problems, enums and collection schemas."""
    schema = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM_SCHEMA
    components["HydraCollection"] = COLLECTION_SCHEMA
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            if "400" not in responses or "content" not in responses["400"]:
                responses["400"] = _problem_response("bad input; the detail says what to change")
            for status in ("403", "404", "405", "406", "413", "415", "503"):
                if status in responses:
                    responses[status] = _problem_response(responses[status].get("description", ""))
            if path.startswith("/api/"):
                content = responses["200"]["content"]["application/ld+json"]
                content["schema"] = {"$ref": "#/components/schemas/HydraCollection"}
                if path == "/api/activities":
                    operation.setdefault("parameters", []).extend(role_parameters(vocabulary))
                if vocabulary is not None:
                    _add_enums(operation, vocabulary)
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    return schema


def _add_enums(operation: dict[str, Any], vocabulary: Vocabulary) -> None:
    for parameter in operation.get("parameters", []):
        dimensions = _ENUM_PARAMETERS.get(parameter["name"])
        if dimensions and all(d in DIMENSIONS for d in dimensions):
            values = ["", *(v for d in dimensions for v in vocabulary.shown[d])]  # "": any
            parameter["schema"] = {"anyOf": [{"type": "string", "enum": values}, {"type": "null"}]}
