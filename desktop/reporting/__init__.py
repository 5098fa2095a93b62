"""Reporting: month figures, the monthly report and its Excel form."""
