"""Services of the investigation app: the only place its rules live (pages, API and jobs call them)."""
