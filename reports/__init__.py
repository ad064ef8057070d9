"""Aggregate reports: the weekly report for the Department of Local Administration (DLA).

``weekly.build_weekly`` computes the figures from the database (``weeks`` and ``timeline`` say
how a week and a past status are read); ``render_*`` turn them into HTML, PDF, XLSX and CSV
without touching the database; ``delivery`` queues the email, ``jobs`` is the scheduler's entry.
"""
