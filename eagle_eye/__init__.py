"""Shared core of Eagle Eye: settings, errors and the command line."""
