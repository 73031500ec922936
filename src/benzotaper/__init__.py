"""benzotaper: a private, local planner and journal for tapering benzodiazepines and z-drugs.

It informs; it never replaces the prescriber.
"""

import sys

__version__ = "0.1.0"

# Write byte-code for what this process imports, even where PYTHONDONTWRITEBYTECODE is set (as on the
# project machines): each module is compiled once, on its first import, instead of on every start.
# This replaces compiling all ~3,000 installed files at install time, which doubled the wait for the
# first page on a fresh machine (docs/performance.md, "First page on a fresh machine").
sys.dont_write_bytecode = False
