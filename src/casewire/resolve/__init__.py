"""Cross-document resolution: entities, events (cases live in casewire.resolve.cases)."""

from casewire.resolve.entities import EntityResolution, resolve_entities
from casewire.resolve.events import merge_events

__all__ = ["EntityResolution", "merge_events", "resolve_entities"]
