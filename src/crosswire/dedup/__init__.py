"""Wire copies and versions: group articles into families of near-duplicates."""

from crosswire.dedup.families import FamilyAssignment, FamilyIndex

__all__ = ["FamilyAssignment", "FamilyIndex"]
