"""Gavah (گواه, "witness"): evidence, victims register, estimation and accountability.

The package root holds only the version; each subpackage is one idea (see ARCHITECTURE.md).
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
