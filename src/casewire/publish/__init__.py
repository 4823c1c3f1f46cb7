"""DataFrames -> versioned, validated, byte-deterministic releases.

Entry points: :func:`publish_release` (the flow's last step), :func:`validate_release`
(``casewire validate PATH``), :func:`diff_releases` (``casewire diff OLD NEW``).
"""

from casewire.publish.delta import diff_releases, render_diff
from casewire.publish.files import read_table, read_tables, write_tables
from casewire.publish.lock import OutputLockedError, output_lock
from casewire.publish.release import PublishResult, publish_release, read_latest
from casewire.publish.verify import ValidationReport, validate_release

__all__ = [
    "OutputLockedError",
    "PublishResult",
    "ValidationReport",
    "diff_releases",
    "output_lock",
    "publish_release",
    "read_latest",
    "read_table",
    "read_tables",
    "render_diff",
    "validate_release",
    "write_tables",
]
