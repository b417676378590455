"""The ``gavah`` command line (Typer + Rich): parses options, builds settings, calls inward.

It holds no domain logic; every command is a thin adapter over the packages it names.
"""
