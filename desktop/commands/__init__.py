"""Headless subcommands of ``dutydesk`` (``main.py``): one module per command, no Qt."""
