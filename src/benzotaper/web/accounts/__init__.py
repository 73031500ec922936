"""Accounts: sign-up, sign-in, settings (time zone, country, password, deleting one's data), the
person's profile with the risk factors the planner asks about, and personal API tokens."""
