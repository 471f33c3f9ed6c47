"""Every failure baap-kg reports, one class each.

    KGError                      base: status code, short code, actionable message
    ├── DataLoadError            a data or ontology file cannot be read or parsed (startup)
    ├── ShapesLoadError          the SHACL shapes cannot be read or parsed
    └── ValidationRunError       the SHACL engine failed while validating

Routers never raise rdflib or pySHACL exceptions: `store.py` and `validation.py` translate them
here, and `app.py` renders every KGError as `application/problem+json`.
"""

from __future__ import annotations


class KGError(Exception):
    """Base of all baap-kg errors; `message` says what went wrong and what to do."""

    status_code = 500
    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class DataLoadError(KGError):
    """A data or ontology file could not be read or parsed; the message names file and cause."""

    status_code = 500
    code = "data-load"


class ShapesLoadError(KGError):
    """A shapes file could not be read or parsed; the message names file and cause."""

    status_code = 500
    code = "shapes-load"


class ValidationRunError(KGError):
    """The SHACL engine failed while validating (not: the data does not conform)."""

    status_code = 500
    code = "validation-run"
