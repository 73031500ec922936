"""The journal: medicines, saved plans and their changes, doses taken, daily check-ins."""
