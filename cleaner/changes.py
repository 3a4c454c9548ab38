"""The record of what each cleaning step changed.

Like ftfy's explanations, every step that alters the text can append
:class:`Change` objects to a list the caller passes in; nothing is changed
silently.
"""

from __future__ import annotations

from dataclasses import dataclass

# Kinds of change, also the keys of ``Plan.stats`` counters.
ANNOTATION = "annotation_removed"
CONVERSION = "char_converted"
OVERRIDE = "override_applied"
PUNCT = "punct_normalized"
CHROME = "chrome_dropped"
LAYOUT = "layout_normalized"


@dataclass(frozen=True, slots=True)
class Change:
    """One edit: ``original`` at ``offset`` (in the text the step received) became ``replacement``."""

    kind: str
    step: str
    offset: int
    original: str
    replacement: str

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "step": self.step,
            "offset": self.offset,
            "original": self.original,
            "replacement": self.replacement,
        }


Record = list[Change] | None
