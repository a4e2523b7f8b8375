"""Publishing: the briefing notebook run and exported as one self-contained HTML file, Word, PDF, the appendix workbooks and the tidy frames.

Examples
--------
>>> from perfkit.publish import publish_briefing
>>> callable(publish_briefing)
True
"""

from perfkit.publish.notebook import build_briefing, publish_briefing

__all__ = ["build_briefing", "publish_briefing"]
