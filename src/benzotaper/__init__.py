"""benzotaper: a private, local planner and journal for tapering benzodiazepines and z-drugs.

It informs; it never replaces the prescriber.
"""

__version__ = "0.1.0"
