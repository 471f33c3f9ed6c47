"""The English and Chinese text of the pages, one module per area; `service.i18n` joins them
(a message id may be defined once only)."""

from __future__ import annotations

from service.messages import audit, browse, reference, site, suggest, system

PARTS = (
    site.MESSAGES,
    browse.MESSAGES,
    audit.MESSAGES,
    system.MESSAGES,
    reference.MESSAGES,
    suggest.MESSAGES,
)
