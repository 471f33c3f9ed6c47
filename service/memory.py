"""Give freed heap memory back to the operating system after a large one-off computation.

Loading the dataset, validating it and building the audit allocate and free tens of megabytes;
glibc keeps freed memory in the process unless asked, so the server's resident size would stay
at its peak. `release_free_memory()` asks (`malloc_trim`); elsewhere it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache


@cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        library = ctypes.CDLL(name)
    except OSError:
        return None
    return library if hasattr(library, "malloc_trim") else None


def release_free_memory() -> None:
    """Return free heap pages to the OS (glibc only; a no-op elsewhere)."""
    library = _libc()
    if library is not None:
        library.malloc_trim(0)
