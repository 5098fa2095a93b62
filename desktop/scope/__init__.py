"""Scope: the division list and which units a code covers."""
