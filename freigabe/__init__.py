"""Freigabe: self-hosted, pre-moderated comments for news publishers."""

__version__ = "0.1.0"
