"""The victims register: list rows into records (first cut), later persons and review.

Owns turning one row of a list into a :class:`gavah.model.Record` with normalised fields. Reading
files is the caller's business; this package does no I/O.
"""

from gavah.register.row import EVENT_WORDS, SEX_WORDS, record_from_row

__all__ = ["EVENT_WORDS", "SEX_WORDS", "record_from_row"]
