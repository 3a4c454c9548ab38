"""Cleaned text → the structured plan.  The whole pipeline's entry points live here."""

from wpclean.cleaner.errors import InputError, WpcleanError
from wpclean.cleaner.options import Options
from wpclean.parser.document import Result, process_bytes, process_document, process_text

__all__ = ["InputError", "Options", "Result", "WpcleanError", "process_bytes", "process_document", "process_text"]
