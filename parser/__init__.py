"""Cleaned text → the structured plan.  The whole pipeline's entry points live here."""

from wpclean.cleaner.options import Options
from wpclean.parser.document import Result, process_bytes, process_text

__all__ = ["Options", "Result", "process_bytes", "process_text"]
