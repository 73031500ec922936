"""The plan pages: start a plan, preview it, save it, hold, re-plan, and the plan history."""
